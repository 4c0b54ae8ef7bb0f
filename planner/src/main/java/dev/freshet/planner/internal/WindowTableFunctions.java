package dev.freshet.planner.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.plan.Contexts;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;

import com.google.common.collect.ImmutableList;

import dev.freshet.common.FreshetException;

/**
 * Rewrites the window table functions {@code TUMBLE}, {@code HOP}, {@code CUMULATE} and
 * {@code SESSION} of a batch plan into plain relational operators before it is optimized.
 * Calcite's own implementation fails on a row whose time is NULL; here such a row belongs to no
 * window, as in a materialized view. For a time {@code t} in milliseconds, the last window
 * starting at or before it starts at {@code t - floorMod(t - offset, slide)}; a HOP row meets
 * each of the {@code ceil(size / slide)} candidate starts before that (a join with their
 * indexes) and keeps those whose window holds {@code t}.
 */
public final class WindowTableFunctions extends RelShuttleImpl {
    private WindowTableFunctions() {
    }

    /** The plan with every window table function expanded; other table functions are left as they are. */
    public static RelNode expand(RelNode rel) {
        return rel.accept(new WindowTableFunctions());
    }

    /** Logical table function scans arrive here: they do not dispatch to {@code visit(TableFunctionScan)}. */
    @Override
    public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        if (!(visited instanceof TableFunctionScan scan)) {
            return visited;
        }
        WindowCall window;
        try {
            window = WindowCall.of(scan);
        } catch (FreshetException e) {
            // A call this cannot expand (a parameter for its size, say) is left to Calcite.
            return visited;
        }
        if (window == null) {
            return visited;
        }
        RelNode input = scan.getInput(0);
        return switch (window.function()) {
            case "SESSION" -> session(scan, window);
            case "CUMULATE" -> cumulate(scan, input, window.timeColumn(), window.slideMillis(), window.sizeMillis(),
                    window.offsetMillis());
            default -> expand(scan, input, window.timeColumn(), window.sizeMillis(), window.slideMillis(),
                    window.offsetMillis());
        };
    }

    /**
     * {@code SESSION(TABLE t, DESCRIPTOR(ts), [DESCRIPTOR(key, ...),] gap)} as window functions
     * over each key's rows in time order: a row starts a session when no row of its key lies less
     * than {@code gap} before it; a running count of those starts numbers the sessions; a
     * session's window runs from its first time to its last plus the gap. Rows with equal times
     * always share a session, whatever order the sort gives them. (Calcite's own implementation
     * expects its input sorted by time and merges sessions otherwise.)
     */
    private static RelNode session(TableFunctionScan scan, WindowCall window) {
        List<Integer> keys = window.keys();
        long gap = window.gapMillis();
        int timeColumn = window.timeColumn();
        RelNode input = scan.getInput(0);
        int width = input.getRowType().getFieldCount();
        RexBuilder rex = scan.getCluster().getRexBuilder();
        RelDataType bigint = rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
        RelBuilder builder = RelBuilder.proto(Contexts.empty()).create(scan.getCluster(), null);
        builder.push(input).filter(builder.isNotNull(builder.field(timeColumn)));
        // $millis: the time as BIGINT, so the frame below can end one millisecond before the row.
        builder.projectPlus(rex.makeReinterpretCast(bigint, builder.field(timeColumn), rex.makeLiteral(false)));
        int millis = width;
        List<RexNode> partition = new ArrayList<>();
        for (int key : keys) {
            partition.add(builder.field(key));
        }
        RexNode previous = builder.aggregateCall(SqlStdOperatorTable.MAX, builder.field(millis)).over()
                .partitionBy(partition).orderBy(builder.field(millis))
                .rangeBetween(RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.preceding(literal(rex, 1)))
                .toRex();
        builder.projectPlus(previous);
        int previousColumn = width + 1;
        RexNode starts = builder.call(SqlStdOperatorTable.CASE,
                builder.or(builder.isNull(builder.field(previousColumn)),
                        builder.greaterThanOrEqual(builder.call(SqlStdOperatorTable.MINUS, builder.field(millis),
                                builder.field(previousColumn)), literal(rex, gap))),
                literal(rex, 1), literal(rex, 0));
        builder.projectPlus(starts);
        int startsColumn = width + 2;
        partition = new ArrayList<>();
        for (int key : keys) {
            partition.add(builder.field(key));
        }
        RexNode sessionNumber = builder.aggregateCall(SqlStdOperatorTable.SUM, builder.field(startsColumn)).over()
                .partitionBy(partition).orderBy(builder.field(millis))
                .rangeBetween(RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.CURRENT_ROW).toRex();
        builder.projectPlus(sessionNumber);
        int sessionColumn = width + 3;
        List<RexNode> session = new ArrayList<>();
        for (int key : keys) {
            session.add(builder.field(key));
        }
        session.add(builder.field(sessionColumn));
        RexNode first = builder.aggregateCall(SqlStdOperatorTable.MIN, builder.field(millis)).over()
                .partitionBy(session).toRex();
        RexNode last = builder.aggregateCall(SqlStdOperatorTable.MAX, builder.field(millis)).over()
                .partitionBy(session).toRex();
        builder.projectPlus(first, last);
        RelDataType output = scan.getRowType();
        List<RexNode> projects = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            projects.add(builder.field(i));
        }
        projects.add(rex.makeReinterpretCast(output.getFieldList().get(width).getType(), builder.field(width + 4),
                rex.makeLiteral(false)));
        projects.add(rex.makeReinterpretCast(output.getFieldList().get(width + 1).getType(),
                builder.call(SqlStdOperatorTable.PLUS, builder.field(width + 5), literal(rex, gap)),
                rex.makeLiteral(false)));
        return builder.project(projects, output.getFieldNames(), true).build();
    }

    private static RelNode expand(TableFunctionScan scan, RelNode input, int timeColumn, long size, long slide,
            long offset) {
        RexBuilder rex = scan.getCluster().getRexBuilder();
        int width = input.getRowType().getFieldCount();
        long windows = (size + slide - 1) / slide;
        RelNode rows = candidates(scan, input, timeColumn, windows);
        RexNode millis = millis(rex, rows, timeColumn);
        RexNode lastStart = rex.makeCall(SqlStdOperatorTable.MINUS, millis, floorMod(rex,
                rex.makeCall(SqlStdOperatorTable.MINUS, millis, literal(rex, offset)), slide));
        RexNode start = windows > 1
                ? rex.makeCall(SqlStdOperatorTable.MINUS, lastStart, rex.makeCall(SqlStdOperatorTable.MULTIPLY,
                        rex.makeInputRef(rows, width), literal(rex, slide)))
                : lastStart;
        RexNode end = rex.makeCall(SqlStdOperatorTable.PLUS, start, literal(rex, size));
        if (windows > 1 && size % slide != 0) {
            rows = LogicalFilter.create(rows, rex.makeCall(SqlStdOperatorTable.GREATER_THAN, end, millis));
        }
        return windowed(scan, rows, width, start, end);
    }

    /**
     * CUMULATE: the window of {@code size} holding the time starts at {@code t - floorMod(t -
     * offset, size)}; it is reported at every {@code step}, so the row meets each candidate end
     * {@code start + (k + 1) * step} and keeps those after {@code t}.
     */
    private static RelNode cumulate(TableFunctionScan scan, RelNode input, int timeColumn, long step, long size,
            long offset) {
        RexBuilder rex = scan.getCluster().getRexBuilder();
        int width = input.getRowType().getFieldCount();
        RelNode rows = candidates(scan, input, timeColumn, (size + step - 1) / step);
        RexNode millis = millis(rex, rows, timeColumn);
        RexNode start = rex.makeCall(SqlStdOperatorTable.MINUS, millis, floorMod(rex,
                rex.makeCall(SqlStdOperatorTable.MINUS, millis, literal(rex, offset)), size));
        RexNode end = rex.makeCall(SqlStdOperatorTable.PLUS, start, rex.makeCall(SqlStdOperatorTable.MULTIPLY,
                rex.makeCall(SqlStdOperatorTable.PLUS, rex.makeInputRef(rows, width), literal(rex, 1)),
                literal(rex, step)));
        rows = LogicalFilter.create(rows, rex.makeCall(SqlStdOperatorTable.AND,
                rex.makeCall(SqlStdOperatorTable.GREATER_THAN, end, millis),
                rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, end,
                        rex.makeCall(SqlStdOperatorTable.PLUS, start, literal(rex, size)))));
        return windowed(scan, rows, width, start, end);
    }

    /**
     * The input's rows with a time, each once per candidate window when there are several: joined
     * with the indexes {@code 0 .. count - 1}, which follow the input's columns.
     */
    private static RelNode candidates(TableFunctionScan scan, RelNode input, int timeColumn, long count) {
        RexBuilder rex = scan.getCluster().getRexBuilder();
        RelNode rows = LogicalFilter.create(input,
                rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, rex.makeInputRef(input, timeColumn)));
        if (count <= 1) {
            return rows;
        }
        RelDataType bigint = rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
        RelDataType indexType = rex.getTypeFactory().createStructType(List.of(bigint), List.of("window_index"));
        ImmutableList.Builder<ImmutableList<RexLiteral>> tuples = ImmutableList.builder();
        for (long i = 0; i < count; i++) {
            tuples.add(ImmutableList.of(rex.makeExactLiteral(BigDecimal.valueOf(i), bigint)));
        }
        RelNode indexes = LogicalValues.create(scan.getCluster(), indexType, tuples.build());
        return LogicalJoin.create(rows, indexes, List.of(), rex.makeLiteral(true), java.util.Set.of(),
                JoinRelType.INNER);
    }

    /** The time column as BIGINT milliseconds. */
    private static RexNode millis(RexBuilder rex, RelNode rows, int timeColumn) {
        RelDataType bigint = rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
        return rex.makeReinterpretCast(bigint, rex.makeInputRef(rows, timeColumn), rex.makeLiteral(false));
    }

    /** The input's columns followed by the window's start and end, typed as the table function's. */
    private static RelNode windowed(TableFunctionScan scan, RelNode rows, int width, RexNode start, RexNode end) {
        RexBuilder rex = scan.getCluster().getRexBuilder();
        RelDataType output = scan.getRowType();
        List<RexNode> projects = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            projects.add(rex.makeInputRef(rows, i));
        }
        projects.add(rex.makeReinterpretCast(output.getFieldList().get(width).getType(), start,
                rex.makeLiteral(false)));
        projects.add(rex.makeReinterpretCast(output.getFieldList().get(width + 1).getType(), end,
                rex.makeLiteral(false)));
        return LogicalProject.create(rows, List.of(), projects, output.getFieldNames(), java.util.Set.of());
    }

    /** {@code MOD(MOD(x, m) + m, m)}: the remainder with the divisor's sign, also for times before 1970. */
    private static RexNode floorMod(RexBuilder rex, RexNode value, long modulus) {
        RexNode m = literal(rex, modulus);
        RexNode mod = rex.makeCall(SqlStdOperatorTable.MOD, value, m);
        return rex.makeCall(SqlStdOperatorTable.MOD, rex.makeCall(SqlStdOperatorTable.PLUS, mod, m), m);
    }

    private static RexNode literal(RexBuilder rex, long value) {
        return rex.makeExactLiteral(BigDecimal.valueOf(value),
                rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT));
    }
}
