package dev.freshet.server.pgwire.internal;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.server.pgwire.PgInterval;
import dev.freshet.server.pgwire.PgType;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text and binary encoding of every {@link PgType}, both ways, for the Java classes {@link PgType}
 * documents. One instance per session TimeZone: timestamptz text is written in that zone, and
 * timestamptz text without an offset is read in it.
 *
 * <p>Binary formats are PostgreSQL's {@code *send}/{@code *recv} ones: big-endian integers,
 * IEEE floats, numeric as base-10000 digits (Int16 count, weight, sign, display scale, digits),
 * dates as Int32 days and timestamps as Int64 microseconds since 2000-01-01, time as Int64
 * microseconds since midnight, interval as Int64 microseconds, Int32 days, Int32 months, arrays
 * as Int32 dimensions, has-null flag, element OID, per dimension Int32 size and lower bound, then
 * each element as Int32 length (-1 NULL) and bytes.
 *
 * <p>A NUMERIC NaN or infinity, which {@link BigDecimal} cannot hold, travels as the
 * {@link Double} NaN or infinity.
 */
public final class PgTypeCodecs {
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long POSTGRES_EPOCH_SECOND = POSTGRES_EPOCH_DAY * 86_400;
    private static final Map<PgType, PgType> ELEMENT_TYPES = elementTypes();
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;
    private static final short NUMERIC_NAN = (short) 0xC000;
    private static final short NUMERIC_POSITIVE_INFINITY = (short) 0xD000;
    private static final short NUMERIC_NEGATIVE_INFINITY = (short) 0xF000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private final ZoneId zone;

    public PgTypeCodecs(ZoneId zone) {
        this.zone = requireNonNull(zone, "zone is null");
    }

    public ZoneId zone() {
        return zone;
    }

    /** The element type of an array type, or null for a type that is not an array. */
    public static PgType elementType(PgType arrayType) {
        return ELEMENT_TYPES.get(arrayType);
    }

    // ---- text ----

    /** The text form of a non-null value of {@code type}. */
    public String encodeText(PgType type, Object value) {
        switch (type) {
            case BOOL:
                return ((Boolean) value) ? "t" : "f";
            case INT2:
            case INT4:
            case INT8:
            case OID:
            case REGPROC:
            case REGCLASS:
            case REGTYPE:
                return Long.toString(exactLong(type, value));
            case FLOAT4:
                return PgFloatFormat.formatFloat(((Number) value).floatValue());
            case FLOAT8:
                return PgFloatFormat.formatDouble(((Number) value).doubleValue());
            case NUMERIC:
                return numericText((Number) value);
            case BYTEA:
                return "\\x" + HexFormat.of().formatHex((byte[]) value);
            case DATE:
                return PgDateTimeText.formatDate((LocalDate) value);
            case TIME:
                return PgDateTimeText.formatTime((LocalTime) value);
            case TIMESTAMP:
                return PgDateTimeText.formatTimestamp((LocalDateTime) value);
            case TIMESTAMPTZ:
                return PgDateTimeText.formatTimestampTz(offsetDateTime(value), zone);
            case INTERVAL:
                return PgDateTimeText.formatInterval((PgInterval) value);
            case INT2VECTOR:
            case OIDVECTOR:
                return vectorText((List<?>) value);
            case BOOL_ARRAY:
            case INT2_ARRAY:
            case INT4_ARRAY:
            case INT8_ARRAY:
            case TEXT_ARRAY:
            case VARCHAR_ARRAY:
            case OID_ARRAY:
            case FLOAT4_ARRAY:
            case FLOAT8_ARRAY:
            case CHAR_ARRAY:
            case NAME_ARRAY:
                PgType element = ELEMENT_TYPES.get(type);
                return PgArrayText.format((List<?>) value, item -> encodeText(element, item));
            case TEXT:
            case VARCHAR:
            case BPCHAR:
            case NAME:
            case CHAR:
            case JSON:
            case UNKNOWN:
            case UNSPECIFIED:
                return value.toString();
        }
        throw new IllegalStateException("unknown type " + type);
    }

