package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.freshet.planner.DataType;

/**
 * Top-N per group: {@code ROW_NUMBER() OVER (PARTITION BY p ORDER BY o) <= N} (or a global
 * {@code ORDER BY o LIMIT n OFFSET m}). Keeps every input row, so when a row in the top is
 * deleted the next one takes its place. Rows equal in the ordering are ranked by their other
 * columns, ascending with NULLs last, so the result is deterministic. A row the input holds
 * several times takes that many consecutive positions.
 *
 * @param partitionKeys the PARTITION BY columns; empty for one global ranking
 * @param order the ORDER BY columns
 * @param offset how many leading rows of each partition to skip
 * @param limit how many rows of each partition to keep after the offset
 * @param rowNumber when true, the output has one more column after the input's: the row's
 *     position (BIGINT, from 1) within its partition, counted from the partition's first row
 *     (so with an offset the first row out is number {@code offset + 1}), and a row whose
 *     position changes is retracted and inserted again with the new one
 * @param uniqueKey the output columns that identify a row, or empty
 */
public record StreamTopN(StreamNode input, List<Integer> partitionKeys, List<SortKey> order, long offset, long limit,
        boolean rowNumber, List<String> outputNames, List<DataType> outputTypes, List<Integer> uniqueKey)
        implements StreamNode {
    public StreamTopN {
        requireNonNull(input, "input is null");
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        order = List.copyOf(requireNonNull(order, "order is null"));
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("negative offset or limit: " + offset + ", " + limit);
        }
        outputNames = List.copyOf(requireNonNull(outputNames, "outputNames is null"));
        outputTypes = List.copyOf(requireNonNull(outputTypes, "outputTypes is null"));
        uniqueKey = List.copyOf(requireNonNull(uniqueKey, "uniqueKey is null"));
    }

    @Override
    public List<StreamNode> inputs() {
        return List.of(input);
    }

    @Override
    public boolean appendOnly() {
        return false;
    }

    /**
     * One table, {@code rows}, holding every input row of every partition with its multiplicity,
     * in ranking order within each partition:
     * <ul>
     *   <li>columns: the input's columns in input order, then one BOOLEAN {@code <column>_is_null}
     *       per order column whose null order storage cannot give by itself, then {@code count}
     *       (BIGINT, how many times the row is in the input, always positive);
     *   <li>key: the partition columns ascending, then each order column in its direction, then
     *       every input column not yet in the key, ascending, so the key is the whole row and the
     *       key order is the ranking. A column already in the key is not repeated: its value is
     *       fixed by then and cannot change the order.
     * </ul>
     * Storage sorts NULL last ascending and first descending (PostgreSQL's default), so an order
     * column asking for the other null order gets its {@code _is_null} column placed just before it
     * in the key, sorting descending for NULLS FIRST and ascending for NULLS LAST: that column
     * alone decides where NULLs go, and for non-null values it is constant.
     */
    @Override
    public List<StateTableLayout> stateTables() {
        List<String> names = new ArrayList<>(input.outputNames());
        List<DataType> types = new ArrayList<>(input.outputTypes());
        int width = types.size();
        List<Integer> keyColumns = new ArrayList<>();
        List<Boolean> keyDescending = new ArrayList<>();
        for (int column : partitionKeys) {
            if (!keyColumns.contains(column)) {
                keyColumns.add(column);
                keyDescending.add(false);
            }
        }
        for (SortKey key : order) {
            if (keyColumns.contains(key.column())) {
                continue;
            }
            if (key.nullsFirst() != key.descending()) {
                keyColumns.add(names.size());
                keyDescending.add(key.nullsFirst());
                names.add(input.outputNames().get(key.column()) + "_is_null");
                types.add(DataType.of(DataType.Kind.BOOLEAN));
            }
            keyColumns.add(key.column());
            keyDescending.add(key.descending());
        }
        for (int column = 0; column < width; column++) {
            if (!keyColumns.contains(column)) {
                keyColumns.add(column);
                keyDescending.add(false);
            }
        }
        names.add("count");
        types.add(DataType.of(DataType.Kind.BIGINT));
        return List.of(new StateTableLayout("rows", names, types, keyColumns, keyDescending));
    }

    @Override
    public String explain() {
        StringBuilder text = new StringBuilder("StreamTopN(partition: [");
        for (int i = 0; i < partitionKeys.size(); i++) {
            text.append(i == 0 ? "" : ", ").append('$').append(partitionKeys.get(i));
        }
        text.append("], order: [");
        for (int i = 0; i < order.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(order.get(i));
        }
        text.append("], limit: ").append(limit);
        if (offset > 0) {
            text.append(", offset: ").append(offset);
        }
        if (rowNumber) {
            text.append(", row number");
        }
        if (closesPartitions()) {
            text.append(", partitions final below the watermark on: $").append(partitionKeys.get(0));
        }
        return text.append(')').toString();
    }

    /**
     * The bounded PARTITION BY columns: a partition's output changes only with its input. Other
     * columns are not bounded: a deletion can bring an old row up into the top.
     */
    @Override
    public Map<Integer, Long> watermarkColumns() {
        Map<Integer, Long> bounded = input.watermarkColumns();
        Map<Integer, Long> columns = new TreeMap<>();
        for (int column : partitionKeys) {
            Long offset = bounded.get(column);
            if (offset != null) {
                columns.put(column, offset);
            }
        }
        return columns;
    }

    /**
     * True when the first PARTITION BY column is bounded by the watermark (a window column the
     * planner put first): the state is keyed by it first, so the partitions the watermark
     * finalizes are a range at the start of the table, and the operator frees them.
     */
    public boolean closesPartitions() {
        return !partitionKeys.isEmpty() && input.watermarkColumns().containsKey(partitionKeys.get(0));
    }
}
