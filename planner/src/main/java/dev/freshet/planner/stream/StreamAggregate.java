package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.freshet.planner.DataType;

/**
 * GROUP BY with aggregate functions (and DISTINCT, which is a GROUP BY of every column without
 * functions). Output rows: the group columns, then one column per call. For each group a step
 * changes, the operator retracts the group's previous output row and inserts the new one. A
 * group whose last row is deleted disappears, except the single group of an aggregate without
 * GROUP BY, which always has a row (COUNT 0, SUM NULL), as in SQL.
 *
 * <p>State ({@link #stateTables()}): first the table {@code groups}, one row per group, then one
 * table of values for each call that needs its group's individual values, in call order.
 *
 * <p>{@code groups} is keyed by the group columns (for an aggregate without GROUP BY, by one
 * BOOLEAN column {@code all} that is always TRUE). Its value columns are {@code row_count}, the
 * summed weight of the group's input rows, then each call's accumulators, starting at
 * {@link #accumulatorColumn(int)}, each named after the call:
 * <ul>
 *   <li>COUNT: {@code _count} BIGINT, the rows (for DISTINCT: the distinct values) counted;
 *   <li>SUM, SUM0 over integers, DECIMAL or INTERVAL: {@code _count} BIGINT, the non-null values
 *       (distinct ones for DISTINCT), and {@code _sum}, their exact sum as unbounded DECIMAL, so
 *       no sum of integers can overflow before it is converted to the result type;
 *   <li>SUM, SUM0 over REAL or DOUBLE: {@code _count}, {@code _sum} DOUBLE (of the finite values),
 *       then {@code _nan_count}, {@code _positive_infinity_count}, {@code _negative_infinity_count}
 *       BIGINT, because an infinity or NaN added to a double sum cannot be subtracted out again;
 *   <li>MIN, MAX: the current result, in the argument's type;
 *   <li>BOOL_AND, BOOL_OR: {@code _true_count}, {@code _false_count} BIGINT;
 *   <li>STRING_AGG: the current result, in the result type.
 * </ul>
 *
 * <p>A table of values ({@link #valueTable(int)}), named {@code <call>_values}, holds per group
 * each distinct value the call currently counts and, in {@code count} BIGINT, how many times:
 * <ul>
 *   <li>COUNT(DISTINCT x), SUM(DISTINCT x), SUM0(DISTINCT x): key the group columns, then x;
 *   <li>MIN, MAX: key the group columns, then the argument, ascending for MIN and descending for
 *       MAX, so the result is the first row of the group. An append-only input needs no such
 *       table: its extreme can only improve, and {@code groups} holds it;
 *   <li>STRING_AGG: key the group columns, then each ORDER BY column in its direction (preceded
 *       by a BOOLEAN {@code <column>_is_null}, descending for NULLS FIRST, when the requested null
 *       order is not storage's: NULLS FIRST ascending or NULLS LAST descending), then
 *       {@code value} and {@code delimiter} (',' for LISTAGG(x), which has none); the group's rows in key order are its values in
 *       aggregation order (by value when there is no ORDER BY, so the result is deterministic).
 * </ul>
 *
 * @param groupKeys the input columns grouped by, in output order
 * @param calls the aggregate functions, in output order after the group columns
 */
