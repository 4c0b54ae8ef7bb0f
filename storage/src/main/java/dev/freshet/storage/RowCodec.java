package dev.freshet.storage;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;

import dev.freshet.storage.internal.Utf8;

/**
 * Encodes a whole row (one value or null per column of a {@link RowSchema}) into a compact value,
 * and back. Unlike {@link MemcomparableCodec} the bytes carry no order; they only have to be small
 * and quick to read.
 *
 * <p>Layout: the column count (unsigned varint), a null bitmap (bit i of byte i/8 set when column i
 * is null), then each non-null value in column order: BOOLEAN one byte, INT16/INT32/INT64 and
 * FLOAT32/FLOAT64 little-endian in their width, DECIMAL the zig-zag varint scale then the
 * length-prefixed two's-complement unscaled value, STRING (UTF-8) and BYTES length-prefixed.
 *
 * <p>The leading column count lets a schema grow by appending columns: a row written with fewer
 * columns decodes with the missing trailing columns as null.
 *
 * <p>Instances are immutable and thread-safe. Each encode sizes the row first and allocates exactly
 * one array.
 */
public final class RowCodec {
    private final RowSchema schema;
    private final ValueType[] types;

    public RowCodec(RowSchema schema) {
        this.schema = requireNonNull(schema, "schema is null");
        this.types = schema.types().toArray(new ValueType[0]);
    }

    public RowSchema schema() {
        return schema;
    }

    /** Encodes a row holding exactly one value (or null) per column of the schema. */
    public byte[] encode(Object[] row) {
        requireNonNull(row, "row is null");
        if (row.length != types.length) {
            throw new IllegalArgumentException(format("row has %d values, schema has %d columns", row.length,
                    types.length));
        }
        int bitmapSize = (types.length + 7) / 8;
        int size = varintSize(types.length) + bitmapSize;
        for (int i = 0; i < types.length; i++) {
            Object value = row[i];
            if (value != null) {
                if (!types[i].javaClass().isInstance(value)) {
                    throw new IllegalArgumentException(format("column %d is %s but got %s", i, types[i],
                            value.getClass().getName()));
                }
                size += encodedSize(types[i], value);
            }
        }
        byte[] target = new byte[size];
        int position = writeVarint(types.length, target, 0);
        int bitmapStart = position;
        position += bitmapSize;
        for (int i = 0; i < types.length; i++) {
            Object value = row[i];
            if (value == null) {
                target[bitmapStart + (i >>> 3)] |= (byte) (1 << (i & 7));
            }
            else {
                position = write(types[i], value, target, position);
            }
        }
        return target;
    }

    /** Decodes a row into a new array with one value (or null) per column of the schema. */
    public Object[] decode(byte[] bytes) {
        Object[] row = new Object[types.length];
        decode(bytes, row);
        return row;
    }

    /** Decodes a row into {@code row}, which must have one slot per column of the schema. */
    public void decode(byte[] bytes, Object[] row) {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(row, "row is null");
        if (row.length != types.length) {
            throw new IllegalArgumentException(format("target has %d slots, schema has %d columns", row.length,
                    types.length));
        }
        long header = readVarint(bytes, 0);
        int columns = (int) header;
        int position = (int) (header >>> 32);
        if (columns > types.length) {
            throw new IllegalArgumentException(format("row has %d columns, schema only %d", columns, types.length));
        }
        int bitmapStart = position;
        position += (columns + 7) / 8;
        for (int i = 0; i < columns; i++) {
            if ((bytes[bitmapStart + (i >>> 3)] & (1 << (i & 7))) != 0) {
                row[i] = null;
            }
            else {
                position = read(types[i], bytes, position, row, i);
            }
        }
        for (int i = columns; i < types.length; i++) {
            row[i] = null;
        }
    }

    private static int encodedSize(ValueType type, Object value) {
        switch (type) {
            case BOOLEAN:
                return 1;
            case INT16:
                return 2;
            case INT32:
            case FLOAT32:
                return 4;
            case INT64:
            case FLOAT64:
                return 8;
            case DECIMAL: {
                BigDecimal decimal = (BigDecimal) value;
                int unscaledLength = decimal.unscaledValue().bitLength() / 8 + 1;
                return varintSize(zigZag(decimal.scale())) + varintSize(unscaledLength) + unscaledLength;
            }
            case STRING: {
                int length = Utf8.encodedLength((String) value);
                return varintSize(length) + length;
            }
            case BYTES: {
                int length = ((byte[]) value).length;
                return varintSize(length) + length;
            }
        }
        throw new AssertionError(type);
    }

