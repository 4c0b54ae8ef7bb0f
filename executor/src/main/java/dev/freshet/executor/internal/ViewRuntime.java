package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;
import dev.freshet.planner.MaterializedViewDescriptor;
import dev.freshet.planner.stream.StateTableLayout;
import dev.freshet.planner.stream.StreamAggregate;
import dev.freshet.planner.stream.StreamCalc;
import dev.freshet.planner.stream.StreamEmitOnWindowClose;
import dev.freshet.planner.stream.StreamJoin;
import dev.freshet.planner.stream.StreamNode;
import dev.freshet.planner.stream.StreamPlan;
import dev.freshet.planner.stream.StreamScan;
import dev.freshet.planner.stream.StreamSessionWindow;
import dev.freshet.planner.stream.StreamTopN;
import dev.freshet.planner.stream.StreamUnion;
import dev.freshet.planner.stream.StreamValues;
import dev.freshet.planner.stream.StreamWindow;
import dev.freshet.storage.StateTables;

/**
 * One materialized view's running dataflow: its plan's operators, each with one instance per
 * worker (one for operators whose distribution key is empty), ending in the operator that stores
 * the view's rows. Driven by the coordinator's thread, step by step.
 */
public final class ViewRuntime {
    private final MaterializedViewDescriptor view;
    private final StreamPlan plan;
    private final Stage root;
    private final List<OperatorState> states = new ArrayList<>();

