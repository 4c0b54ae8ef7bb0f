package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.freshet.planner.DataType;

/**
 * One aggregate function of a {@link StreamAggregate}, as SQL computes it over a group's current
 * rows. AVG never appears: the planner rewrites it to SUM / COUNT before translation.
 *
 * @param function the function
 * @param arguments the input columns it reads: none for COUNT(*), one for the others, two for
 *     STRING_AGG (value, delimiter)
 * @param distinct true for {@code f(DISTINCT x)}: each distinct non-null value counts once
 * @param filterColumn the input column of a BOOLEAN {@code FILTER (WHERE …)} condition, or -1
 * @param order the ORDER BY inside the call (STRING_AGG); empty when none
 * @param resultType the SQL type of the result
 * @param name the output column's name
 */
public record AggregateCall(Function function, List<Integer> arguments, boolean distinct, int filterColumn,
        List<SortKey> order, DataType resultType, String name) {
    public AggregateCall {
        requireNonNull(function, "function is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        order = List.copyOf(requireNonNull(order, "order is null"));
        requireNonNull(resultType, "resultType is null");
        requireNonNull(name, "name is null");
    }

    /** The aggregate functions a streaming aggregate maintains, each retractable. */
    public enum Function {
        /** COUNT(*) without arguments, or COUNT(x): the rows where x is not null. 0 for an empty group. */
        COUNT,
        /** SUM: NULL when the group has no non-null value. */
        SUM,
        /** Calcite's $SUM0: like SUM but 0 instead of NULL (from rewritten aggregates). */
        SUM0,
        MIN,
        MAX,
        BOOL_AND,
        BOOL_OR,
        /** STRING_AGG(value, delimiter [ORDER BY …]): NULL values are skipped; NULL for no values. */
        STRING_AGG
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(function.name()).append('(');
        if (distinct) {
            text.append("DISTINCT ");
        }
        if (arguments.isEmpty()) {
            text.append('*');
        }
        for (int i = 0; i < arguments.size(); i++) {
            text.append(i == 0 ? "" : ", ").append('$').append(arguments.get(i));
        }
        if (!order.isEmpty()) {
            text.append(" ORDER BY ");
            for (int i = 0; i < order.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(order.get(i));
            }
        }
        text.append(')');
        if (filterColumn >= 0) {
            text.append(" FILTER $").append(filterColumn);
        }
        return text.toString();
    }
}
