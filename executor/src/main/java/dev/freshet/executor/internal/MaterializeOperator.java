package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a materialized view's rows and emits the changes actually made to them (what views
 * reading this view see).
 *
 * <p>Keyed layout (the view has a unique key): state table = the view's rows, key = the view's
 * key columns. In a step, the changes of each key are summed with the stored row; the one row
 * left with weight 1 is stored (or the key deleted when none is left), and the old and new rows
 * are emitted as -1 / +1 when they differ.
 *
 * <p>Counted layout (rows may repeat): state table = each distinct row once, key = all columns,
 * plus a trailing BIGINT count of copies. A step adds each row's summed weight to its count and
 * deletes the row when the count reaches 0.
 *
 * <p>Row-id layout (an append-only view without key, {@link #appending}): state table = each
 * row under a hidden BIGINT row id, like a table without primary key. An insertion of n copies
 * stores n rows under new ids, without reading anything; a retraction cannot come (the view is
 * append-only) and fails the view if it does. Ids are {@code generation << 32 | counter}: each
 * instance takes a generation from a durable sequence when it starts, and another after 2^32 rows,
 * so no instance and no run reuses an id another gave.
 *
 * <p>The tables are written every step a key changes and never cleaned otherwise: they are the
 * view's contents. Retractions are emitted with the stored values, so they cancel exactly what
 * was emitted before even when a recomputed value differs in representation (DECIMAL 1.0 vs 1.00).
 */
public final class MaterializeOperator implements Operator {
    private static final Logger LOG = LoggerFactory.getLogger(MaterializeOperator.class);

    private final OperatorState rows;
    private final int[] keyColumns;
    private final boolean counted;
    /** For the row-id layout, where the ids' generations come from; null for the other layouts. */
    private LongSupplier generations;
    private long nextRowId;
    private long generationEnd;
    private final int width;
    private final String viewName;
    private final Map<RowKey, List<Object[]>> changedRows = new LinkedHashMap<>();
    private final Map<RowKey, List<Long>> changedWeights = new HashMap<>();

    /**
     * @param keyColumns the view's key; empty for the counted layout
     * @param width the number of view columns
     */
    public MaterializeOperator(OperatorContext context, int[] keyColumns, int width) {
        this.rows = requireNonNull(context, "context is null").stateTables().get(0);
        this.counted = keyColumns.length == 0;
        this.width = width;
        this.keyColumns = counted ? allColumns(width) : keyColumns.clone();
        this.viewName = context.viewName();
    }

    /**
     * The operator of a view stored under row ids: it stores each inserted row under a new id.
     *
     * @param generations the next number of a durable sequence each time it is called
     */
    public static MaterializeOperator appending(OperatorContext context, int width, LongSupplier generations) {
        MaterializeOperator operator = new MaterializeOperator(context, new int[0], width);
        operator.generations = requireNonNull(generations, "generations is null");
        operator.startGeneration();
        return operator;
    }

    private void startGeneration() {
        long generation = generations.getAsLong();
        if (generation <= 0 || generation >= 1L << 31) {
            throw new IllegalStateException("row id generation " + generation + " does not fit in 31 bits");
        }
        nextRowId = generation << 32;
        generationEnd = nextRowId + (1L << 32);
    }

    private static int[] allColumns(int width) {
        int[] columns = new int[width];
        for (int i = 0; i < width; i++) {
            columns[i] = i;
        }
        return columns;
    }

    @Override
    public void process(int input, ChangeBatch changes, ChangeBatch output) {
        if (generations != null) {
            append(changes, output);
            return;
        }
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = changes.row(i);
            RowKey key = RowKey.of(row, keyColumns);
            changedRows.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            changedWeights.computeIfAbsent(key, k -> new ArrayList<>()).add(changes.weight(i));
        }
    }

    private void append(ChangeBatch changes, ChangeBatch output) {
        for (int i = 0; i < changes.size(); i++) {
            long weight = changes.weight(i);
            if (weight < 0) {
                throw new IllegalStateException("materialized view " + viewName + " is append-only but got a "
                        + "retraction of " + Arrays.toString(changes.row(i)));
            }
            Object[] row = changes.row(i);
            for (long copy = 0; copy < weight; copy++) {
                if (nextRowId == generationEnd) {
                    startGeneration();
                }
                Object[] stored = Arrays.copyOf(row, width + 1);
                stored[width] = nextRowId++;
                rows.put(stored);
            }
            output.add(row.length == width ? row : Arrays.copyOf(row, width), weight);
        }
    }

    @Override
    public void finishStep(ChangeBatch output) {
        for (Map.Entry<RowKey, List<Object[]>> entry : changedRows.entrySet()) {
            List<Long> weights = changedWeights.get(entry.getKey());
            if (counted) {
                applyCounted(entry.getKey(), entry.getValue(), weights, output);
            } else {
                applyKeyed(entry.getKey(), entry.getValue(), weights, output);
            }
        }
        changedRows.clear();
        changedWeights.clear();
    }

    private void applyCounted(RowKey key, List<Object[]> changes, List<Long> weights, ChangeBatch output) {
        long delta = 0;
        for (long weight : weights) {
            delta += weight;
        }
        if (delta == 0) {
            return;
        }
        Object[] stored = rows.get(key.values());
        long count = stored == null ? 0 : (Long) stored[width];
        Object[] row = stored == null ? changes.get(0) : Arrays.copyOf(stored, width);
        long updated = count + delta;
        if (updated < 0) {
            LOG.error("materialized view {}: row {} would have {} copies; keeping none", viewName, key, updated);
            updated = 0;
        }
        if (updated == 0) {
            rows.delete(key.values());
        } else {
            Object[] next = Arrays.copyOf(row, width + 1);
            next[width] = updated;
            rows.put(next);
        }
        output.add(row, updated - count);
    }

    private void applyKeyed(RowKey key, List<Object[]> changes, List<Long> weights, ChangeBatch output) {
        Object[] stored = rows.get(key.values());
        List<Object[]> candidates = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        if (stored != null) {
            candidates.add(stored);
            counts.add(1L);
        }
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = changes.get(i);
            int found = -1;
            for (int j = 0; j < candidates.size(); j++) {
                if (RowKey.rowsEqual(candidates.get(j), row)) {
                    found = j;
                    break;
                }
            }
            if (found < 0) {
                candidates.add(row);
                counts.add(weights.get(i));
            } else {
                counts.set(found, counts.get(found) + weights.get(i));
            }
        }
        Object[] result = null;
        for (int j = 0; j < candidates.size(); j++) {
            long count = counts.get(j);
            if (count == 0) {
                continue;
            }
            if (count != 1 || result != null) {
                LOG.error("materialized view {}: key {} would hold {} copies of {}; the plan's key is wrong", viewName,
                        key, count, Arrays.toString(candidates.get(j)));
            }
            if (count > 0) {
                result = candidates.get(j);
            }
        }
        if (stored != null && result == stored) {
            return;
        }
        if (stored != null) {
            output.add(stored, -1);
        }
        if (result == null) {
            rows.delete(key.values());
        } else {
            rows.put(result);
            output.add(result, 1);
        }
    }
}
