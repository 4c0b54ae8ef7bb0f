package dev.freshet.planner.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TimeZone;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.tools.RelBuilder;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.Catalog;
import dev.freshet.planner.ContextualFunction;
import dev.freshet.planner.CatalogObject;
import dev.freshet.planner.DataType;
import dev.freshet.planner.MaterializedViewDescriptor;
import dev.freshet.planner.ObjectKind;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.planner.stream.AggregateCall;
import dev.freshet.planner.stream.CompiledExpressions;
import dev.freshet.planner.stream.IntervalBand;
import dev.freshet.planner.stream.JoinKind;
import dev.freshet.planner.stream.SortKey;
import dev.freshet.planner.stream.StreamAggregate;
import dev.freshet.planner.stream.StreamCalc;
import dev.freshet.planner.stream.StreamEmitOnWindowClose;
import dev.freshet.planner.stream.StreamJoin;
import dev.freshet.planner.stream.StreamNode;
import dev.freshet.planner.stream.StreamScan;
import dev.freshet.planner.stream.StreamSessionWindow;
import dev.freshet.planner.stream.StreamTopN;
import dev.freshet.planner.stream.StreamUnion;
import dev.freshet.planner.stream.StreamValues;
import dev.freshet.planner.stream.StreamWindow;

/**
 * Turns a materialized view's logical plan into a streaming plan: subqueries become joins
 * (Calcite's decorrelator), a few rewrites bring the plan into the shapes the operators
 * maintain (AVG to SUM / COUNT, UNION / INTERSECT / EXCEPT to UNION ALL plus aggregates, filters
 * and projections merged into one Calc, ROW_NUMBER into a Window), and each relational operator
 * maps to one streaming node. Anything else is refused with {@code 0A000} naming the construct.
 */
public final class StreamTranslator {
    /** Rewrites into operator shapes, run to a fixpoint before translation. */
    private static final HepProgram NORMALIZE = new HepProgramBuilder()
            .addRuleCollection(List.of(
                    CoreRules.FILTER_INTO_JOIN,
                    CoreRules.JOIN_CONDITION_PUSH,
                    CoreRules.FILTER_MERGE,
                    CoreRules.PROJECT_MERGE,
                    CoreRules.PROJECT_REMOVE,
                    CoreRules.UNION_TO_DISTINCT,
                    CoreRules.INTERSECT_TO_DISTINCT,
                    CoreRules.MINUS_TO_DISTINCT,
                    CoreRules.JOIN_PUSH_EXPRESSIONS,
                    AggregateReduceFunctionsRule.Config.DEFAULT
                            .withFunctionsToReduce(List.of(SqlKind.AVG)).toRule(),
                    CoreRules.AGGREGATE_PROJECT_MERGE,
                    CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW))
            .build();

    /** Merges what is left of filters and projections into Calcs. */
    private static final HepProgram TO_CALC = new HepProgramBuilder()
            .addRuleCollection(List.of(
                    CoreRules.FILTER_TO_CALC,
                    CoreRules.PROJECT_TO_CALC,
                    CoreRules.CALC_MERGE,
                    CoreRules.CALC_REMOVE))
            .build();

    /** Rewrites subqueries into correlates, which the decorrelator then turns into joins. */
    private static final HepProgram SUBQUERIES = new HepProgramBuilder()
            .addRuleCollection(List.of(
                    CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
                    CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
                    CoreRules.JOIN_SUB_QUERY_TO_CORRELATE))
            .build();

    private final Catalog catalog;
    private final RexBuilder rexBuilder;
    private final TimeZone timeZone;
    private final List<Long> dependencies = new ArrayList<>();