    /**
     * @param rowIdGenerations for a view stored under row ids, a durable sequence its rows' ids
     *     are drawn from ({@link MaterializeOperator#appending})
     */
    public ViewRuntime(MaterializedViewDescriptor view, StreamPlan plan, int workers, int cacheEntries,
            LongSupplier rowIdGenerations) {
        this.view = requireNonNull(view, "view is null");
        this.plan = requireNonNull(plan, "plan is null");
        Iterator<Long> keyspaces = view.stateKeyspaces().iterator();
        Stage body = build(plan.root(), keyspaces, workers, cacheEntries);
        if (keyspaces.hasNext()) {
            throw new IllegalStateException("view " + view.name() + " has more state keyspaces than its plan uses");
        }
        int[] key = view.key().stream().mapToInt(Integer::intValue).toArray();
        int width = view.columns().size();
        StateTableLayout rowsLayout = rowsLayout(view);
        int instances = workers;
        Operator[] operators = new Operator[instances];
        List<List<OperatorState>> instanceStates = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            OperatorState rows = new OperatorState(rowsLayout,
                    StateTables.buffered(OperatorState.descriptor(rowsLayout, view.id()), cacheEntries));
            List<OperatorState> tables = List.of(rows);
            instanceStates.add(tables);
            OperatorContext context = context(tables, i, instances);
            operators[i] = view.rowIds() ? MaterializeOperator.appending(context, width, rowIdGenerations)
                    : new MaterializeOperator(context, key, width);
        }
        int[] distribution;
        if (view.rowIds()) {
            // Rows under row ids need no key to meet their stored copies: slice the input.
            distribution = null;
        } else {
            distribution = key.length == 0 ? allColumns(width) : key;
        }
        this.root = new OperatorStage(List.of(body), operators, instanceStates, new int[][] {distribution});
        root.collectStates(states);
    }

    public MaterializedViewDescriptor view() {
        return view;
    }

    public StreamPlan plan() {
        return plan;
    }

    /** The layout of a view's rows as the materialize operator keeps them. */
    static StateTableLayout rowsLayout(MaterializedViewDescriptor view) {
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (ColumnDescriptor column : view.columns()) {
            names.add(column.name());
            types.add(column.type());
        }
        List<Integer> key = new ArrayList<>(view.key());
        if (view.rowIds()) {
            names.add("_row_id");
            types.add(DataType.of(DataType.Kind.BIGINT));
            key.add(view.columns().size());
        }
        if (view.counted()) {
            names.add("_count");
            types.add(DataType.of(DataType.Kind.BIGINT));
            for (int i = 0; i < view.columns().size(); i++) {
                key.add(i);
            }
        }
        return new StateTableLayout("rows", names, types, key);
    }

    /**
     * Pushes one step's changes through the view; returns the changes made to the view's rows.
     *
     * @param sources the step's changes per table or upstream view id
     * @param watermarks the watermark of each table or upstream view after the step's changes
     * @param first true for the step that creates the view
     */
    public ChangeBatch step(Map<Long, ChangeBatch> sources, Map<Long, Long> watermarks, boolean first,
            StepExecutor executor) {
        return root.step(sources, watermarks, first, executor);
    }

    /**
     * The view's watermark after the last step: the least watermark of the tables it reads through
     * its windows, {@link Long#MIN_VALUE} before any is known, {@link Long#MAX_VALUE} when no
     * watermark holds the view back.
     */
    public long watermark() {
        return root.watermark();
    }

    /**
     * The watermark {@link #watermark()} would report after a step with these source watermarks
     * and no changes; nothing runs. For a view restored with its committed state, whose state
     * reflects the watermarks it was committed with, before its first step.
     */
    public long watermarkAt(Map<Long, Long> watermarks) {
        return root.watermarkAt(watermarks);
    }

    /** Every state table instance of the view, its rows included. */
    public List<OperatorState> states() {
        return states;
    }

    private Stage build(StreamNode node, Iterator<Long> keyspaces, int workers, int cacheEntries) {
        List<StateTableLayout> layouts = node.stateTables();
        List<Long> ownKeyspaces = new ArrayList<>();
        for (int i = 0; i < layouts.size(); i++) {
            if (!keyspaces.hasNext()) {
                throw new IllegalStateException("view " + view.name() + " has fewer state keyspaces than its plan uses");
            }
            ownKeyspaces.add(keyspaces.next());
        }
        if (node instanceof StreamScan scan) {
            return new Stage.Source(scan.objectId(), !scan.watermarkColumns().isEmpty());
        }
        if (node instanceof StreamValues values) {
            List<Object[]> rows = new ArrayList<>();
            for (List<Object> row : values.rows()) {
                rows.add(row.toArray());
            }
            return new Stage.Constant(rows);
        }
        List<Stage> inputs = new ArrayList<>();
        for (StreamNode input : node.inputs()) {
            inputs.add(build(input, keyspaces, workers, cacheEntries));
        }
        int[][] distribution = new int[node.inputs().size()][];
        Function<OperatorContext, Operator> factory;
        boolean singleInstance = false;
        if (node instanceof StreamCalc calc) {
            factory = context -> new CalcOperator(calc, context);
        } else if (node instanceof StreamWindow window) {
            factory = context -> new WindowOperator(window, context);
        } else if (node instanceof StreamSessionWindow session) {
            distribution[0] = toArray(session.keyColumns());
            singleInstance = session.keyColumns().isEmpty();
            factory = context -> new SessionWindowOperator(session, context);
        } else if (node instanceof StreamEmitOnWindowClose emit) {
            distribution[0] = allColumns(emit.outputTypes().size());
            singleInstance = true;
            factory = context -> new EmitOnWindowCloseOperator(emit, context);
        } else if (node instanceof StreamUnion) {
            factory = context -> (input, changes, output) -> output.addAll(changes);
        } else if (node instanceof StreamAggregate aggregate) {
            distribution[0] = toArray(aggregate.groupKeys());
            singleInstance = aggregate.groupKeys().isEmpty();
            factory = context -> new AggregateOperator(aggregate, context);
        } else if (node instanceof StreamJoin join) {
            distribution[0] = toArray(join.leftKeys());
            distribution[1] = toArray(join.rightKeys());
            factory = context -> new JoinOperator(join, context);
        } else if (node instanceof StreamTopN topN) {
            distribution[0] = toArray(topN.partitionKeys());
            singleInstance = topN.partitionKeys().isEmpty();
            factory = context -> new TopNOperator(topN, context);
        } else {
            throw new IllegalStateException("no operator for " + node.explain());
        }
        int instances = singleInstance ? 1 : workers;
        Operator[] operators = new Operator[instances];
        List<List<OperatorState>> instanceStates = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            List<OperatorState> tables = new ArrayList<>();
            for (int t = 0; t < layouts.size(); t++) {
                StateTableLayout layout = layouts.get(t);
                tables.add(new OperatorState(layout,
                        StateTables.buffered(OperatorState.descriptor(layout, ownKeyspaces.get(t)), cacheEntries)));
            }
            instanceStates.add(List.copyOf(tables));
            operators[i] = factory.apply(context(List.copyOf(tables), i, instances));
        }
        return new OperatorStage(inputs, operators, instanceStates, distribution);
    }

    private OperatorContext context(List<OperatorState> tables, int instance, int instances) {
        return new OperatorContext() {
            @Override
            public int instances() {
                return instances;
            }

            @Override
            public List<OperatorState> stateTables() {
                return tables;
            }

            @Override
            public int instance() {
                return instance;
            }

            @Override
            public String viewName() {
                return view.name();
            }
        };
    }

    private static int[] toArray(List<Integer> columns) {
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] allColumns(int width) {
        int[] columns = new int[width];
        for (int i = 0; i < width; i++) {
            columns[i] = i;
        }
        return columns;
    }
}
