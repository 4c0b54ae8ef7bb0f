package dev.freshet.planner.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

import dev.freshet.planner.KeyRange;

/**
 * Turns the conjuncts Calcite pushed into a scan into the key range that covers them: equalities
 * on leading primary-key columns become a prefix, comparisons on the next key column a bound.
 *
 * <p>Only a bare column compared with a literal or parameter of exactly the column's type is
 * used: anything else (a cast, a function, a literal of another type whose comparison Calcite
 * would coerce) is left to the query's own filter, so the range can never be narrower than the
 * filter. The filters stay in the plan either way; the range only saves reading.
 */
final class KeyRangeExtractor {
    private KeyRangeExtractor() {
    }

    static KeyRange extract(List<Integer> keyColumns, List<RexNode> filters, DataContext context) {
        List<Object> prefix = new ArrayList<>();
        for (int keyColumn : keyColumns) {
            Object value = findEquality(keyColumn, filters, context);
            if (value == null) {
                return rangeOn(keyColumn, prefix, filters, context);
            }
            prefix.add(value);
        }
        return new KeyRange(prefix, null, null);
    }

    private static KeyRange rangeOn(int column, List<Object> prefix, List<RexNode> filters, DataContext context) {
        KeyRange.Bound lower = null;
        KeyRange.Bound upper = null;
        for (RexNode filter : filters) {
            Comparison comparison = Comparison.of(filter, column, context);
            if (comparison == null) {
                continue;
            }
            switch (comparison.kind) {
                case GREATER_THAN -> lower = new KeyRange.Bound(comparison.value, false);
                case GREATER_THAN_OR_EQUAL -> lower = new KeyRange.Bound(comparison.value, true);
                case LESS_THAN -> upper = new KeyRange.Bound(comparison.value, false);
                case LESS_THAN_OR_EQUAL -> upper = new KeyRange.Bound(comparison.value, true);
                default -> {
                    // Not a bound.
                }
            }
        }
        return new KeyRange(prefix, lower, upper);
    }

    private static Object findEquality(int column, List<RexNode> filters, DataContext context) {
        for (RexNode filter : filters) {
            Comparison comparison = Comparison.of(filter, column, context);
            if (comparison != null && comparison.kind == SqlKind.EQUALS) {
                return comparison.value;
            }
        }
        return null;
    }

    /** {@code column <op> value}, normalized so that the column is on the left. */
    private record Comparison(SqlKind kind, Object value) {
        static Comparison of(RexNode filter, int column, DataContext context) {
            if (!(filter instanceof RexCall call) || call.getOperands().size() != 2) {
                return null;
            }
            SqlKind kind = call.getKind();
            if (!kind.belongsTo(SqlKind.COMPARISON) || kind == SqlKind.NOT_EQUALS) {
                return null;
            }
            RexNode left = call.getOperands().get(0);
            RexNode right = call.getOperands().get(1);
            if (isColumn(right, column)) {
                RexNode swap = left;
                left = right;
                right = swap;
                kind = kind.reverse();
            }
            if (!isColumn(left, column) || !sameType(left, right)) {
                return null;
            }
            Object value = valueOf(right, context);
            return value == null ? null : new Comparison(kind, value);
        }

        private static boolean sameType(RexNode column, RexNode value) {
            SqlTypeName columnType = column.getType().getSqlTypeName();
            SqlTypeName valueType = value.getType().getSqlTypeName();
            // A CHAR literal against a VARCHAR column compares its characters as written.
            return columnType == valueType
                    || SqlTypeName.CHAR_TYPES.contains(columnType) && SqlTypeName.CHAR_TYPES.contains(valueType);
        }

        private static boolean isColumn(RexNode node, int column) {
            return node instanceof RexInputRef ref && ref.getIndex() == column;
        }

        private static Object valueOf(RexNode node, DataContext context) {
            if (node instanceof RexDynamicParam param) {
                return context.get("?" + param.getIndex());
            }
            if (node.getKind() == SqlKind.CAST && node instanceof RexCall cast
                    && cast.getOperands().get(0) instanceof RexDynamicParam param
                    && param.getType().getSqlTypeName() == cast.getType().getSqlTypeName()) {
                // The CAST that gives a declared parameter its type changes nothing at run time.
                return context.get("?" + param.getIndex());
            }
            if (node instanceof RexLiteral literal) {
                return internalValue(literal);
            }
            return null;
        }

        private static Object internalValue(RexLiteral literal) {
            SqlTypeName typeName = literal.getType().getSqlTypeName();
            return switch (typeName) {
                case BOOLEAN -> literal.getValueAs(Boolean.class);
                case SMALLINT -> literal.getValueAs(Short.class);
                case INTEGER, DATE, TIME -> literal.getValueAs(Integer.class);
                case BIGINT, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> literal.getValueAs(Long.class);
                case REAL -> literal.getValueAs(Float.class);
                case DOUBLE -> literal.getValueAs(Double.class);
                case DECIMAL -> literal.getValueAs(java.math.BigDecimal.class);
                case CHAR, VARCHAR -> literal.getValueAs(String.class);
                default -> null;
            };
        }
    }
}
