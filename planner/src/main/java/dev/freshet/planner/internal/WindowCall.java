package dev.freshet.planner.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * A window table function call as Calcite converts it: the table is the scan's input and the call
 * holds {@code DESCRIPTOR(ts)}, then for {@code TUMBLE} the size, for {@code HOP} the slide and
 * size, for {@code CUMULATE} the step and size (each with an optional offset), and for
 * {@code SESSION} an optional {@code DESCRIPTOR(key, ...)} and the gap. Read once here for both
 * the streaming translation and the batch expansion.
 *
 * @param function {@code TUMBLE}, {@code HOP}, {@code CUMULATE} or {@code SESSION}
 * @param timeColumn the input column of the event time
 * @param keys SESSION's key columns; empty otherwise
 * @param slideMillis the slide (the size for TUMBLE, the step for CUMULATE, the gap for SESSION)
 * @param sizeMillis the size (the gap for SESSION)
 * @param offsetMillis the offset; 0 for SESSION
 */
record WindowCall(String function, int timeColumn, List<Integer> keys, long slideMillis, long sizeMillis,
        long offsetMillis) {
    WindowCall {
        keys = List.copyOf(keys);
    }

    boolean isSession() {
        return function.equals("SESSION");
    }

    /** The gap of a SESSION call. */
    long gapMillis() {
        return sizeMillis;
    }

    /**
     * The window call of a table function scan, or null when it calls another table function.
     *
     * @throws FreshetException {@code FEATURE_NOT_SUPPORTED} for a window call whose operands are
     *     not a time column and constant intervals, {@code INVALID_PARAMETER_VALUE} for one whose
     *     intervals are not positive
     */
    static WindowCall of(TableFunctionScan scan) {
        if (!(scan.getCall() instanceof RexCall call) || scan.getInputs().size() != 1) {
            return null;
        }
        String function = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<RexNode> operands = call.getOperands();
        return switch (function) {
            case "TUMBLE", "HOP", "CUMULATE" -> sliding(function, operands);
            case "SESSION" -> session(operands);
            default -> null;
        };
    }

    private static WindowCall sliding(String function, List<RexNode> operands) {
        int time = timeColumn(function, operands);
        List<Long> intervals = new ArrayList<>();
        for (RexNode operand : operands.subList(1, operands.size())) {
            intervals.add(constantInterval(function, operand));
        }
        boolean tumble = function.equals("TUMBLE");
        int required = tumble ? 1 : 2;
        if (intervals.size() < required || intervals.size() > required + 1) {
            throw unsupported(function + " with " + intervals.size() + " intervals");
        }
        long slide = intervals.get(0);
        long size = tumble ? slide : intervals.get(1);
        long offset = intervals.size() > required ? intervals.get(required) : 0;
        if (size <= 0 || slide <= 0) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, function + " needs a positive "
                    + (tumble ? "size" : "slide and size") + ", not " + (tumble ? size + " ms" : slide + " ms and "
                    + size + " ms"));
        }
        return new WindowCall(function, time, List.of(), slide, size, offset);
    }

    private static WindowCall session(List<RexNode> operands) {
        if (operands.size() < 2 || operands.size() > 3) {
            throw unsupported("SESSION with " + operands.size() + " arguments");
        }
        int time = timeColumn("SESSION", operands);
        List<Integer> keys = new ArrayList<>();
        if (operands.size() == 3) {
            if (!(operands.get(1) instanceof RexCall keyDescriptor) || keyDescriptor.getKind() != SqlKind.DESCRIPTOR) {
                throw unsupported("SESSION keys other than column names");
            }
            for (RexNode key : keyDescriptor.getOperands()) {
                if (!(key instanceof RexInputRef ref)) {
                    throw unsupported("SESSION keys other than column names");
                }
                keys.add(ref.getIndex());
            }
        }
        long gap = constantInterval("SESSION", operands.get(operands.size() - 1));
        if (gap <= 0) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, "SESSION needs a positive gap, not "
                    + gap + " ms");
        }
        return new WindowCall("SESSION", time, keys, gap, gap, 0);
    }

    private static int timeColumn(String function, List<RexNode> operands) {
        if (operands.isEmpty() || !(operands.get(0) instanceof RexCall descriptor)
                || descriptor.getKind() != SqlKind.DESCRIPTOR || descriptor.getOperands().size() != 1
                || !(descriptor.getOperands().get(0) instanceof RexInputRef time)) {
            throw unsupported(function + " without DESCRIPTOR(one time column)");
        }
        return time.getIndex();
    }

    private static long constantInterval(String function, RexNode operand) {
        if (!(operand instanceof RexLiteral literal) || literal.getValueAs(Long.class) == null) {
            throw unsupported(function + " with a size, slide, gap or offset that is not a constant interval ("
                    + operand + ")");
        }
        return literal.getValueAs(Long.class);
    }

    private static FreshetException unsupported(String construct) {
        return new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED, "materialized views do not support " + construct)
                .withHint("Rewrite the query without it, or read it with a plain SELECT or a CREATE VIEW.");
    }
}
