package dev.freshet.executor.format;

import static java.lang.String.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Map;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.util.Utf8;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Makes the {@link AvroFieldReader} of a column from its field's schema, refusing a field whose
 * type the column cannot hold. A field may be the union of null and one type; the types each
 * column takes are:
 *
 * <ul>
 *   <li>BOOLEAN: {@code boolean}.
 *   <li>SMALLINT, INTEGER, BIGINT, INTERVAL (milliseconds): {@code int} or {@code long}, range
 *       checked per value.
 *   <li>REAL, DOUBLE: {@code int}, {@code long}, {@code float} or {@code double}.
 *   <li>DECIMAL: {@code bytes} or {@code fixed} with logical type {@code decimal}, rounded to the
 *       column's scale; {@code int} or {@code long}.
 *   <li>VARCHAR: {@code string} (also {@code uuid}) or {@code enum}.
 *   <li>BYTEA: {@code bytes} or {@code fixed}.
 *   <li>DATE: {@code int date}. TIME: {@code int time-millis}, {@code long time-micros}.
 *   <li>TIMESTAMP, TIMESTAMPTZ: {@code long} with logical type {@code timestamp-millis},
 *       {@code -micros}, {@code -nanos} or {@code local-timestamp-millis}, {@code -micros},
 *       {@code -nanos}; finer units are truncated to milliseconds.
 * </ul>
 * Plain numeric types carrying a logical type are refused where only the plain type is taken, so
 * that a {@code timestamp-micros} never lands in a BIGINT as a surprising number.
 */
final class AvroFieldReaders {
    /** Longer two's-complement bytes hold more than 150 digits: beyond every column, so refused unread. */
    private static final int MAX_DECIMAL_BYTES = 64;
    /** Milliseconds per unit of each time logical type. */
    private static final Map<String, Long> UNITS_PER_MILLI = Map.of(
            "time-millis", 1L, "time-micros", 1_000L,
            "timestamp-millis", 1L, "timestamp-micros", 1_000L, "timestamp-nanos", 1_000_000L,
            "local-timestamp-millis", 1L, "local-timestamp-micros", 1_000L, "local-timestamp-nanos", 1_000_000L);

    private AvroFieldReaders() {
    }

    /**
     * The reader of {@code field} for {@code column}.
     *
     * @param option the option that gave the schema, for errors
     * @throws dev.freshet.common.FreshetException (22023) naming the option, when the column
     *     cannot hold the field's type
     */
    static AvroFieldReader of(ColumnValues column, Schema.Field field, String option) {
        Schema schema = AvroSchemas.nonNull(field, option);
        AvroFieldReader reader = reader(column, schema);
        if (reader == null) {
            throw FormatOptions.invalid(option, format("field %s has type %s, which column %s (%s) cannot hold; "
                    + "docs/formats.md lists the Avro types each column type takes", field.name(), schema,
                    column.column().name(), column.column().type().sqlName()));
        }
        return value -> value == null ? column.nullValue() : reader.read(value);
    }

    /** The reader, or null when the column cannot hold the schema's values. */
    private static AvroFieldReader reader(ColumnValues column, Schema schema) {
        Schema.Type type = schema.getType();
        LogicalType logical = schema.getLogicalType();
        String logicalName = logical == null ? "" : logical.getName();
        boolean plain = logical == null;
        boolean whole = plain && (type == Schema.Type.INT || type == Schema.Type.LONG);
        boolean floating = whole || plain && (type == Schema.Type.FLOAT || type == Schema.Type.DOUBLE);
        boolean binary = plain && (type == Schema.Type.BYTES || type == Schema.Type.FIXED);
        Long unitsPerMilli = UNITS_PER_MILLI.get(logicalName);
        boolean time = unitsPerMilli != null && logicalName.startsWith("time-");
        return switch (column.kind()) {
            case BOOLEAN -> type == Schema.Type.BOOLEAN ? value -> value : null;
            case SMALLINT, INTEGER, BIGINT, INTERVAL -> whole ? units(column, 1) : null;
            case REAL, DOUBLE -> floating ? value -> column.floating(((Number) value).doubleValue()) : null;
            case DECIMAL -> decimal(column, logical, whole);
            case VARCHAR -> type == Schema.Type.STRING || type == Schema.Type.ENUM
                    ? value -> column.varchar(text(column, value)) : null;
            case BYTEA -> binary ? value -> new ByteString(bytes(value)) : null;
            case DATE -> logicalName.equals("date") ? units(column, 1) : null;
            case TIME -> time ? units(column, unitsPerMilli) : null;
            case TIMESTAMP, TIMESTAMPTZ -> unitsPerMilli != null && !time ? units(column, unitsPerMilli) : null;
        };
    }

    /** A whole number of units, of which {@code unitsPerMilli} make a millisecond (1 for plain numbers). */
    private static AvroFieldReader units(ColumnValues column, long unitsPerMilli) {
        return value -> column.integral(Math.floorDiv(((Number) value).longValue(), unitsPerMilli));
    }

    private static AvroFieldReader decimal(ColumnValues column, LogicalType logical, boolean whole) {
        if (logical instanceof LogicalTypes.Decimal decimal) {
            int scale = decimal.getScale();
            return value -> {
                byte[] unscaled = bytes(value);
                if (unscaled.length == 0) {
                    throw column.bad("the decimal has no bytes");
                }
                if (unscaled.length > MAX_DECIMAL_BYTES) {
                    throw column.bad(format("the decimal has %d bytes, out of range", unscaled.length));
                }
                return column.decimal(new BigDecimal(new BigInteger(unscaled), scale));
            };
        }
        return whole ? value -> column.decimal(BigDecimal.valueOf(((Number) value).longValue())) : null;
    }

    private static String text(ColumnValues column, Object value) throws BadRecordException {
        if (value instanceof Utf8 utf8) {
            try {
                return Utf8Text.decode(utf8.getBytes(), 0, utf8.getByteLength());
            } catch (CharacterCodingException e) {
                throw column.bad("the string is not valid UTF-8");
            }
        }
        // A String (the schema asked for Java strings) or an enum symbol.
        return value.toString();
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return ((GenericFixed) value).bytes();
    }
}