    /** The value of {@code type} that {@code text} spells. */
    public Object decodeText(PgType type, String text) {
        switch (type) {
            case BOOL:
                return parseBool(text);
            case INT2:
                return (short) parseInteger(text, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT4:
                return (int) parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case INT8:
                return parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case OID:
            case REGPROC:
            case REGCLASS:
            case REGTYPE:
                // PostgreSQL reads negative oids as their unsigned 32-bit twins.
                return parseInteger(text, Integer.MIN_VALUE, 0xFFFF_FFFFL, type.typeName()) & 0xFFFF_FFFFL;
            case FLOAT4:
                return (float) parseFloat(text, "real");
            case FLOAT8:
                return parseFloat(text, "double precision");
            case NUMERIC:
                return parseNumeric(text);
            case BYTEA:
                return parseBytea(text);
            case DATE:
                return PgDateTimeText.parseDate(text);
            case TIME:
                return PgDateTimeText.parseTime(text);
            case TIMESTAMP:
                return PgDateTimeText.parseTimestamp(text);
            case TIMESTAMPTZ:
                return PgDateTimeText.parseTimestampTz(text, zone);
            case INTERVAL:
                return PgDateTimeText.parseInterval(text);
            case INT2VECTOR:
            case OIDVECTOR:
                return parseVector(type, text);
            case BOOL_ARRAY:
            case INT2_ARRAY:
            case INT4_ARRAY:
            case INT8_ARRAY:
            case TEXT_ARRAY:
            case VARCHAR_ARRAY:
            case OID_ARRAY:
            case FLOAT4_ARRAY:
            case FLOAT8_ARRAY:
            case CHAR_ARRAY:
            case NAME_ARRAY:
                PgType element = ELEMENT_TYPES.get(type);
                return PgArrayText.parse(text, item -> decodeText(element, item));
            case TEXT:
            case VARCHAR:
            case BPCHAR:
            case NAME:
            case CHAR:
            case JSON:
            case UNKNOWN:
            case UNSPECIFIED:
                return text;
        }
        throw new IllegalStateException("unknown type " + type);
    }

    // ---- binary ----

    /** The binary form of a non-null value of {@code type}. */
    public byte[] encodeBinary(PgType type, Object value) {
        switch (type) {
            case BOOL:
                return new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
            case INT2:
                return ByteBuffer.allocate(2).putShort((short) exactLong(type, value)).array();
            case INT4:
            case OID:
            case REGPROC:
            case REGCLASS:
            case REGTYPE:
                return ByteBuffer.allocate(4).putInt((int) exactLong(type, value)).array();
            case INT8:
                return ByteBuffer.allocate(8).putLong(exactLong(type, value)).array();
            case FLOAT4:
                return ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
            case FLOAT8:
                return ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
            case NUMERIC:
                return numericBinary((Number) value);
            case BYTEA:
                return (byte[]) value;
            case DATE:
                return ByteBuffer.allocate(4).putInt(dateDays((LocalDate) value)).array();
            case TIME:
                return ByteBuffer.allocate(8).putLong(((LocalTime) value).toNanoOfDay() / 1000).array();
            case TIMESTAMP:
                return ByteBuffer.allocate(8).putLong(timestampMicros((LocalDateTime) value)).array();
            case TIMESTAMPTZ:
                return ByteBuffer.allocate(8).putLong(timestampTzMicros(offsetDateTime(value))).array();
            case INTERVAL:
                PgInterval interval = (PgInterval) value;
                return ByteBuffer.allocate(16).putLong(interval.microseconds()).putInt(interval.days())
                        .putInt(interval.months()).array();
            case INT2VECTOR:
                return arrayBinary(PgType.INT2, (List<?>) value, 0);
            case OIDVECTOR:
                return arrayBinary(PgType.OID, (List<?>) value, 0);
            case BOOL_ARRAY:
            case INT2_ARRAY:
            case INT4_ARRAY:
            case INT8_ARRAY:
            case TEXT_ARRAY:
            case VARCHAR_ARRAY:
            case OID_ARRAY:
            case FLOAT4_ARRAY:
            case FLOAT8_ARRAY:
            case CHAR_ARRAY:
            case NAME_ARRAY:
                return arrayBinary(ELEMENT_TYPES.get(type), (List<?>) value, 1);
            case TEXT:
            case VARCHAR:
            case BPCHAR:
            case NAME:
            case CHAR:
            case JSON:
            case UNKNOWN:
            case UNSPECIFIED:
                return value.toString().getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("unknown type " + type);
    }

    /**
     * The value of {@code type} in {@code bytes}.
     *
     * @throws FreshetException {@code INVALID_BINARY_REPRESENTATION} when the bytes are not a
     *     value of the type (wrong length, trailing bytes, bad UTF-8)
     */
    public Object decodeBinary(PgType type, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            Object value = decodeBinary(type, buffer);
            if (buffer.hasRemaining()) {
                throw badBinary(type);
            }
            return value;
        } catch (BufferUnderflowException | IllegalArgumentException | ArithmeticException e) {
            throw badBinary(type);
        }
    }

    private Object decodeBinary(PgType type, ByteBuffer buffer) {
        switch (type) {
            case BOOL:
                return buffer.get() != 0;
            case INT2:
                return buffer.getShort();
            case INT4:
                return buffer.getInt();
            case INT8:
                return buffer.getLong();
            case OID:
            case REGPROC:
            case REGCLASS:
            case REGTYPE:
                return buffer.getInt() & 0xFFFF_FFFFL;
            case FLOAT4:
                return buffer.getFloat();
            case FLOAT8:
                return buffer.getDouble();
            case NUMERIC:
                return parseNumericBinary(buffer);
            case BYTEA:
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            case DATE:
                return dateFromDays(buffer.getInt());
            case TIME:
                return LocalTime.ofNanoOfDay(buffer.getLong() * 1000);
            case TIMESTAMP:
                return timestampFromMicros(buffer.getLong());
            case TIMESTAMPTZ:
                return timestampTzFromMicros(buffer.getLong());
            case INTERVAL:
                long micros = buffer.getLong();
                int days = buffer.getInt();
                return new PgInterval(buffer.getInt(), days, micros);
            case INT2VECTOR:
                return parseArrayBinary(buffer);
            case OIDVECTOR:
            case BOOL_ARRAY:
            case INT2_ARRAY:
            case INT4_ARRAY:
            case INT8_ARRAY:
            case TEXT_ARRAY:
            case VARCHAR_ARRAY:
            case OID_ARRAY:
            case FLOAT4_ARRAY:
            case FLOAT8_ARRAY:
            case CHAR_ARRAY:
            case NAME_ARRAY:
                return parseArrayBinary(buffer);
            case TEXT:
            case VARCHAR:
            case BPCHAR:
            case NAME:
            case CHAR:
            case JSON:
            case UNKNOWN:
            case UNSPECIFIED:
                return utf8(buffer);
        }
        throw new IllegalStateException("unknown type " + type);
    }

    // ---- numbers ----

    private static long exactLong(PgType type, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        if (value instanceof BigInteger integer) {
            return integer.longValueExact();
        }
        if (value instanceof Number number) {
            double asDouble = number.doubleValue();
            if (asDouble == Math.rint(asDouble) && Math.abs(asDouble) < 0x1p63) {
                return (long) asDouble;
            }
        }
        throw new IllegalArgumentException(format("%s is not a value of type %s", value, type.typeName()));
    }

    private static boolean parseBool(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "t", "tr", "tru", "true", "y", "ye", "yes", "on", "1":
                return true;
            case "f", "fa", "fal", "fals", "false", "n", "no", "of", "off", "0":
                return false;
            default:
                throw new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                        format("invalid input syntax for type boolean: \"%s\"", text));
        }
    }

    private static long parseInteger(String text, long min, long max, String typeName) {
        String value = text.strip();
        long result;
        try {
            result = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException e) {
            if (value.matches("[-+]?\\d+")) {
                throw outOfRange(text, typeName);
            }
            throw new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                    format("invalid input syntax for type %s: \"%s\"", typeName, text));
        }
        if (result < min || result > max) {
            throw outOfRange(text, typeName);
        }
        return result;
    }

    private static FreshetException outOfRange(String text, String typeName) {
        return new FreshetException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                format("value \"%s\" is out of range for type %s", text, typeName));
    }

    private static double parseFloat(String text, String typeName) {
        String value = text.strip();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "infinity", "+infinity", "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!FLOAT.matcher(value).matches()) {
            throw new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                    format("invalid input syntax for type %s: \"%s\"", typeName, text));
        }
        double result = Double.parseDouble(value);
        if (Double.isInfinite(result) || typeName.equals("real") && Float.isInfinite((float) result)) {
            throw new FreshetException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                    format("\"%s\" is out of range for type %s", text, typeName));
        }
        return result;
    }

    private static Object parseNumeric(String text) {
        String value = text.strip();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "infinity", "+infinity", "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!FLOAT.matcher(value).matches()) {
            throw new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                    format("invalid input syntax for type numeric: \"%s\"", text));
        }
        BigDecimal result = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
        // PostgreSQL keeps no negative display scale: 1e3 is 1000.
        return result.scale() < 0 ? result.setScale(0) : result;
    }

    private static String numericText(Number value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double asDouble = value.doubleValue();
            if (Double.isNaN(asDouble)) {
                return "NaN";
            }
            if (Double.isInfinite(asDouble)) {
                return asDouble > 0 ? "Infinity" : "-Infinity";
            }
            return new BigDecimal(Double.toString(asDouble)).toPlainString();
        }
        return new BigDecimal(value.toString()).toPlainString();
    }

    private static byte[] numericBinary(Number value) {
        if (value instanceof Double || value instanceof Float) {
            double asDouble = value.doubleValue();
            if (Double.isNaN(asDouble)) {
                return numericHeader(0, 0, NUMERIC_NAN, 0).array();
            }
            if (Double.isInfinite(asDouble)) {
                return numericHeader(0, 0, asDouble > 0 ? NUMERIC_POSITIVE_INFINITY : NUMERIC_NEGATIVE_INFINITY, 0)
                        .array();
            }
        }
        BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
        int displayScale = Math.max(decimal.scale(), 0);
        BigInteger unscaled = decimal.unscaledValue().abs();
        int scale = decimal.scale();
        if (scale < 0) {
            unscaled = unscaled.multiply(BigInteger.TEN.pow(-scale));
            scale = 0;
        }
        // Align the digits to a base-10000 boundary at the decimal point.
        int padding = (4 - scale % 4) % 4;
        unscaled = unscaled.multiply(BigInteger.TEN.pow(padding));
        scale += padding;
        List<Short> groups = new ArrayList<>();
        while (unscaled.signum() != 0) {
            BigInteger[] division = unscaled.divideAndRemainder(TEN_THOUSAND);
            groups.add(division[1].shortValue());
            unscaled = division[0];
        }
        Collections.reverse(groups);
        int weight = groups.size() - scale / 4 - 1;
        int count = groups.size();
        while (count > 0 && groups.get(count - 1) == 0) {
            count--;
        }
        if (count == 0) {
            weight = 0;
        }
        short sign = decimal.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE;
        ByteBuffer buffer = numericHeader(count, weight, sign, displayScale);
        for (int i = 0; i < count; i++) {
            buffer.putShort(groups.get(i));
        }
        return buffer.array();
    }

    private static ByteBuffer numericHeader(int count, int weight, short sign, int displayScale) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + 2 * count);
        buffer.putShort((short) count).putShort((short) weight).putShort(sign).putShort((short) displayScale);
        return buffer;
    }

    private static Object parseNumericBinary(ByteBuffer buffer) {
        int count = buffer.getShort();
        int weight = buffer.getShort();
        short sign = buffer.getShort();
        int displayScale = buffer.getShort();
        if (sign == NUMERIC_NAN) {
            return Double.NaN;
        }
        if (sign == NUMERIC_POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (sign == NUMERIC_NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (count < 0 || displayScale < 0 || (sign != NUMERIC_POSITIVE && sign != NUMERIC_NEGATIVE)) {
            throw new IllegalArgumentException("invalid numeric header");
        }
        BigInteger digits = BigInteger.ZERO;
        for (int i = 0; i < count; i++) {
            int digit = buffer.getShort();
            if (digit < 0 || digit > 9999) {
                throw new IllegalArgumentException("invalid numeric digit");
            }
            digits = digits.multiply(TEN_THOUSAND).add(BigInteger.valueOf(digit));
        }
        BigDecimal result = new BigDecimal(digits, (count - 1 - weight) * 4).setScale(displayScale, RoundingMode.DOWN);
        return sign == NUMERIC_NEGATIVE ? result.negate() : result;
    }

    // ---- bytea ----

    /** Reads bytea text in the hex form ({@code \x0a0b}) or the escape form ({@code a\\000b}). */
    private static byte[] parseBytea(String text) {
        if (text.startsWith("\\x") || text.startsWith("\\X")) {
            StringBuilder hex = new StringBuilder(text.length());
            for (int i = 2; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!Character.isWhitespace(c)) {
                    hex.append(c);
                }
            }
            try {
                return HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                        format("invalid hexadecimal data: \"%s\"", text));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '\\') {
                out.write(raw[i]);
            } else if (i + 1 < raw.length && raw[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < raw.length && isOctal(raw[i + 1], '3') && isOctal(raw[i + 2], '7')
                    && isOctal(raw[i + 3], '7')) {
                out.write((raw[i + 1] - '0') * 64 + (raw[i + 2] - '0') * 8 + (raw[i + 3] - '0'));
                i += 3;
            } else {
                throw new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b, char max) {
        return b >= '0' && b <= max;
    }

    // ---- date and time ----

    private static int dateDays(LocalDate date) {
        if (date.equals(LocalDate.MAX)) {
            return Integer.MAX_VALUE;
        }
        if (date.equals(LocalDate.MIN)) {
            return Integer.MIN_VALUE;
        }
        return Math.toIntExact(date.toEpochDay() - POSTGRES_EPOCH_DAY);
    }

    private static LocalDate dateFromDays(int days) {
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(POSTGRES_EPOCH_DAY + days);
    }

    private static long timestampMicros(LocalDateTime timestamp) {
        if (timestamp.equals(LocalDateTime.MAX)) {
            return Long.MAX_VALUE;
        }
        if (timestamp.equals(LocalDateTime.MIN)) {
            return Long.MIN_VALUE;
        }
        return instantMicros(timestamp.toInstant(ZoneOffset.UTC));
    }

    private static long timestampTzMicros(OffsetDateTime timestamp) {
        if (timestamp.equals(OffsetDateTime.MAX)) {
            return Long.MAX_VALUE;
        }
        if (timestamp.equals(OffsetDateTime.MIN)) {
            return Long.MIN_VALUE;
        }
        return instantMicros(timestamp.toInstant());
    }

    private static long instantMicros(Instant instant) {
        long seconds = instant.getEpochSecond() - POSTGRES_EPOCH_SECOND;
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), instant.getNano() / 1000);
    }

    private static Instant instantFromMicros(long micros) {
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECOND + Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private static LocalDateTime timestampFromMicros(long micros) {
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        return LocalDateTime.ofInstant(instantFromMicros(micros), ZoneOffset.UTC);
    }

    private OffsetDateTime timestampTzFromMicros(long micros) {
        if (micros == Long.MAX_VALUE) {
            return OffsetDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return OffsetDateTime.MIN;
        }
        return OffsetDateTime.ofInstant(instantFromMicros(micros), zone);
    }

    private static OffsetDateTime offsetDateTime(Object value) {
        if (value instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime;
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toOffsetDateTime();
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        throw new ClassCastException(value.getClass().getName() + " is not a timestamptz value");
    }

    // ---- arrays and vectors ----

    private static String vectorText(List<?> values) {
        StringBuilder out = new StringBuilder();
        for (Object value : values) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(value);
        }
        return out.toString();
    }

    private static List<Object> parseVector(PgType type, String text) {
        List<Object> values = new ArrayList<>();
        for (String item : text.strip().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            if (type == PgType.INT2VECTOR) {
                values.add((short) parseInteger(item, Short.MIN_VALUE, Short.MAX_VALUE, "smallint"));
            } else {
                values.add(parseInteger(item, 0, 0xFFFF_FFFFL, "oid"));
            }
        }
        return Collections.unmodifiableList(values);
    }

    private byte[] arrayBinary(PgType element, List<?> values, int lowerBound) {
        List<Integer> dimensions = new ArrayList<>();
        Object level = values;
        while (level instanceof List<?> list) {
            dimensions.add(list.size());
            level = list.isEmpty() ? null : list.get(0);
        }
        if (values.isEmpty()) {
            dimensions.clear();
        }
        List<byte[]> encoded = new ArrayList<>();
        boolean[] hasNull = {false};
        flatten(element, values, encoded, hasNull);
        int size = 12 + 8 * dimensions.size();
        for (byte[] bytes : encoded) {
            size += 4 + (bytes == null ? 0 : bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(dimensions.size()).putInt(hasNull[0] ? 1 : 0).putInt(element.oid());
        for (int dimension : dimensions) {
            buffer.putInt(dimension).putInt(lowerBound);
        }
        for (byte[] bytes : encoded) {
            if (bytes == null) {
                buffer.putInt(-1);
            } else {
                buffer.putInt(bytes.length).put(bytes);
            }
        }
        return buffer.array();
    }

    private void flatten(PgType element, List<?> values, List<byte[]> encoded, boolean[] hasNull) {
        for (Object value : values) {
            if (value instanceof List<?> nested) {
                flatten(element, nested, encoded, hasNull);
            } else if (value == null) {
                hasNull[0] = true;
                encoded.add(null);
            } else {
                encoded.add(encodeBinary(element, value));
            }
        }
    }

    private List<Object> parseArrayBinary(ByteBuffer buffer) {
        int dimensionCount = buffer.getInt();
        buffer.getInt();
        PgType element = PgType.fromOid(buffer.getInt());
        if (dimensionCount < 0 || dimensionCount > 6 || element == PgType.UNSPECIFIED) {
            throw new IllegalArgumentException("invalid array header");
        }
        int[] dimensions = new int[dimensionCount];
        for (int i = 0; i < dimensionCount; i++) {
            dimensions[i] = buffer.getInt();
            buffer.getInt();
            if (dimensions[i] < 0 || dimensions[i] > buffer.remaining() / 4) {
                throw new IllegalArgumentException("invalid array dimension");
            }
        }
        if (dimensionCount == 0) {
            return List.of();
        }
        return readArrayLevel(buffer, element, dimensions, 0);
    }

    private List<Object> readArrayLevel(ByteBuffer buffer, PgType element, int[] dimensions, int level) {
        List<Object> values = new ArrayList<>(dimensions[level]);
        for (int i = 0; i < dimensions[level]; i++) {
            if (level + 1 < dimensions.length) {
                values.add(readArrayLevel(buffer, element, dimensions, level + 1));
                continue;
            }
            int length = buffer.getInt();
            if (length == -1) {
                values.add(null);
                continue;
            }
            if (length < 0 || length > buffer.remaining()) {
                throw new IllegalArgumentException("invalid array element length");
            }
            ByteBuffer slice = buffer.slice();
            slice.limit(length);
            buffer.position(buffer.position() + length);
            values.add(decodeBinary(element, slice));
            if (slice.hasRemaining()) {
                throw new IllegalArgumentException("array element has trailing bytes");
            }
        }
        return Collections.unmodifiableList(values);
    }

    private static String utf8(ByteBuffer buffer) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buffer).toString();
        } catch (CharacterCodingException e) {
            throw new FreshetException(ErrorCode.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\"");
        }
    }

    private static FreshetException badBinary(PgType type) {
        return new FreshetException(ErrorCode.INVALID_BINARY_REPRESENTATION,
                format("incorrect binary data format for type %s", type.typeName()));
    }

    private static Map<PgType, PgType> elementTypes() {
        Map<PgType, PgType> elements = new EnumMap<>(PgType.class);
        for (PgType element : PgType.values()) {
            if (element.arrayOid() != 0) {
                PgType array = PgType.fromOid(element.arrayOid());
                if (array != PgType.UNSPECIFIED) {
                    elements.put(array, element);
                }
            }
        }
        return Collections.unmodifiableMap(elements);
    }
}
