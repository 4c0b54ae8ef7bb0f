package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.freshet.planner.stream.StateTableLayout;
import dev.freshet.planner.stream.StreamNode;
import dev.freshet.storage.ReadView;
import dev.freshet.storage.StateTables;
import dev.freshet.storage.StorageEngine;
import dev.freshet.storage.StorageEngines;
import dev.freshet.storage.StorageOptions;
import dev.freshet.storage.StorageWriter;

/**
 * Drives one operator instance over a real RocksDB the way the runtime does: steps of input
 * batches, epochs committed to storage, and restarts that rebuild the operator from what was
 * committed. Outputs are compared as Z-sets (rows with summed weights), since only the sum of a
 * step's changes is defined.
 */
final class OperatorHarness implements AutoCloseable {
    private static final long FIRST_KEYSPACE = 1000;

    private final StreamNode node;
    private final Function<OperatorContext, Operator> factory;
    private final StorageEngine storage;
    private final int cacheCapacity;
    private ReadView view;
    private List<OperatorState> states;
    private Operator operator;

    OperatorHarness(Path directory, StreamNode node, Function<OperatorContext, Operator> factory) {
        this(directory, node, factory, 1024);
    }

    OperatorHarness(Path directory, StreamNode node, Function<OperatorContext, Operator> factory, int cacheCapacity) {
        this.node = requireNonNull(node, "node is null");
        this.factory = requireNonNull(factory, "factory is null");
        this.cacheCapacity = cacheCapacity;
        this.storage = StorageEngines.open(directory, StorageOptions.defaults());
        start();
    }

    private void start() {
        view = storage.openReadView();
        states = new ArrayList<>();
        List<StateTableLayout> layouts = node.stateTables();
        for (int i = 0; i < layouts.size(); i++) {
            StateTableLayout layout = layouts.get(i);
            OperatorState state = new OperatorState(layout,
                    StateTables.buffered(OperatorState.descriptor(layout, FIRST_KEYSPACE + i), cacheCapacity));
            state.table().setReader(view);
            states.add(state);
        }
        List<OperatorState> contextStates = List.copyOf(states);
        operator = factory.apply(new OperatorContext() {
            @Override
            public List<OperatorState> stateTables() {
                return contextStates;
            }

            @Override
            public int instance() {
                return 0;
            }

            @Override
            public int instances() {
                return 1;
            }

            @Override
            public String viewName() {
                return "test_view";
            }
        });
    }

    /** One step with changes on one input; returns what the operator emitted. */
    ChangeBatch step(int input, ChangeBatch changes) {
        ChangeBatch output = new ChangeBatch();
        operator.process(input, changes, output);
        operator.finishStep(output);
        return output;
    }

    /** One step with changes on several inputs (index = input); returns what the operator emitted. */
    ChangeBatch step(ChangeBatch... changesPerInput) {
        ChangeBatch output = new ChangeBatch();
        for (int i = 0; i < changesPerInput.length; i++) {
            if (changesPerInput[i] != null) {
                operator.process(i, changesPerInput[i], output);
            }
        }
        operator.finishStep(output);
        return output;
    }

    /** The watermark of the operator's inputs rose to {@code watermark}; returns what the operator emitted. */
    ChangeBatch advanceWatermark(long watermark) {
        ChangeBatch output = new ChangeBatch();
        operator.advanceWatermark(watermark, output);
        return output;
    }

    /** Commits the epoch: every state table's buffered writes go to RocksDB in one batch. */
    void commit() {
        try (StorageWriter batch = storage.beginBatch()) {
            for (OperatorState state : states) {
                state.table().flush(batch);
            }
            batch.commit();
        }
        view.close();
        view = storage.openReadView();
        for (OperatorState state : states) {
            state.table().setReader(view);
        }
    }

    /** Forgets everything not committed and rebuilds the operator from committed state. */
    void restart() {
        for (OperatorState state : states) {
            state.table().discard();
        }
        view.close();
        start();
    }

    /** The rows of a state table as committed and buffered, in key order. */
    List<List<Object>> stateRows(int table) {
        List<List<Object>> rows = new ArrayList<>();
        try (dev.freshet.storage.CloseableIterator<Object[]> iterator = states.get(table).prefixScan(new Object[0])) {
            while (iterator.hasNext()) {
                rows.add(Arrays.asList(iterator.next()));
            }
        }
        return rows;
    }

    /** A batch's changes summed per row: the Z-set it stands for, without zero weights. */
    static Map<List<Object>, Long> zset(ChangeBatch batch) {
        Map<List<Object>, Long> sums = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            sums.merge(Arrays.asList(batch.row(i)), batch.weight(i), Long::sum);
        }
        sums.values().removeIf(weight -> weight == 0);
        return sums;
    }

    /** A batch built from alternating rows and weights: {@code batch(row(1, "a"), 1, row(2, "b"), -1)}. */
    static ChangeBatch batch(Object... rowsAndWeights) {
        ChangeBatch batch = new ChangeBatch();
        for (int i = 0; i < rowsAndWeights.length; i += 2) {
            batch.add((Object[]) rowsAndWeights[i], ((Number) rowsAndWeights[i + 1]).longValue());
        }
        return batch;
    }

    static Object[] row(Object... values) {
        return values;
    }

    @Override
    public void close() {
        view.close();
        storage.close();
    }
}
