package dev.freshet.storage;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import dev.freshet.storage.internal.Utf8;

/**
 * Encodes a tuple of key values into bytes whose unsigned lexicographic order is the SQL order of
 * the tuples, column by column, each column ascending or descending; and decodes them back.
 *
 * <p>Every column's encoding is self-delimiting (no column encoding is a proper prefix of another),
 * so the encoding of the first n columns of a key is a byte prefix of the whole key's encoding, and
 * a prefix scan over the first n columns is a scan over a byte prefix.
 *
 * <p>Per column (ascending; descending inverts every byte of the column, which reverses the order
 * of a self-delimiting code and so puts NULL first, as PostgreSQL does for DESC):
 * <ul>
 *   <li>a marker byte: 0x01 for a value, 0x02 for NULL, so NULL sorts after every value;
 *   <li>BOOLEAN: 0x00 or 0x01;
 *   <li>INT16, INT32, INT64: big-endian two's complement with the sign bit flipped;
 *   <li>FLOAT32, FLOAT64: IEEE bits, negatives inverted, positives with the sign bit flipped. -0.0
 *       is written as 0.0 (they are equal in SQL, so they must be one key) and every NaN as the
 *       canonical NaN, which sorts above +Infinity as in PostgreSQL;
 *   <li>DECIMAL: a sign class (negative, zero, positive), then for non-zero values the decimal
 *       exponent and the significant digits, two per byte, ended by a terminator; negative values
 *       invert the exponent and digits. Trailing zeros are stripped first, so numerically equal
 *       values of different scale (1.0, 1.00) encode to identical bytes, and decoding returns the
 *       value without trailing fractional zeros (1.00 decodes as 1, 2.50 as 2.5);
 *   <li>STRING (as UTF-8) and BYTES: the bytes with 0x00 escaped as 0x00 0xFF, ended by
 *       0x00 0x01, so embedded NULs work and a shorter string sorts before its extensions. UTF-8
 *       byte order is code-point order: the "C" collation.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. Each encode sizes the key first and allocates exactly
 * one array.
 */
public final class MemcomparableCodec {
    private static final byte VALUE_MARKER = 0x01;
    private static final byte NULL_MARKER = 0x02;
    private static final byte DECIMAL_NEGATIVE = 0x01;
    private static final byte DECIMAL_ZERO = 0x02;
    private static final byte DECIMAL_POSITIVE = 0x03;

    private final ValueType[] types;
    private final boolean[] descending;

    public MemcomparableCodec(List<ValueType> types, List<SortOrder> orders) {
        requireNonNull(types, "types is null");
        requireNonNull(orders, "orders is null");
        if (types.size() != orders.size()) {
            throw new IllegalArgumentException(format("%d key types but %d sort orders", types.size(), orders.size()));
        }
        this.types = types.toArray(new ValueType[0]);
        this.descending = new boolean[orders.size()];
        for (int i = 0; i < this.types.length; i++) {
            requireNonNull(this.types[i], "type is null");
            descending[i] = requireNonNull(orders.get(i), "order is null") == SortOrder.DESCENDING;
        }
    }

    /** A codec whose columns all sort ascending. */
    public static MemcomparableCodec ascending(ValueType... types) {
        SortOrder[] orders = new SortOrder[types.length];
        Arrays.fill(orders, SortOrder.ASCENDING);
        return new MemcomparableCodec(Arrays.asList(types), Arrays.asList(orders));
    }

    public int columnCount() {
        return types.length;
    }

    /** Encodes a whole key: {@code key} holds exactly one value (or null) per key column. */
    public byte[] encode(Object[] key) {
        requireNonNull(key, "key is null");
        if (key.length != types.length) {
            throw new IllegalArgumentException(format("key has %d values, expected %d", key.length, types.length));
        }
        return encode(key, null, types.length);
    }

