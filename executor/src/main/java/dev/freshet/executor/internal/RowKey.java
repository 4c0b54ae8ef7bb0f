package dev.freshet.executor.internal;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Some columns of a row as a hash-map key that compares as SQL compares values: DECIMAL 1.0 and
 * 1.00 are equal, as are REAL/DOUBLE -0.0 and 0.0, and NULL equals NULL (grouping semantics).
 * The same equality decides which operator instance owns a key, so equal keys always meet.
 */
public final class RowKey {
    private static final RowKey EMPTY = new RowKey(new Object[0]);

    private final Object[] values;
    private final int hash;

    private RowKey(Object[] values) {
        this.values = values;
        int h = 1;
        for (Object value : values) {
            h = 31 * h + hash(value);
        }
        this.hash = h;
    }

    /** The key of the given columns of a row. */
    public static RowKey of(Object[] row, int[] columns) {
        if (columns.length == 0) {
            return EMPTY;
        }
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = row[columns[i]];
        }
        return new RowKey(values);
    }

    /** The key of every column of a row. */
    public static RowKey ofRow(Object[] row) {
        return new RowKey(row);
    }

    /** The key's values, in column order. Do not change them. */
    public Object[] values() {
        return values;
    }

    /** True when any value is NULL: such a key matches nothing in an equi-join. */
    public boolean hasNull() {
        for (Object value : values) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }

    /** The hash of the given columns of a row, equal to {@code of(row, columns).hashCode()}. */
    public static int hash(Object[] row, int[] columns) {
        int h = 1;
        for (int column : columns) {
            h = 31 * h + hash(row[column]);
        }
        return h;
    }

    /** True when two rows are equal column by column, as SQL compares values. */
    public static boolean rowsEqual(Object[] left, Object[] right) {
        if (left.length != right.length) {
            return false;
        }
        for (int i = 0; i < left.length; i++) {
            if (!valuesEqual(left[i], right[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean valuesEqual(Object left, Object right) {
        if (left == right) {
            return true;
        }
        if (left == null || right == null) {
            return false;
        }
        if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (left instanceof Double a && right instanceof Double b) {
            return a.doubleValue() == b.doubleValue() || (a.isNaN() && b.isNaN());
        }
        if (left instanceof Float a && right instanceof Float b) {
            return a.floatValue() == b.floatValue() || (a.isNaN() && b.isNaN());
        }
        return left.equals(right);
    }

    private static int hash(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? 0 : decimal.stripTrailingZeros().hashCode();
        }
        if (value instanceof Double number) {
            double d = number;
            return d == 0.0 ? 0 : Double.hashCode(d);
        }
        if (value instanceof Float number) {
            float f = number;
            return f == 0.0f ? 0 : Float.hashCode(f);
        }
        return value.hashCode();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowKey key && key.hash == hash && rowsEqual(key.values, values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