    public StreamTranslator(Catalog catalog, RexBuilder rexBuilder, TimeZone timeZone) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
        this.timeZone = requireNonNull(timeZone, "timeZone is null");
    }

    /** Removes subqueries and brings the plan into operator shapes. */
    public static RelNode prepare(RelNode rel) {
        RelNode plan = run(SUBQUERIES, rel);
        RelBuilder builder = RelBuilder.proto(org.apache.calcite.plan.Contexts.empty()).create(rel.getCluster(), null);
        plan = RelDecorrelator.decorrelateQuery(plan, builder);
        plan = run(NORMALIZE, plan);
        return run(TO_CALC, plan);
    }

    private static RelNode run(HepProgram program, RelNode rel) {
        HepPlanner planner = new HepPlanner(program);
        planner.setRoot(rel);
        return planner.findBestExp();
    }

    /**
     * Holds a view's rows back until the watermark closes their window (EMIT ON WINDOW CLOSE),
     * by the output column the watermark bounds most tightly (window_end, usually).
     */
    public static StreamNode emitOnWindowClose(StreamNode root) {
        if (root.watermarkColumns().isEmpty()) {
            throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "EMIT ON WINDOW CLOSE needs a window column in the view's output, and there is none")
                    .withHint("Group by window_start and window_end of a window (TUMBLE, HOP, CUMULATE, "
                            + "SESSION) over a table declared with WATERMARK FOR, or over a view of one, and keep "
                            + "them in the select list; or leave EMIT ON WINDOW CLOSE out.");
        }
        List<Integer> columns = new ArrayList<>(new java.util.TreeSet<>(root.watermarkColumns().keySet()));
        return new StreamEmitOnWindowClose(root, columns.get(firstBounded(columns, root.watermarkColumns())));
    }

    /** The ids of the tables and materialized views the translated plans read, in order of first use. */
    public List<Long> dependencies() {
        return List.copyOf(dependencies);
    }

    public StreamNode translate(RelNode rel) {
        if (rel instanceof TableScan scan) {
            return scan(scan);
        }
        if (rel instanceof Calc calc) {
            return calc(calc);
        }
        if (rel instanceof Aggregate aggregate) {
            return aggregate(aggregate);
        }
        if (rel instanceof Join join) {
            return join(join);
        }
        if (rel instanceof Union union) {
            if (!union.all) {
                throw unsupported("UNION without ALL here");
            }
            List<StreamNode> inputs = new ArrayList<>();
            for (RelNode input : union.getInputs()) {
                inputs.add(translate(input));
            }
            return new StreamUnion(inputs, names(union.getRowType()), types(union.getRowType()));
        }
        if (rel instanceof Values values) {
            return values(values);
        }
        if (rel instanceof Sort sort) {
            return sort(sort);
        }
        if (rel instanceof Window) {
            throw unsupported("window functions other than ROW_NUMBER() filtered by a bound (Top-N), or a "
                    + "ROW_NUMBER() whose result is not filtered with <= N,");
        }
        if (rel instanceof TableFunctionScan scan) {
            return windowFunction(scan);
        }
        if (rel instanceof Correlate) {
            throw unsupported("this correlated subquery (it cannot be rewritten as a join)");
        }
        throw unsupported("the relational operator " + rel.getRelTypeName());
    }

    private StreamNode scan(TableScan scan) {
        RelOptTable table = scan.getTable();
        SourceRelation source = table.unwrap(SourceRelation.class);
        if (source != null) {
            return sourceScan(source.descriptor(), scan.getRowType());
        }
        StoredTable stored = table.unwrap(StoredTable.class);
        if (stored == null) {
            throw unsupported("reading " + String.join(".", table.getQualifiedName()) + " (a system table)");
        }
        long id = stored.descriptor().id();
        CatalogObject object = catalog.findById(id).orElseThrow(() -> new FreshetException(ErrorCode.UNDEFINED_TABLE,
                "relation \"" + stored.descriptor().name() + "\" does not exist"));
        if (!dependencies.contains(id)) {
            dependencies.add(id);
        }
        RelDataType rowType = scan.getRowType();
        if (object instanceof MaterializedViewDescriptor view) {
                return new StreamScan(id, view.name(), ObjectKind.MATERIALIZED_VIEW, names(rowType), types(rowType),
                    view.key(), view.appendOnly(), view.watermarkColumns());
        }
        TableDescriptor descriptor = (TableDescriptor) object;
        Map<Integer, Long> watermarkColumns = descriptor.watermark() == null ? Map.of()
                : Map.of(descriptor.columnIndex(descriptor.watermark().column()), 0L);
        return new StreamScan(id, descriptor.name(), ObjectKind.TABLE, names(rowType), types(rowType),
                descriptor.primaryKey(), false, watermarkColumns);
    }

    /**
     * A source's rows: only ever inserted, never unique (a source may repeat a row), and bounded
     * by its watermark like a table's (a row behind it is left out as late).
     */
    private StreamNode sourceScan(SourceDescriptor source, RelDataType rowType) {
        if (!dependencies.contains(source.id())) {
            dependencies.add(source.id());
        }
        Map<Integer, Long> watermarkColumns = source.watermark() == null ? Map.of()
                : Map.of(source.columnIndex(source.watermark().column()), 0L);
        return new StreamScan(source.id(), source.name(), ObjectKind.SOURCE, names(rowType), types(rowType), List.of(),
                true, watermarkColumns);
    }

    /**
     * {@code TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])} and
     * {@code HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset])} and
     * {@code CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset])}: Calcite passes the table as the
     * scan's input and the descriptor and intervals as the call's operands.
     */
    private StreamNode windowFunction(TableFunctionScan scan) {
        WindowCall window = WindowCall.of(scan);
        if (window == null) {
            throw unsupported("the table function " + scan.getCall() + " (TUMBLE, HOP, CUMULATE and SESSION are "
                    + "supported)");
        }
        if (window.function().equals("CUMULATE") && window.sizeMillis() % window.slideMillis() != 0) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, "CUMULATE needs a size that is a multiple "
                    + "of its step, not " + window.sizeMillis() + " ms and " + window.slideMillis() + " ms");
        }
        StreamNode input = translate(scan.getInput(0));
        if (window.isSession()) {
            return new StreamSessionWindow(input, window.timeColumn(), window.keys(), window.gapMillis(),
                    names(scan.getRowType()), types(scan.getRowType()));
        }
        return new StreamWindow(input, window.function(), window.timeColumn(), window.sizeMillis(),
                window.slideMillis(), window.offsetMillis(), names(scan.getRowType()), types(scan.getRowType()));
    }

    private StreamNode calc(Calc calc) {
        RexProgram program = calc.getProgram();
        RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
        List<RexNode> projects = new ArrayList<>();
        for (org.apache.calcite.rex.RexLocalRef project : program.getProjectList()) {
            projects.add(program.expandLocalRef(project));
        }
        if (calc.getInput() instanceof Window window) {
            return topN(calc, window, condition, projects);
        }
        StreamNode input = translate(calc.getInput());
        return calcOver(input, calc.getInput().getRowType(), condition, projects, calc.getRowType());
    }

    private StreamNode calcOver(StreamNode input, RelDataType inputType, RexNode condition, List<RexNode> projects,
            RelDataType outputType) {
        checkDeterministic(condition);
        projects.forEach(this::checkDeterministic);
        CompiledExpressions compiledCondition = condition == null ? null
                : StreamExpressionCompiler.compile(rexBuilder, List.of(condition), inputType, timeZone,
                        condition.toString());
        CompiledExpressions projection = StreamExpressionCompiler.compile(rexBuilder, projects, inputType, timeZone,
                projects.toString());
        return new StreamCalc(input, compiledCondition, projection, names(outputType), types(outputType),
                mapKey(input.uniqueKey(), projects), copiedBounds(input.watermarkColumns(), projects));
    }

    /** The input's bounded columns that the projection copies as they are, at their output positions. */
    private static Map<Integer, Long> copiedBounds(Map<Integer, Long> bounded, List<RexNode> projects) {
        Map<Integer, Long> columns = new TreeMap<>();
        for (int i = 0; i < projects.size(); i++) {
            if (projects.get(i) instanceof RexInputRef ref && bounded.containsKey(ref.getIndex())) {
                columns.put(i, bounded.get(ref.getIndex()));
            }
        }
        return columns;
    }

    /** The output positions of an input key, when every key column is projected as it is. */
    private static List<Integer> mapKey(List<Integer> inputKey, List<RexNode> projects) {
        if (inputKey.isEmpty()) {
            return List.of();
        }
        List<Integer> key = new ArrayList<>();
        for (int column : inputKey) {
            int found = -1;
            for (int i = 0; i < projects.size(); i++) {
                if (projects.get(i) instanceof RexInputRef ref && ref.getIndex() == column) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return List.of();
            }
            key.add(found);
        }
        return key;
    }

    private StreamNode aggregate(Aggregate aggregate) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            throw unsupported("GROUPING SETS, ROLLUP and CUBE");
        }
        StreamNode input = translate(aggregate.getInput());
        List<AggregateCall> calls = new ArrayList<>();
        List<RelDataTypeField> fields = aggregate.getRowType().getFieldList();
        int groupCount = aggregate.getGroupCount();
        for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
            org.apache.calcite.rel.core.AggregateCall call = aggregate.getAggCallList().get(i);
            calls.add(aggregateCall(call, fields.get(groupCount + i).getName()));
        }
        List<Integer> groupKeys = aggregate.getGroupSet().asList();
        int first = firstBounded(groupKeys, input.watermarkColumns());
        if (first <= 0) {
            return new StreamAggregate(input, groupKeys, calls, names(aggregate.getRowType()),
                    types(aggregate.getRowType()));
        }
        // Group by the window column first, so the groups the watermark finalizes lead every state
        // table; a projection puts the columns back in the query's order.
        List<Integer> reordered = new ArrayList<>(groupKeys);
        reordered.add(0, reordered.remove(first));
        List<RelDataTypeField> outputFields = new ArrayList<>(fields);
        outputFields.add(0, outputFields.remove(first));
        List<String> reorderedNames = outputFields.stream().map(RelDataTypeField::getName).toList();
        List<DataType> reorderedTypes = outputFields.stream().map(field -> columnType(field.getType())).toList();
        StreamAggregate grouped = new StreamAggregate(input, reordered, calls, reorderedNames, reorderedTypes);
        RelDataType groupedType = rexBuilder.getTypeFactory().createStructType(outputFields);
        List<RexNode> restore = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            int from = i == first ? 0 : i < first ? i + 1 : i;
            restore.add(rexBuilder.makeInputRef(groupedType, from));
        }
        return calcOver(grouped, groupedType, null, restore, aggregate.getRowType());
    }

    /**
     * The position in {@code columns} of the column the watermark bounds most tightly (the largest
     * offset, so the earliest to close: window_end rather than window_start, which matters for
     * CUMULATE), the first of equals; -1 when none is bounded.
     */
    private static int firstBounded(List<Integer> columns, Map<Integer, Long> bounded) {
        int best = -1;
        for (int i = 0; i < columns.size(); i++) {
            Long offset = bounded.get(columns.get(i));
            if (offset != null && (best < 0 || offset > bounded.get(columns.get(best)))) {
                best = i;
            }
        }
        return best;
    }

    private static AggregateCall aggregateCall(org.apache.calcite.rel.core.AggregateCall call, String name) {
        AggregateCall.Function function;
        SqlKind kind = call.getAggregation().getKind();
        boolean booleanArgument = call.getType().getSqlTypeName() == SqlTypeName.BOOLEAN;
        switch (kind) {
            case COUNT:
                function = AggregateCall.Function.COUNT;
                break;
            case SUM:
                function = AggregateCall.Function.SUM;
                break;
            case SUM0:
                function = AggregateCall.Function.SUM0;
                break;
            case MIN:
                function = booleanArgument ? AggregateCall.Function.BOOL_AND : AggregateCall.Function.MIN;
                break;
            case MAX:
                function = booleanArgument ? AggregateCall.Function.BOOL_OR : AggregateCall.Function.MAX;
                break;
            case STRING_AGG:
            case LISTAGG:
                function = AggregateCall.Function.STRING_AGG;
                break;
            default:
                throw unsupported("the aggregate function " + call.getAggregation().getName());
        }
        if (call.getArgList().size() > 1 && function != AggregateCall.Function.STRING_AGG) {
            throw unsupported(call.getAggregation().getName() + " with " + call.getArgList().size() + " arguments");
        }
        List<SortKey> order = new ArrayList<>();
        RelCollation collation = call.getCollation();
        for (RelFieldCollation field : collation.getFieldCollations()) {
            order.add(sortKey(field));
        }
        if (!order.isEmpty() && function != AggregateCall.Function.STRING_AGG) {
            throw unsupported("ORDER BY inside " + call.getAggregation().getName());
        }
        return new AggregateCall(function, call.getArgList(), call.isDistinct(), call.filterArg, order,
                columnType(call.getType()), name);
    }

    private static SortKey sortKey(RelFieldCollation field) {
        boolean descending = field.getDirection().isDescending();
        boolean nullsFirst;
        switch (field.nullDirection) {
            case FIRST:
                nullsFirst = true;
                break;
            case LAST:
                nullsFirst = false;
                break;
            default:
                // PostgreSQL: NULLs sort as larger than any value.
                nullsFirst = descending;
                break;
        }
        return new SortKey(field.getFieldIndex(), descending, nullsFirst);
    }

    private StreamNode join(Join join) {
        JoinKind kind = switch (join.getJoinType()) {
            case INNER -> JoinKind.INNER;
            case LEFT -> JoinKind.LEFT;
            case RIGHT -> JoinKind.RIGHT;
            case FULL -> JoinKind.FULL;
            case SEMI -> JoinKind.SEMI;
            case ANTI -> JoinKind.ANTI;
            default -> throw unsupported(join.getJoinType() + " joins");
        };
        JoinInfo info = JoinInfo.of(join.getLeft(), join.getRight(), join.getCondition());
        // Without an equality between the sides (a cross join, or a scalar subquery's single row
        // compared with <) every row meets every row of the other side in one instance: fine when
        // one side is small, as a scalar subquery's aggregate is.
        for (boolean excludesNulls : info.nullExclusionFlags) {
            if (!excludesNulls) {
                throw unsupported("IS NOT DISTINCT FROM as a join condition");
            }
        }
        List<RelDataTypeField> leftFields = join.getLeft().getRowType().getFieldList();
        List<RelDataTypeField> rightFields = join.getRight().getRowType().getFieldList();
        for (int i = 0; i < info.leftKeys.size(); i++) {
            RelDataType leftType = leftFields.get(info.leftKeys.get(i)).getType();
            RelDataType rightType = rightFields.get(info.rightKeys.get(i)).getType();
            if (leftType.getSqlTypeName() != rightType.getSqlTypeName()) {
                throw unsupported("joining columns of different types (" + leftType + " and " + rightType
                        + "); cast one side to the other's type");
            }
        }
        StreamNode left = translate(join.getLeft());
        StreamNode right = translate(join.getRight());
        RexNode remaining = info.getRemaining(rexBuilder);
        CompiledExpressions residual = null;
        if (!remaining.isAlwaysTrue()) {
            checkDeterministic(remaining);
            RelDataType pairType = rexBuilder.getTypeFactory().builder()
                    .addAll(leftFields).addAll(rightFields).uniquify().build();
            residual = StreamExpressionCompiler.compile(rexBuilder, List.of(remaining), pairType, timeZone,
                    remaining.toString());
        }
        List<Integer> key = new ArrayList<>();
        if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
            key.addAll(left.uniqueKey());
        } else if (!left.uniqueKey().isEmpty() && !right.uniqueKey().isEmpty()) {
            key.addAll(left.uniqueKey());
            for (int column : right.uniqueKey()) {
                key.add(leftFields.size() + column);
            }
        }
        List<Integer> leftKeys = new ArrayList<>(info.leftKeys);
        List<Integer> rightKeys = new ArrayList<>(info.rightKeys);
        for (int i = 1; i < leftKeys.size(); i++) {
            if (left.watermarkColumns().containsKey(leftKeys.get(i))
                    && right.watermarkColumns().containsKey(rightKeys.get(i))) {
                // Join on the window first, so the windows the watermark finalizes lead both sides' state.
                leftKeys.add(0, leftKeys.remove(i));
                rightKeys.add(0, rightKeys.remove(i));
                break;
            }
        }
        IntervalBand band = remaining.isAlwaysTrue() ? null
                : intervalBand(remaining, left.watermarkColumns(), right.watermarkColumns(), leftFields.size());
        return new StreamJoin(left, right, kind, leftKeys, rightKeys, residual, names(join.getRowType()),
                types(join.getRowType()), key, band);
    }

    /**
     * The time band a join condition puts on two watermarked event-time columns, one of each side
     * ({@code b.ts BETWEEN a.ts AND a.ts + INTERVAL '1' HOUR}), or null. Conjuncts comparing a
     * column of one side, plus or minus a constant day-time interval, with a column of the other
     * side narrow the band; the first such pair of columns is the one taken.
     */
    private static IntervalBand intervalBand(RexNode condition, Map<Integer, Long> leftBounded,
            Map<Integer, Long> rightBounded, int leftWidth) {
        IntervalBand band = null;
        for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
            if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
                continue;
            }
            SqlKind kind = call.getKind();
            if (kind != SqlKind.GREATER_THAN && kind != SqlKind.GREATER_THAN_OR_EQUAL && kind != SqlKind.LESS_THAN
                    && kind != SqlKind.LESS_THAN_OR_EQUAL) {
                continue;
            }
            long[] a = shiftedColumn(call.getOperands().get(0));
            long[] b = shiftedColumn(call.getOperands().get(1));
            if (a == null || b == null) {
                continue;
            }
            if (a[0] < leftWidth && b[0] >= leftWidth) {
                // left.t + oa OP right.t + ob  is  right.t - left.t (OP reversed) oa - ob
                long[] swap = a;
                a = b;
                b = swap;
                kind = kind.reverse();
            } else if (!(a[0] >= leftWidth && b[0] < leftWidth)) {
                continue;
            }
            // right.t + oa OP left.t + ob  is  right.t - left.t OP ob - oa
            int rightTime = (int) a[0] - leftWidth;
            int leftTime = (int) b[0];
            if (!leftBounded.containsKey(leftTime) || !rightBounded.containsKey(rightTime)) {
                continue;
            }
            long difference = b[1] - a[1];
            boolean lowerBound = kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL;
            if (band == null) {
                band = new IntervalBand(leftTime, rightTime, Long.MIN_VALUE, Long.MAX_VALUE);
            } else if (band.leftTime() != leftTime || band.rightTime() != rightTime) {
                continue;
            }
            band = lowerBound ? band.intersect(difference, Long.MAX_VALUE)
                    : band.intersect(Long.MIN_VALUE, difference);
        }
        return band;
    }

    /**
     * {@code [column, offset]} for {@code $column}, {@code $column + interval} or
     * {@code $column - interval}, else null.
     */
    private static long[] shiftedColumn(RexNode node) {
        if (node instanceof RexInputRef ref) {
            return new long[] {ref.getIndex(), 0};
        }
        if (!(node instanceof RexCall call) || call.getOperands().size() != 2
                || call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) {
            return null;
        }
        RexNode first = call.getOperands().get(0);
        RexNode second = call.getOperands().get(1);
        if (call.getKind() == SqlKind.PLUS && first instanceof RexLiteral && second instanceof RexInputRef) {
            RexNode swap = first;
            first = second;
            second = swap;
        }
        if (!(first instanceof RexInputRef ref) || !(second instanceof RexLiteral literal)
                || literal.getType().getSqlTypeName().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME
                || literal.getValueAs(Long.class) == null) {
            return null;
        }
        long offset = literal.getValueAs(Long.class);
        return new long[] {ref.getIndex(), call.getKind() == SqlKind.PLUS ? offset : -offset};
    }

    private StreamNode values(Values values) {
        RelDataType empty = rexBuilder.getTypeFactory().builder().build();
        List<List<Object>> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<RexNode> literals = new ArrayList<>(tuple);
            Object[] row = StreamExpressionCompiler.compile(rexBuilder, literals, empty, timeZone, "values")
                    .newFunction().apply(new Object[0]);
            rows.add(java.util.Arrays.asList(row));
        }
        return new StreamValues(rows, names(values.getRowType()), types(values.getRowType()));
    }

    private StreamNode sort(Sort sort) {
        StreamNode input = translate(sort.getInput());
        if (sort.fetch == null && sort.offset == null) {
            // A view's rows have no order: ORDER BY without LIMIT changes nothing.
            return input;
        }
        long offset = sort.offset == null ? 0 : RexLiteral.intValue(sort.offset);
        long limit = sort.fetch == null ? Long.MAX_VALUE : RexLiteral.intValue(sort.fetch);
        List<SortKey> order = new ArrayList<>();
        for (RelFieldCollation field : sort.getCollation().getFieldCollations()) {
            order.add(sortKey(field));
        }
        return new StreamTopN(input, List.of(), order, offset, limit, false, input.outputNames(),
                input.outputTypes(), input.uniqueKey());
    }

    /**
     * {@code ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)} filtered with {@code <= N}, {@code < N}
     * or {@code = 1}: a Calc over a Window with one ROW_NUMBER call.
     */
    private StreamNode topN(Calc calc, Window window, RexNode condition, List<RexNode> projects) {
        int inputWidth = window.getInput().getRowType().getFieldCount();
        if (window.groups.size() != 1 || window.groups.get(0).aggCalls.size() != 1
                || window.groups.get(0).aggCalls.get(0).getKind() != SqlKind.ROW_NUMBER) {
            throw unsupported("window functions other than one ROW_NUMBER() (used for Top-N)");
        }
        Window.Group group = window.groups.get(0);
        int rowNumberColumn = inputWidth;
        List<RexNode> rest = new ArrayList<>();
        long limit = -1;
        for (RexNode conjunct : condition == null ? List.<RexNode>of() : RelOptUtil.conjunctions(condition)) {
            long bound = rowNumberBound(conjunct, rowNumberColumn);
            if (bound >= 0 && limit < 0) {
                limit = bound;
            } else {
                rest.add(conjunct);
            }
        }
        if (limit < 0) {
            throw unsupported("ROW_NUMBER() without a filter such as rn <= N on its result");
        }
        List<SortKey> order = new ArrayList<>();
        for (RelFieldCollation field : group.orderKeys.getFieldCollations()) {
            order.add(sortKey(field));
        }
        boolean rowNumberUsed = references(projects, rowNumberColumn) || references(rest, rowNumberColumn);
        StreamNode input = translate(window.getInput());
        List<String> names = new ArrayList<>(input.outputNames());
        List<DataType> types = new ArrayList<>(input.outputTypes());
        RelDataType topType = window.getInput().getRowType();
        if (rowNumberUsed) {
            names.add(window.getRowType().getFieldList().get(rowNumberColumn).getName());
            types.add(DataType.of(DataType.Kind.BIGINT));
            topType = window.getRowType();
        }
        List<Integer> key = input.uniqueKey();
        List<Integer> partitionKeys = new ArrayList<>(group.keys.asList());
        int first = firstBounded(partitionKeys, input.watermarkColumns());
        if (first > 0) {
            // Partition by the window column first, so the partitions the watermark finalizes lead the state.
            partitionKeys.add(0, partitionKeys.remove(first));
        }
        StreamNode topN = new StreamTopN(input, partitionKeys, order, 0, limit, rowNumberUsed, names, types, key);
        RexNode restCondition = rest.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, rest);
        return calcOver(topN, topType, restCondition, projects, calc.getRowType());
    }

    /** N when the conjunct bounds the row number to at most N rows, or -1. */
    private static long rowNumberBound(RexNode conjunct, int rowNumberColumn) {
        if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
            return -1;
        }
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        SqlKind kind = call.getKind();
        if (right instanceof RexInputRef && left instanceof RexLiteral) {
            RexNode swap = left;
            left = right;
            right = swap;
            kind = kind.reverse();
        }
        if (!(left instanceof RexInputRef ref) || ref.getIndex() != rowNumberColumn
                || !(right instanceof RexLiteral literal)) {
            return -1;
        }
        java.math.BigDecimal value = literal.getValueAs(java.math.BigDecimal.class);
        if (value == null) {
            return -1;
        }
        long bound = value.longValue();
        return switch (kind) {
            case LESS_THAN_OR_EQUAL -> Math.max(bound, 0);
            case LESS_THAN -> Math.max(bound - 1, 0);
            case EQUALS -> bound == 1 ? 1 : -1;
            default -> -1;
        };
    }

    private static boolean references(List<RexNode> expressions, int column) {
        boolean[] found = new boolean[1];
        RexVisitorImpl<Void> visitor = new RexVisitorImpl<>(true) {
            @Override
            public Void visitInputRef(RexInputRef ref) {
                if (ref.getIndex() == column) {
                    found[0] = true;
                }
                return null;
            }
        };
        for (RexNode expression : expressions) {
            expression.accept(visitor);
        }
        return found[0];
    }

    private void checkDeterministic(RexNode expression) {
        if (expression == null) {
            return;
        }
        expression.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitCall(RexCall call) {
                boolean readsContext = call.getOperator() instanceof SqlUserDefinedFunction function
                        && function.getFunction() instanceof ContextualFunction contextual && contextual.readsContext();
                if (readsContext || call.getOperator().isDynamicFunction() || !call.getOperator().isDeterministic()) {
                    throw unsupported("the function " + call.getOperator().getName()
                            + " in a materialized view (its result changes with time, so the view could not "
                            + "be kept equal to its query)");
                }
                return super.visitCall(call);
            }
        });
    }

    private static List<String> names(RelDataType rowType) {
        return rowType.getFieldNames();
    }

    private static List<DataType> types(RelDataType rowType) {
        List<DataType> types = new ArrayList<>();
        for (RelDataTypeField field : rowType.getFieldList()) {
            types.add(columnType(field.getType()));
        }
        return types;
    }

    /** The type of a value an operator keeps; a row value or a collection is refused with 0A000. */
    private static DataType columnType(RelDataType type) {
        if (type.isStruct()) {
            throw unsupported("row values such as (a, b), which an operator cannot keep as one value")
                    .withHint("For COUNT(DISTINCT (a, b)), count the rows of SELECT DISTINCT a, b in a subquery; "
                            + "otherwise use the row's columns one by one.");
        }
        try {
            return DataType.fromRelDataType(type);
        } catch (IllegalArgumentException e) {
            throw unsupported("values of type " + type.getFullTypeString());
        }
    }

    private static FreshetException unsupported(String construct) {
        return new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "materialized views do not support " + construct)
                .withHint("Rewrite the query without it, or read it with a plain SELECT or a CREATE VIEW.");
    }
}