    private static int write(ValueType type, Object value, byte[] target, int position) {
        switch (type) {
            case BOOLEAN:
                target[position] = (byte) (((Boolean) value) ? 1 : 0);
                return position + 1;
            case INT16:
                return writeLittleEndian((Short) value, 2, target, position);
            case INT32:
                return writeLittleEndian((Integer) value, 4, target, position);
            case INT64:
                return writeLittleEndian((Long) value, 8, target, position);
            case FLOAT32:
                return writeLittleEndian(Float.floatToRawIntBits((Float) value), 4, target, position);
            case FLOAT64:
                return writeLittleEndian(Double.doubleToRawLongBits((Double) value), 8, target, position);
            case DECIMAL: {
                BigDecimal decimal = (BigDecimal) value;
                byte[] unscaled = decimal.unscaledValue().toByteArray();
                int pos = writeVarint(zigZag(decimal.scale()), target, position);
                pos = writeVarint(unscaled.length, target, pos);
                System.arraycopy(unscaled, 0, target, pos, unscaled.length);
                return pos + unscaled.length;
            }
            case STRING: {
                String string = (String) value;
                int pos = writeVarint(Utf8.encodedLength(string), target, position);
                return Utf8.encode(string, target, pos);
            }
            case BYTES: {
                byte[] bytes = (byte[]) value;
                int pos = writeVarint(bytes.length, target, position);
                System.arraycopy(bytes, 0, target, pos, bytes.length);
                return pos + bytes.length;
            }
        }
        throw new AssertionError(type);
    }

    private static int read(ValueType type, byte[] bytes, int position, Object[] row, int column) {
        switch (type) {
            case BOOLEAN:
                row[column] = bytes[position] != 0;
                return position + 1;
            case INT16:
                row[column] = (short) readLittleEndian(bytes, position, 2);
                return position + 2;
            case INT32:
                row[column] = (int) readLittleEndian(bytes, position, 4);
                return position + 4;
            case INT64:
                row[column] = readLittleEndian(bytes, position, 8);
                return position + 8;
            case FLOAT32:
                row[column] = Float.intBitsToFloat((int) readLittleEndian(bytes, position, 4));
                return position + 4;
            case FLOAT64:
                row[column] = Double.longBitsToDouble(readLittleEndian(bytes, position, 8));
                return position + 8;
            case DECIMAL: {
                long scale = readVarint(bytes, position);
                long length = readVarint(bytes, (int) (scale >>> 32));
                int start = (int) (length >>> 32);
                int unscaledLength = (int) length;
                BigInteger unscaled = new BigInteger(bytes, start, unscaledLength);
                row[column] = new BigDecimal(unscaled, unZigZag((int) scale));
                return start + unscaledLength;
            }
            case STRING: {
                long length = readVarint(bytes, position);
                int start = (int) (length >>> 32);
                row[column] = new String(bytes, start, (int) length, UTF_8);
                return start + (int) length;
            }
            case BYTES: {
                long length = readVarint(bytes, position);
                int start = (int) (length >>> 32);
                byte[] value = new byte[(int) length];
                System.arraycopy(bytes, start, value, 0, value.length);
                row[column] = value;
                return start + value.length;
            }
        }
        throw new AssertionError(type);
    }

    private static int zigZag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    private static int unZigZag(int value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static int varintSize(int value) {
        int size = 1;
        int rest = value >>> 7;
        while (rest != 0) {
            size++;
            rest >>>= 7;
        }
        return size;
    }

    private static int writeVarint(int value, byte[] target, int position) {
        int pos = position;
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            target[pos++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        target[pos++] = (byte) rest;
        return pos;
    }

    /**
     * Reads an unsigned varint of at most 32 bits; returns the position after it in the high half
     * of the result and the value in the low half, so reading needs no holder object.
     */
    private static long readVarint(byte[] bytes, int position) {
        int value = 0;
        int shift = 0;
        int pos = position;
        while (true) {
            byte b = bytes[pos++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return ((long) pos << 32) | (value & 0xFFFFFFFFL);
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalArgumentException("varint longer than 5 bytes");
            }
        }
    }

    private static int writeLittleEndian(long value, int width, byte[] target, int position) {
        for (int i = 0; i < width; i++) {
            target[position + i] = (byte) (value >>> (8 * i));
        }
        return position + width;
    }

    private static long readLittleEndian(byte[] bytes, int position, int width) {
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[position + i] & 0xFF);
        }
        return value;
    }
}
