package dev.freshet.storage;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The layout of a {@link StateTable}: which keyspace holds it, the types of its full rows, and
 * which row columns, in which order and direction, form its key.
 *
 * @param keyspace the keyspace holding the table's rows, in {@code [0, Long.MAX_VALUE)}
 * @param rowSchema the types of the full row
 * @param keyColumns the row indexes of the key columns, in key order; not empty, no repeats
 * @param keyOrders the direction of each key column
 */
public record StateTableDescriptor(long keyspace, RowSchema rowSchema, List<Integer> keyColumns,
        List<SortOrder> keyOrders) {
    public StateTableDescriptor {
        requireNonNull(rowSchema, "rowSchema is null");
        keyColumns = List.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
        keyOrders = List.copyOf(requireNonNull(keyOrders, "keyOrders is null"));
        if (keyspace < 0 || keyspace == Long.MAX_VALUE) {
            throw new IllegalArgumentException(format("keyspace out of range: %d", keyspace));
        }
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("a state table needs at least one key column");
        }
        if (keyColumns.size() != keyOrders.size()) {
            throw new IllegalArgumentException(format("%d key columns but %d sort orders", keyColumns.size(),
                    keyOrders.size()));
        }
        Set<Integer> seen = new HashSet<>();
        for (int column : keyColumns) {
            if (column < 0 || column >= rowSchema.size()) {
                throw new IllegalArgumentException(format("key column %d outside a row of %d columns", column,
                        rowSchema.size()));
            }
            if (!seen.add(column)) {
                throw new IllegalArgumentException(format("key column %d repeated", column));
            }
        }
    }

    /** A table keyed by the given row columns, all ascending. */
    public static StateTableDescriptor ascending(long keyspace, RowSchema rowSchema, int... keyColumns) {
        List<Integer> columns = new ArrayList<>();
        List<SortOrder> orders = new ArrayList<>();
        for (int column : keyColumns) {
            columns.add(column);
            orders.add(SortOrder.ASCENDING);
        }
        return new StateTableDescriptor(keyspace, rowSchema, columns, orders);
    }

    /** The types of the key columns, in key order. */
    public List<ValueType> keyTypes() {
        return keyColumns.stream().map(rowSchema::type).toList();
    }
}