    /**
     * Encodes the first {@code count} key columns from {@code values[0..count)}: a byte prefix of the
     * encoding of every key that starts with these values.
     */
    public byte[] encodePrefix(Object[] values, int count) {
        requireNonNull(values, "values is null");
        if (count < 0 || count > types.length || count > values.length) {
            throw new IllegalArgumentException(format("cannot encode %d of %d key columns from %d values",
                    count, types.length, values.length));
        }
        return encode(values, null, count);
    }

    /**
     * Encodes the key of a row: key column i holds {@code row[columns[i]]}. Saves copying the key
     * out of the row first.
     */
    public byte[] encodeColumns(Object[] row, int[] columns) {
        requireNonNull(row, "row is null");
        requireNonNull(columns, "columns is null");
        if (columns.length != types.length) {
            throw new IllegalArgumentException(format("%d column indexes for %d key columns", columns.length,
                    types.length));
        }
        return encode(row, columns, types.length);
    }

    /** Decodes a whole key into one value (or null) per key column. */
    public Object[] decode(byte[] key) {
        requireNonNull(key, "key is null");
        Object[] values = new Object[types.length];
        int position = 0;
        for (int i = 0; i < types.length; i++) {
            position = decodeColumn(key, position, i, values);
        }
        if (position != key.length) {
            throw new IllegalArgumentException(format("%d bytes after the last key column", key.length - position));
        }
        return values;
    }

    private byte[] encode(Object[] source, int[] columns, int count) {
        int size = 0;
        for (int i = 0; i < count; i++) {
            size += encodedSize(value(source, columns, i), i);
        }
        byte[] target = new byte[size];
        int position = 0;
        for (int i = 0; i < count; i++) {
            int start = position;
            position = write(value(source, columns, i), i, target, position);
            if (descending[i]) {
                for (int j = start; j < position; j++) {
                    target[j] = (byte) ~target[j];
                }
            }
        }
        return target;
    }

    private Object value(Object[] source, int[] columns, int column) {
        Object value = columns == null ? source[column] : source[columns[column]];
        if (value != null && !types[column].javaClass().isInstance(value)) {
            throw new IllegalArgumentException(format("key column %d is %s but got %s", column, types[column],
                    value.getClass().getName()));
        }
        return value;
    }

    private int encodedSize(Object value, int column) {
        if (value == null) {
            return 1;
        }
        switch (types[column]) {
            case BOOLEAN:
                return 2;
            case INT16:
                return 3;
            case INT32:
            case FLOAT32:
                return 5;
            case INT64:
            case FLOAT64:
                return 9;
            case DECIMAL: {
                BigDecimal decimal = (BigDecimal) value;
                if (decimal.signum() == 0) {
                    return 2;
                }
                int digits = decimal.abs().stripTrailingZeros().precision();
                return 2 + 4 + (digits + 1) / 2 + 1;
            }
            case STRING: {
                String string = (String) value;
                return 1 + Utf8.encodedLength(string) + countNulChars(string) + 2;
            }
            case BYTES: {
                byte[] bytes = (byte[]) value;
                return 1 + bytes.length + countZeroBytes(bytes) + 2;
            }
        }
        throw new AssertionError(types[column]);
    }

    private int write(Object value, int column, byte[] target, int position) {
        if (value == null) {
            target[position] = NULL_MARKER;
            return position + 1;
        }
        target[position] = VALUE_MARKER;
        int pos = position + 1;
        switch (types[column]) {
            case BOOLEAN:
                target[pos] = (byte) (((Boolean) value) ? 1 : 0);
                return pos + 1;
            case INT16:
                return writeBigEndian((((Short) value) ^ Short.MIN_VALUE) & 0xFFFF, 2, target, pos);
            case INT32:
                return writeBigEndian(((Integer) value) ^ Integer.MIN_VALUE, 4, target, pos);
            case INT64:
                return writeBigEndian((Long) value ^ Long.MIN_VALUE, 8, target, pos);
            case FLOAT32:
                return writeBigEndian(floatKey((Float) value), 4, target, pos);
            case FLOAT64:
                return writeBigEndian(doubleKey((Double) value), 8, target, pos);
            case DECIMAL:
                return writeDecimal((BigDecimal) value, target, pos);
            case STRING: {
                String string = (String) value;
                if (countNulChars(string) == 0) {
                    pos = Utf8.encode(string, target, pos);
                }
                else {
                    byte[] utf8 = string.getBytes(UTF_8);
                    pos = writeEscaped(utf8, target, pos);
                }
                target[pos] = 0x00;
                target[pos + 1] = 0x01;
                return pos + 2;
            }
            case BYTES: {
                pos = writeEscaped((byte[]) value, target, pos);
                target[pos] = 0x00;
                target[pos + 1] = 0x01;
                return pos + 2;
            }
        }
        throw new AssertionError(types[column]);
    }