public record StreamAggregate(StreamNode input, List<Integer> groupKeys, List<AggregateCall> calls,
        List<String> outputNames, List<DataType> outputTypes) implements StreamNode {
    public StreamAggregate {
        requireNonNull(input, "input is null");
        groupKeys = List.copyOf(requireNonNull(groupKeys, "groupKeys is null"));
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
        outputNames = List.copyOf(requireNonNull(outputNames, "outputNames is null"));
        outputTypes = List.copyOf(requireNonNull(outputTypes, "outputTypes is null"));
    }

    @Override
    public List<StreamNode> inputs() {
        return List.of(input);
    }

    /** The group columns; empty for an aggregate without GROUP BY (its output is one row). */
    @Override
    public List<Integer> uniqueKey() {
        List<Integer> key = new ArrayList<>();
        for (int i = 0; i < groupKeys.size(); i++) {
            key.add(i);
        }
        return key;
    }

    @Override
    public boolean appendOnly() {
        return false;
    }

    @Override
    public List<StateTableLayout> stateTables() {
        List<StateTableLayout> tables = new ArrayList<>();
        tables.add(groupsTable());
        for (AggregateCall call : calls) {
            if (keepsValues(call)) {
                tables.add(valuesTable(call));
            }
        }
        return tables;
    }

    /** The column of the {@code groups} state table holding the first accumulator of call {@code call}. */
    public int accumulatorColumn(int call) {
        int column = groupColumnCount() + 1;
        for (int i = 0; i < call; i++) {
            column += accumulatorCount(calls.get(i));
        }
        return column;
    }

    /** The index of the state table holding the values of call {@code call}, or -1 when it keeps none. */
    public int valueTable(int call) {
        if (!keepsValues(calls.get(call))) {
            return -1;
        }
        int table = 1;
        for (int i = 0; i < call; i++) {
            if (keepsValues(calls.get(i))) {
                table++;
            }
        }
        return table;
    }

    private int groupColumnCount() {
        return groupKeys.isEmpty() ? 1 : groupKeys.size();
    }

    private boolean keepsValues(AggregateCall call) {
        return switch (call.function()) {
            case COUNT -> call.distinct() && !call.arguments().isEmpty();
            case SUM, SUM0 -> call.distinct();
            case MIN, MAX -> !input.appendOnly();
            case BOOL_AND, BOOL_OR -> false;
            case STRING_AGG -> true;
        };
    }

    private int accumulatorCount(AggregateCall call) {
        return switch (call.function()) {
            case COUNT, MIN, MAX, STRING_AGG -> 1;
            case SUM, SUM0 -> sumsFloatingPoint(call) ? 5 : 2;
            case BOOL_AND, BOOL_OR -> 2;
        };
    }

    private boolean sumsFloatingPoint(AggregateCall call) {
        DataType.Kind kind = argumentType(call, 0).kind();
        return kind == DataType.Kind.REAL || kind == DataType.Kind.DOUBLE;
    }

    private DataType argumentType(AggregateCall call, int argument) {
        return input.outputTypes().get(call.arguments().get(argument));
    }

    private StateTableLayout groupsTable() {
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        addGroupColumns(names, types);
        List<Integer> key = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            key.add(i);
        }
        DataType bigint = DataType.of(DataType.Kind.BIGINT);
        names.add("row_count");
        types.add(bigint);
        for (AggregateCall call : calls) {
            String name = call.name();
            switch (call.function()) {
                case COUNT -> {
                    names.add(name + "_count");
                    types.add(bigint);
                }
                case SUM, SUM0 -> {
                    names.add(name + "_count");
                    types.add(bigint);
                    names.add(name + "_sum");
                    if (sumsFloatingPoint(call)) {
                        types.add(DataType.of(DataType.Kind.DOUBLE));
                        names.addAll(List.of(name + "_nan_count", name + "_positive_infinity_count",
                                name + "_negative_infinity_count"));
                        types.addAll(List.of(bigint, bigint, bigint));
                    }
                    else {
                        types.add(DataType.of(DataType.Kind.DECIMAL));
                    }
                }
                case MIN, MAX -> {
                    names.add(name);
                    types.add(argumentType(call, 0));
                }
                case BOOL_AND, BOOL_OR -> {
                    names.addAll(List.of(name + "_true_count", name + "_false_count"));
                    types.addAll(List.of(bigint, bigint));
                }
                case STRING_AGG -> {
                    names.add(name);
                    types.add(call.resultType());
                }
            }
        }
        return new StateTableLayout("groups", names, types, key);
    }

    private StateTableLayout valuesTable(AggregateCall call) {
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        addGroupColumns(names, types);
        List<Boolean> descending = new ArrayList<>(Collections.nCopies(names.size(), false));
        switch (call.function()) {
            case COUNT, SUM, SUM0, MIN, MAX -> {
                for (int i = 0; i < call.arguments().size(); i++) {
                    names.add(input.outputNames().get(call.arguments().get(i)));
                    types.add(argumentType(call, i));
                    descending.add(call.function() == AggregateCall.Function.MAX);
                }
            }
            case STRING_AGG -> {
                for (SortKey sortKey : call.order()) {
                    String name = input.outputNames().get(sortKey.column());
                    if (sortKey.nullsFirst() != sortKey.descending()) {
                        names.add(name + "_is_null");
                        types.add(DataType.of(DataType.Kind.BOOLEAN));
                        descending.add(sortKey.nullsFirst());
                    }
                    names.add(name);
                    types.add(input.outputTypes().get(sortKey.column()));
                    descending.add(sortKey.descending());
                }
                names.addAll(List.of("value", "delimiter"));
                types.add(argumentType(call, 0));
                types.add(call.arguments().size() > 1 ? argumentType(call, 1) : argumentType(call, 0));
                descending.addAll(List.of(false, false));
            }
            case BOOL_AND, BOOL_OR -> throw new IllegalArgumentException(call + " keeps no values");
        }
        List<Integer> key = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            key.add(i);
        }
        names.add("count");
        types.add(DataType.of(DataType.Kind.BIGINT));
        return new StateTableLayout(call.name() + "_values", names, types, key, descending);
    }

    private void addGroupColumns(List<String> names, List<DataType> types) {
        if (groupKeys.isEmpty()) {
            names.add("all");
            types.add(DataType.of(DataType.Kind.BOOLEAN));
        }
        for (int column : groupKeys) {
            names.add(input.outputNames().get(column));
            types.add(input.outputTypes().get(column));
        }
    }

    @Override
    public String explain() {
        StringBuilder text = new StringBuilder("StreamAggregate(group: [");
        for (int i = 0; i < groupKeys.size(); i++) {
            text.append(i == 0 ? "" : ", ").append('$').append(groupKeys.get(i));
        }
        text.append("], calls: [");
        for (int i = 0; i < calls.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(calls.get(i));
        }
        text.append(']');
        if (closesGroups()) {
            text.append(", groups final below the watermark on: $").append(groupKeys.get(0));
        }
        return text.append(')').toString();
    }

    /**
     * True when the first group column is bounded by the watermark (a window column the planner
     * put first): every state table is keyed by the group columns first, so the groups the
     * watermark finalizes are a range at the start of each table, and the operator frees them.
     */
    public boolean closesGroups() {
        return !groupKeys.isEmpty() && input.watermarkColumns().containsKey(groupKeys.get(0));
    }

    /** The group columns whose input column is bounded: a group's output changes only with its input. */
    @Override
    public Map<Integer, Long> watermarkColumns() {
        Map<Integer, Long> bounded = input.watermarkColumns();
        Map<Integer, Long> columns = new TreeMap<>();
        for (int i = 0; i < groupKeys.size(); i++) {
            Long offset = bounded.get(groupKeys.get(i));
            if (offset != null) {
                columns.put(i, offset);
            }
        }
        return columns;
    }
}
