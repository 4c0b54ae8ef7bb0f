package dev.freshet.planner.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

import com.google.common.collect.ImmutableList;

/**
 * Rewrites the window table functions {@code TUMBLE} and {@code HOP} of a batch plan into plain
 * relational operators before it is optimized. Calcite's own implementation fails on a row whose
 * time is NULL; here such a row belongs to no window, as in a materialized view. For a time
 * {@code t} in milliseconds, the last window starting at or before it starts at
 * {@code t - floorMod(t - offset, slide)}; a HOP row meets each of the {@code ceil(size / slide)}
 * candidate starts before that (a join with their indexes) and keeps those whose window holds
 * {@code t}.
 */
public final class WindowTableFunctions extends RelShuttleImpl {
    private WindowTableFunctions() {
    }

    /** The plan with every TUMBLE and HOP expanded; other table functions are left as they are. */
    public static RelNode expand(RelNode rel) {
        return rel.accept(new WindowTableFunctions());
    }

    /** Logical table function scans arrive here: they do not dispatch to {@code visit(TableFunctionScan)}. */
    @Override
    public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        if (!(visited instanceof TableFunctionScan expanded) || !(expanded.getCall() instanceof RexCall call)
                || expanded.getInputs().size() != 1) {
            return visited;
        }
        String function = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (!function.equals("TUMBLE") && !function.equals("HOP")) {
            return visited;
        }
        List<RexNode> operands = call.getOperands();
        if (operands.isEmpty() || !(operands.get(0) instanceof RexCall descriptor)
                || descriptor.getKind() != SqlKind.DESCRIPTOR || descriptor.getOperands().size() != 1
                || !(descriptor.getOperands().get(0) instanceof RexInputRef time)) {
            return visited;
        }
        List<Long> intervals = new ArrayList<>();
        for (RexNode operand : operands.subList(1, operands.size())) {
            if (!(operand instanceof RexLiteral literal) || literal.getValueAs(Long.class) == null) {
                return visited;
            }
            intervals.add(literal.getValueAs(Long.class));
        }
        boolean tumble = function.equals("TUMBLE");
        int required = tumble ? 1 : 2;
        if (intervals.size() < required || intervals.size() > required + 1) {
            return visited;
        }
        long slide = intervals.get(0);
        long size = tumble ? slide : intervals.get(1);
        long offset = intervals.size() > required ? intervals.get(required) : 0;
        if (slide <= 0 || size <= 0) {
            return visited;
        }
        return expand(expanded, expanded.getInput(0), time.getIndex(), size, slide, offset);
    }

    private static RelNode expand(TableFunctionScan scan, RelNode input, int timeColumn, long size, long slide,
            long offset) {
        RexBuilder rex = scan.getCluster().getRexBuilder();
        RelDataTypeFactory types = rex.getTypeFactory();
        RelDataType bigint = types.createSqlType(SqlTypeName.BIGINT);
        int width = input.getRowType().getFieldCount();
        RelNode rows = LogicalFilter.create(input,
                rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, rex.makeInputRef(input, timeColumn)));
        long windows = (size + slide - 1) / slide;
        if (windows > 1) {
            // Each row once per candidate window: a join with the indexes 0 .. windows - 1.
            RelDataType indexType = types.createStructType(List.of(bigint), List.of("window_index"));
            ImmutableList.Builder<ImmutableList<RexLiteral>> tuples = ImmutableList.builder();
            for (long i = 0; i < windows; i++) {
                tuples.add(ImmutableList.of(rex.makeExactLiteral(BigDecimal.valueOf(i), bigint)));
            }
            RelNode indexes = LogicalValues.create(scan.getCluster(), indexType, tuples.build());
            rows = LogicalJoin.create(rows, indexes, List.of(), rex.makeLiteral(true), java.util.Set.of(),
                    JoinRelType.INNER);
        }
        RexNode millis = rex.makeReinterpretCast(bigint, rex.makeInputRef(rows, timeColumn), rex.makeLiteral(false));
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