    private static int floatKey(float value) {
        // floatToIntBits folds every NaN into the canonical, positive NaN, the largest key.
        int bits = value == 0.0f ? 0 : Float.floatToIntBits(value);
        return bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
    }

    private static long doubleKey(double value) {
        long bits = value == 0.0 ? 0L : Double.doubleToLongBits(value);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static int writeDecimal(BigDecimal value, byte[] target, int position) {
        int signum = value.signum();
        if (signum == 0) {
            target[position] = DECIMAL_ZERO;
            return position + 1;
        }
        target[position] = signum < 0 ? DECIMAL_NEGATIVE : DECIMAL_POSITIVE;
        int start = position + 1;
        // The value is 0.d1d2...dn x 10^exponent with d1 != 0 and dn != 0: the exponent orders
        // values of different magnitude, then the digits compare like a fraction.
        BigDecimal normalized = value.abs().stripTrailingZeros();
        String digits = normalized.unscaledValue().toString();
        long exponent = (long) digits.length() - normalized.scale();
        if (exponent != (int) exponent) {
            throw new IllegalArgumentException("decimal exponent out of range: " + value);
        }
        int pos = writeBigEndian(((int) exponent) ^ Integer.MIN_VALUE, 4, target, start);
        for (int i = 0; i < digits.length(); i += 2) {
            int high = digits.charAt(i) - '0';
            int low = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0;
            // 1..100, so that 0 is free for the terminator.
            target[pos++] = (byte) (high * 10 + low + 1);
        }
        target[pos++] = 0x00;
        if (signum < 0) {
            for (int i = start; i < pos; i++) {
                target[i] = (byte) ~target[i];
            }
        }
        return pos;
    }

    private static int writeEscaped(byte[] bytes, byte[] target, int position) {
        int pos = position;
        for (byte b : bytes) {
            target[pos++] = b;
            if (b == 0) {
                target[pos++] = (byte) 0xFF;
            }
        }
        return pos;
    }

    private static int writeBigEndian(long value, int width, byte[] target, int position) {
        for (int i = width - 1; i >= 0; i--) {
            target[position + width - 1 - i] = (byte) (value >>> (8 * i));
        }
        return position + width;
    }

    private static int countNulChars(String value) {
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == 0) {
                count++;
            }
        }
        return count;
    }

    private static int countZeroBytes(byte[] value) {
        int count = 0;
        for (byte b : value) {
            if (b == 0) {
                count++;
            }
        }
        return count;
    }

    private int decodeColumn(byte[] key, int position, int column, Object[] values) {
        int mask = descending[column] ? 0xFF : 0x00;
        int marker = byteAt(key, position, mask);
        if (marker == NULL_MARKER) {
            values[column] = null;
            return position + 1;
        }
        if (marker != VALUE_MARKER) {
            throw new IllegalArgumentException(format("bad marker 0x%02x for key column %d", marker, column));
        }
        int pos = position + 1;
        switch (types[column]) {
            case BOOLEAN:
                values[column] = byteAt(key, pos, mask) != 0;
                return pos + 1;
            case INT16:
                values[column] = (short) (readBigEndian(key, pos, 2, mask) ^ Short.MIN_VALUE);
                return pos + 2;
            case INT32:
                values[column] = (int) readBigEndian(key, pos, 4, mask) ^ Integer.MIN_VALUE;
                return pos + 4;
            case INT64:
                values[column] = readBigEndian(key, pos, 8, mask) ^ Long.MIN_VALUE;
                return pos + 8;
            case FLOAT32: {
                int bits = (int) readBigEndian(key, pos, 4, mask);
                values[column] = Float.intBitsToFloat(bits < 0 ? bits ^ Integer.MIN_VALUE : ~bits);
                return pos + 4;
            }
            case FLOAT64: {
                long bits = readBigEndian(key, pos, 8, mask);
                values[column] = Double.longBitsToDouble(bits < 0 ? bits ^ Long.MIN_VALUE : ~bits);
                return pos + 8;
            }
            case DECIMAL:
                return decodeDecimal(key, pos, mask, column, values);
            case STRING: {
                int end = findTerminator(key, pos, mask);
                byte[] bytes = unescape(key, pos, end, mask);
                values[column] = new String(bytes, UTF_8);
                return end + 2;
            }
            case BYTES: {
                int end = findTerminator(key, pos, mask);
                values[column] = unescape(key, pos, end, mask);
                return end + 2;
            }
        }
        throw new AssertionError(types[column]);
    }

    private static int decodeDecimal(byte[] key, int position, int mask, int column, Object[] values) {
        int signClass = byteAt(key, position, mask);
        if (signClass == DECIMAL_ZERO) {
            values[column] = BigDecimal.ZERO;
            return position + 1;
        }
        if (signClass != DECIMAL_NEGATIVE && signClass != DECIMAL_POSITIVE) {
            throw new IllegalArgumentException(format("bad decimal sign 0x%02x in key column %d", signClass, column));
        }
        int valueMask = signClass == DECIMAL_NEGATIVE ? mask ^ 0xFF : mask;
        int pos = position + 1;
        int exponent = (int) readBigEndian(key, pos, 4, valueMask) ^ Integer.MIN_VALUE;
        pos += 4;
        StringBuilder digits = new StringBuilder();
        while (true) {
            int pair = byteAt(key, pos++, valueMask);
            if (pair == 0) {
                break;
            }
            pair--;
            digits.append((char) ('0' + pair / 10)).append((char) ('0' + pair % 10));
        }
        BigDecimal decimal = new BigDecimal(new BigInteger(digits.toString()), digits.length() - exponent)
                .stripTrailingZeros();
        if (decimal.scale() < 0) {
            decimal = decimal.setScale(0);
        }
        values[column] = signClass == DECIMAL_NEGATIVE ? decimal.negate() : decimal;
        return pos;
    }

    private static int findTerminator(byte[] key, int position, int mask) {
        int pos = position;
        while (true) {
            if (byteAt(key, pos, mask) == 0) {
                int next = byteAt(key, pos + 1, mask);
                if (next == 0x01) {
                    return pos;
                }
                if (next != 0xFF) {
                    throw new IllegalArgumentException(format("bad escape 0x00 0x%02x in key", next));
                }
                pos += 2;
            }
            else {
                pos++;
            }
        }
    }

    private static byte[] unescape(byte[] key, int start, int end, int mask) {
        byte[] out = new byte[end - start];
        int length = 0;
        for (int pos = start; pos < end; pos++) {
            int b = byteAt(key, pos, mask);
            out[length++] = (byte) b;
            if (b == 0) {
                pos++;
            }
        }
        return length == out.length ? out : Arrays.copyOf(out, length);
    }

    private static long readBigEndian(byte[] key, int position, int width, int mask) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | byteAt(key, position + i, mask);
        }
        return value;
    }

    private static int byteAt(byte[] key, int position, int mask) {
        if (position >= key.length) {
            throw new IllegalArgumentException("key ends inside a column");
        }
        return (key[position] & 0xFF) ^ mask;
    }
}
