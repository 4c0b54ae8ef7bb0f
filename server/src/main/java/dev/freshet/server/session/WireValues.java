package dev.freshet.server.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgInterval;
import dev.freshet.server.pgwire.PgType;
import dev.freshet.planner.DataType;

/**
 * Converts between the two representations a value has in the server: Calcite's internal one,
 * which plans compute with (see {@link DataType}), and the one the wire protocol encodes (see
 * {@link PgType}). Also maps Calcite types to the PostgreSQL types clients are told about.
 */
public final class WireValues {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private WireValues() {
    }

    /** The PostgreSQL type a value of this Calcite type is sent as. */
    public static PgType pgType(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case BOOLEAN -> PgType.BOOL;
            case TINYINT, SMALLINT -> PgType.INT2;
            case INTEGER -> PgType.INT4;
            case BIGINT -> PgType.INT8;
            case REAL -> PgType.FLOAT4;
            case FLOAT, DOUBLE -> PgType.FLOAT8;
            case DECIMAL -> PgType.NUMERIC;
            case VARCHAR -> hasLength(type) ? PgType.VARCHAR : PgType.TEXT;
            case CHAR -> PgType.TEXT;
            case BINARY, VARBINARY -> PgType.BYTEA;
            case DATE -> PgType.DATE;
            case TIME -> PgType.TIME;
            case TIMESTAMP -> PgType.TIMESTAMP;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> PgType.TIMESTAMPTZ;
            case ARRAY -> arrayType(type.getComponentType());
            default -> {
                if (SqlTypeFamily.INTERVAL_DAY_TIME.getTypeNames().contains(type.getSqlTypeName())
                        || SqlTypeFamily.INTERVAL_YEAR_MONTH.getTypeNames().contains(type.getSqlTypeName())) {
                    yield PgType.INTERVAL;
                }
                yield PgType.TEXT;
            }
        };
    }

    /** A RowDescription column for a field of a result. */
    public static PgColumn column(String name, RelDataType type) {
        PgType pgType = pgType(type);
        int modifier = -1;
        if (pgType == PgType.VARCHAR) {
            modifier = type.getPrecision() + 4;
        } else if (pgType == PgType.NUMERIC && type.getPrecision() > 0
                && type.getPrecision() != DataType.MAX_DECIMAL_PRECISION) {
            modifier = ((type.getPrecision() << 16) | Math.max(type.getScale(), 0)) + 4;
        }
        return new PgColumn(name, pgType, modifier, 0, (short) 0);
    }

    /** The DataType a PostgreSQL type names, for parameters a client declared; null for unknown. */
    public static DataType dataType(PgType type) {
        return switch (type) {
            case BOOL -> DataType.of(DataType.Kind.BOOLEAN);
            case INT2 -> DataType.of(DataType.Kind.SMALLINT);
            case INT4 -> DataType.of(DataType.Kind.INTEGER);
            case INT8, OID -> DataType.of(DataType.Kind.BIGINT);
            case FLOAT4 -> DataType.of(DataType.Kind.REAL);
            case FLOAT8 -> DataType.of(DataType.Kind.DOUBLE);
            case NUMERIC -> DataType.of(DataType.Kind.DECIMAL);
            case TEXT, VARCHAR, BPCHAR, NAME -> DataType.of(DataType.Kind.VARCHAR);
            case BYTEA -> DataType.of(DataType.Kind.BYTEA);
            case DATE -> DataType.of(DataType.Kind.DATE);
            case TIME -> DataType.of(DataType.Kind.TIME);
            case TIMESTAMP -> DataType.of(DataType.Kind.TIMESTAMP);
            case TIMESTAMPTZ -> DataType.of(DataType.Kind.TIMESTAMPTZ);
            // Left to its context: an interval has no type-name form for the CAST that declares it.
            case INTERVAL -> null;
            default -> null;
        };
    }

    /** A computed value, in Calcite's representation, as the wire protocol carries it. */
    public static Object toWire(Object value, RelDataType type, ZoneId zone) {
        if (value == null) {
            return null;
        }
        SqlTypeName typeName = type.getSqlTypeName();
        switch (typeName) {
            case BOOLEAN:
                return value;
            case TINYINT:
            case SMALLINT:
                return ((Number) value).shortValue();
            case INTEGER:
                return ((Number) value).intValue();
            case BIGINT:
                return ((Number) value).longValue();
            case REAL:
                return ((Number) value).floatValue();
            case FLOAT:
            case DOUBLE:
                return ((Number) value).doubleValue();
            case DECIMAL:
                return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
            case CHAR:
            case VARCHAR:
                return value.toString();
            case BINARY:
            case VARBINARY:
                return value instanceof ByteString bytes ? bytes.getBytes() : value;
            case DATE:
                return LocalDate.ofEpochDay(((Number) value).longValue());
            case TIME:
                return LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L);
            case TIMESTAMP:
                return LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) value).longValue(), 1000L),
                        (int) Math.floorMod(((Number) value).longValue(), 1000L) * 1_000_000, ZoneOffset.UTC);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_TZ:
                return OffsetDateTime.ofInstant(Instant.ofEpochMilli(((Number) value).longValue()), zone);
            case ARRAY: {
                List<Object> elements = new ArrayList<>();
                for (Object element : (List<?>) value) {
                    elements.add(toWire(element, type.getComponentType(), zone));
                }
                return elements;
            }
            default:
                if (SqlTypeFamily.INTERVAL_YEAR_MONTH.getTypeNames().contains(typeName)) {
                    return new PgInterval(((Number) value).intValue(), 0, 0);
                }
                if (SqlTypeFamily.INTERVAL_DAY_TIME.getTypeNames().contains(typeName)) {
                    long millis = ((Number) value).longValue();
                    return new PgInterval(0, (int) (millis / MILLIS_PER_DAY), (millis % MILLIS_PER_DAY) * 1000L);
                }
                return value.toString();
        }
    }

    /**
     * A parameter value, as the wire protocol decoded it, in Calcite's representation of the
     * parameter's type.
     *
     * @throws FreshetException with {@code INVALID_TEXT_REPRESENTATION} or
     *     {@code NUMERIC_VALUE_OUT_OF_RANGE} when the value does not fit the type
     */
    public static Object fromWire(Object value, RelDataType type, int parameterNumber) {
        if (value == null) {
            return null;
        }
        try {
            return convertFromWire(value, type);
        } catch (ArithmeticException e) {
            throw new FreshetException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value of parameter $" + parameterNumber + " is out of range for type "
                            + type.getSqlTypeName().getName().toLowerCase(java.util.Locale.ROOT), e);
        } catch (RuntimeException e) {
            throw new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                    "invalid value for parameter $" + parameterNumber + " of type "
                            + type.getSqlTypeName().getName().toLowerCase(java.util.Locale.ROOT) + ": \"" + value + "\"",
                    e);
        }
    }

    private static Object convertFromWire(Object value, RelDataType type) {
        SqlTypeName typeName = type.getSqlTypeName();
        switch (typeName) {
            case BOOLEAN:
                return value instanceof Boolean ? value : parseBoolean(value.toString());
            case TINYINT:
            case SMALLINT:
                return exact(value).shortValueExact();
            case INTEGER:
                return exact(value).intValueExact();
            case BIGINT:
                return exact(value).longValueExact();
            case REAL:
                return value instanceof Number number ? number.floatValue() : Float.parseFloat(value.toString());
            case FLOAT:
            case DOUBLE:
                return value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString());
            case DECIMAL:
                return value instanceof BigDecimal ? value : new BigDecimal(value.toString().trim());
            case CHAR:
            case VARCHAR:
                return value.toString();
            case BINARY:
            case VARBINARY:
                return new ByteString(value instanceof byte[] bytes ? bytes
                        : value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case DATE:
                return (int) (value instanceof LocalDate date ? date : LocalDate.parse(value.toString().trim()))
                        .toEpochDay();
            case TIME:
                return (int) ((value instanceof LocalTime time ? time : LocalTime.parse(value.toString().trim()))
                        .toNanoOfDay() / 1_000_000L);
            case TIMESTAMP:
                return localMillis(value);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_TZ:
                if (value instanceof OffsetDateTime offsetDateTime) {
                    return offsetDateTime.toInstant().toEpochMilli();
                }
                return localMillis(value);
            default:
                if (value instanceof PgInterval interval) {
                    if (SqlTypeFamily.INTERVAL_YEAR_MONTH.getTypeNames().contains(typeName)) {
                        return interval.months();
                    }
                    return intervalParameter(interval);
                }
                return value;
        }
    }

    /**
     * A day-time interval parameter as Calcite's generated code expects it: in seconds, which it
     * scales to its internal milliseconds. Fractions of a second cannot pass that way.
     */
    private static long intervalParameter(PgInterval interval) {
        if (interval.months() != 0) {
            throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "interval parameters with months or years are not supported")
                    .withHint("Freshet's INTERVAL holds days and time; send 30 days rather than 1 month.");
        }
        if (interval.microseconds() % 1_000_000L != 0) {
            throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "interval parameters with fractions of a second are not supported yet")
                    .withHint("Send the interval as text and cast it: CAST(? AS INTERVAL).");
        }
        return interval.days() * (MILLIS_PER_DAY / 1000L) + interval.microseconds() / 1_000_000L;
    }

    private static long localMillis(Object value) {
        LocalDateTime dateTime;
        if (value instanceof LocalDateTime local) {
            dateTime = local;
        } else if (value instanceof OffsetDateTime offset) {
            dateTime = offset.toLocalDateTime();
        } else if (value instanceof LocalDate date) {
            dateTime = date.atStartOfDay();
        } else {
            dateTime = LocalDateTime.parse(value.toString().trim().replace(' ', 'T'));
        }
        return dateTime.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static BigDecimal exact(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        return new BigDecimal(value.toString().trim());
    }

    private static boolean parseBoolean(String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("invalid boolean " + text);
        };
    }

    private static boolean hasLength(RelDataType type) {
        int precision = type.getPrecision();
        return precision > 0 && precision != RelDataType.PRECISION_NOT_SPECIFIED && precision < 10_485_760;
    }

    private static PgType arrayType(RelDataType elementType) {
        PgType element = pgType(elementType);
        return switch (element) {
            case BOOL -> PgType.BOOL_ARRAY;
            case INT2 -> PgType.INT2_ARRAY;
            case INT4 -> PgType.INT4_ARRAY;
            case INT8 -> PgType.INT8_ARRAY;
            case FLOAT4 -> PgType.FLOAT4_ARRAY;
            case FLOAT8 -> PgType.FLOAT8_ARRAY;
            case VARCHAR -> PgType.VARCHAR_ARRAY;
            default -> PgType.TEXT_ARRAY;
        };
    }
}
