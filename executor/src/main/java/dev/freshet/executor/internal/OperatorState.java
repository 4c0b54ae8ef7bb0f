package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.calcite.avatica.util.ByteString;

import dev.freshet.planner.DataType;
import dev.freshet.planner.stream.StateTableLayout;
import dev.freshet.storage.BufferedStateTable;
import dev.freshet.storage.CloseableIterator;
import dev.freshet.storage.RowSchema;
import dev.freshet.storage.SortOrder;
import dev.freshet.storage.StateTableDescriptor;
import dev.freshet.storage.ValueType;

/**
 * A state table of one operator instance, in the plan's value representation: a
 * {@link BufferedStateTable} whose BYTEA values are converted between Calcite's
 * {@link ByteString} and storage's {@code byte[]}. Every other type is stored as plans carry it.
 */
public final class OperatorState {
    private final StateTableLayout layout;
    private final BufferedStateTable table;
    private final boolean[] binary;
    private final boolean hasBinary;

    public OperatorState(StateTableLayout layout, BufferedStateTable table) {
        this.layout = requireNonNull(layout, "layout is null");
        this.table = requireNonNull(table, "table is null");
        this.binary = new boolean[layout.columnTypes().size()];
        boolean any = false;
        for (int i = 0; i < binary.length; i++) {
            binary[i] = layout.columnTypes().get(i).kind() == DataType.Kind.BYTEA;
            any |= binary[i];
        }
        this.hasBinary = any;
    }

    /** The storage layout of a planned state table in the given keyspace. */
    public static StateTableDescriptor descriptor(StateTableLayout layout, long keyspace) {
        List<ValueType> types = new ArrayList<>();
        for (DataType type : layout.columnTypes()) {
            types.add(valueType(type));
        }
        List<SortOrder> orders = new ArrayList<>();
        for (boolean descending : layout.keyDescending()) {
            orders.add(descending ? SortOrder.DESCENDING : SortOrder.ASCENDING);
        }
        return new StateTableDescriptor(keyspace, new RowSchema(types), layout.keyColumns(), orders);
    }

    /** The physical type storage keeps a SQL type in. */
    public static ValueType valueType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> ValueType.BOOLEAN;
            case SMALLINT -> ValueType.INT16;
            case INTEGER, DATE, TIME -> ValueType.INT32;
            case BIGINT, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> ValueType.INT64;
            case REAL -> ValueType.FLOAT32;
            case DOUBLE -> ValueType.FLOAT64;
            case DECIMAL -> ValueType.DECIMAL;
            case VARCHAR -> ValueType.STRING;
            case BYTEA -> ValueType.BYTES;
        };
    }

    public StateTableLayout layout() {
        return layout;
    }

    /** The underlying table, for the runtime's flush and reader changes. */
    public BufferedStateTable table() {
        return table;
    }

    /** The row with the key (its key columns in key order), or null when there is none. */
    public Object[] get(Object[] key) {
        return toPlan(table.get(toStored(key)));
    }

    /** Adds the row, replacing any row with the same key. The row is not kept: it may be reused. */
    public void put(Object[] row) {
        table.put(toStored(row));
    }

    /** Removes the row with the key; nothing happens when there is none. */
    public void delete(Object[] key) {
        table.delete(toStored(key));
    }

    /** The rows whose key starts with the given values, in key order. */
    public CloseableIterator<Object[]> prefixScan(Object[] keyPrefix) {
        CloseableIterator<Object[]> rows = table.prefixScan(toStored(keyPrefix));
        if (!hasBinary) {
            return rows;
        }
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Object[] next() {
                return toPlan(rows.next());
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    /**
     * Removes every row whose first key column holds a value below {@code bound} (a BIGINT or
     * timestamp column sorting ascending) and returns them in key order. Rows with NULL there
     * sort last and stay. For freeing what a watermark finalized, which leads the key.
     *
     * <p>The scan covers the whole keyspace, which the instances of a stage share: an instance
     * also removes the closed rows of the other instances' partitions, which they remove as well.
     * Deleting a row twice is harmless, but an operator that emits what it removes must run as
     * one instance, or use {@link #removeBelow(long, Predicate)}.
     */
    public List<Object[]> removeBelow(long bound) {
        return removeBelow(bound, row -> true);
    }

    /**
     * {@link #removeBelow(long)} for the rows {@code owned} accepts only (this instance's
     * partitions); the others are left to their own instance.
     */
    public List<Object[]> removeBelow(long bound, Predicate<Object[]> owned) {
        int column = layout.keyColumns().get(0);
        if (layout.keyDescending().get(0)) {
            throw new IllegalStateException("state table " + layout.name() + " sorts its first key column descending");
        }
        List<Object[]> removed = new ArrayList<>();
        try (CloseableIterator<Object[]> rows = prefixScan(new Object[0])) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                if (!(row[column] instanceof Number value) || value.longValue() >= bound) {
                    break;
                }
                if (owned.test(row)) {
                    removed.add(row);
                }
            }
        }
        for (Object[] row : removed) {
            delete(keyOf(row));
        }
        return removed;
    }

    /**
     * What {@link #removeWhere} did to the rows it owns: how many it removed, how many it left, and
     * the least time among those left in the column it looked at ({@link Long#MAX_VALUE} when none
     * has a time).
     */
    public record Expired(long removed, long rowsLeft, long oldestLeft) {
    }

    /**
     * Removes the rows {@code owned} accepts whose value in {@code column} (a BIGINT or timestamp
     * column) is below {@code bound}, scanning the whole table. For state the watermark finishes
     * but that is not ordered by time. The scan sees the rows of every instance (they share the
     * keyspace); each removes only its own, so its buffer and cache stay its own.
     */
    public Expired removeWhere(int column, long bound, Predicate<Object[]> owned) {
        List<Object[]> keys = new ArrayList<>();
        long left = 0;
        long oldestLeft = Long.MAX_VALUE;
        try (CloseableIterator<Object[]> rows = prefixScan(new Object[0])) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                if (!owned.test(row)) {
                    continue;
                }
                boolean timed = row[column] instanceof Number;
                long time = timed ? ((Number) row[column]).longValue() : Long.MAX_VALUE;
                if (timed && time < bound) {
                    keys.add(keyOf(row));
                } else {
                    left++;
                    oldestLeft = Math.min(oldestLeft, time);
                }
            }
        }
        for (Object[] key : keys) {
            delete(key);
        }
        return new Expired(keys.size(), left, oldestLeft);
    }

    /** The key columns of a row, in key order. */
    public Object[] keyOf(Object[] row) {
        List<Integer> keyColumns = layout.keyColumns();
        Object[] key = new Object[keyColumns.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = row[keyColumns.get(i)];
        }
        return key;
    }

    /** A row or key with BYTEA values as storage keeps them; the given array is left alone. */
    private Object[] toStored(Object[] values) {
        if (!hasBinary) {
            return values;
        }
        Object[] stored = values.clone();
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] instanceof ByteString bytes) {
                stored[i] = bytes.getBytes();
            }
        }
        return stored;
    }

    private Object[] toPlan(Object[] stored) {
        if (stored == null || !hasBinary) {
            return stored;
        }
        for (int i = 0; i < stored.length; i++) {
            if (binary[i] && stored[i] instanceof byte[] bytes) {
                stored[i] = new ByteString(bytes);
            }
        }
        return stored;
    }
}
