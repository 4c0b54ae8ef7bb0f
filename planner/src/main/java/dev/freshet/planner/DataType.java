package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL type of a column, as Freshet stores it in the catalog: one of the types of SQL.md with
 * its length, precision or scale where it has one.
 *
 * <p>Inside plans a value of each type is carried in Calcite's internal representation: BOOLEAN
 * Boolean, SMALLINT Short, INTEGER Integer, BIGINT Long, REAL Float, DOUBLE Double, DECIMAL
 * BigDecimal, VARCHAR String, BYTEA {@code ByteString}, DATE Integer (days since 1970-01-01),
 * TIME Integer (milliseconds of the day), TIMESTAMP Long (milliseconds since 1970-01-01, no
 * zone), TIMESTAMPTZ Long (milliseconds since the UTC epoch), INTERVAL Long (milliseconds).
 *
 * @param kind the type
 * @param precision the length of VARCHAR, the precision of DECIMAL, or -1 when unspecified
 * @param scale the scale of DECIMAL, or -1 when unspecified
 */
public record DataType(Kind kind, int precision, int scale) {
    /** Precision of unconstrained NUMERIC: Calcite needs a bound, PostgreSQL has none. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    /** Scale of unconstrained NUMERIC, so that values keep their fractional digits. */
    public static final int UNCONSTRAINED_DECIMAL_SCALE = 16;

    /** Fractional-second digits of TIME, TIMESTAMP and TIMESTAMPTZ: Calcite keeps milliseconds. */
    public static final int FRACTIONAL_SECOND_PRECISION = 3;

    public DataType {
        requireNonNull(kind, "kind is null");
    }

    public static DataType of(Kind kind) {
        return new DataType(kind, -1, -1);
    }

    public static DataType varchar(int length) {
        return new DataType(Kind.VARCHAR, length, -1);
    }

    public static DataType decimal(int precision, int scale) {
        return new DataType(Kind.DECIMAL, precision, scale);
    }

    /** The Calcite type of a column of this type. */
    public RelDataType toRelDataType(RelDataTypeFactory factory, boolean nullable) {
        RelDataType type = switch (kind) {
            case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
            case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
            case REAL -> factory.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> precision < 0
                    ? factory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_PRECISION, UNCONSTRAINED_DECIMAL_SCALE)
                    : factory.createSqlType(SqlTypeName.DECIMAL, precision, Math.max(scale, 0));
            case VARCHAR -> precision < 0
                    ? factory.createSqlType(SqlTypeName.VARCHAR)
                    : factory.createSqlType(SqlTypeName.VARCHAR, precision);
            case BYTEA -> factory.createSqlType(SqlTypeName.VARBINARY);
            case DATE -> factory.createSqlType(SqlTypeName.DATE);
            case TIME -> factory.createSqlType(SqlTypeName.TIME, FRACTIONAL_SECOND_PRECISION);
            case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, FRACTIONAL_SECOND_PRECISION);
            case TIMESTAMPTZ -> factory.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
                    FRACTIONAL_SECOND_PRECISION);
            case INTERVAL -> factory.createSqlIntervalType(
                    new SqlIntervalQualifier(TimeUnit.DAY, -1, TimeUnit.SECOND, FRACTIONAL_SECOND_PRECISION,
                            SqlParserPos.ZERO));
        };
        return factory.createTypeWithNullability(type, nullable);
    }

    /**
     * The Freshet type of a Calcite type, for columns derived from queries (views, and later
     * materialized views).
     *
     * @throws IllegalArgumentException for a type no column can have (ROW, MAP, ARRAY, …)
     */
    public static DataType fromRelDataType(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        return switch (name) {
            case BOOLEAN -> of(Kind.BOOLEAN);
            case TINYINT, SMALLINT -> of(Kind.SMALLINT);
            case INTEGER -> of(Kind.INTEGER);
            case BIGINT -> of(Kind.BIGINT);
            case REAL, FLOAT -> of(Kind.REAL);
            case DOUBLE -> of(Kind.DOUBLE);
            case DECIMAL -> decimal(type.getPrecision(), type.getScale());
            case CHAR, VARCHAR -> type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
                    || type.getPrecision() >= Integer.MAX_VALUE / 2
                    ? of(Kind.VARCHAR) : varchar(type.getPrecision());
            case BINARY, VARBINARY -> of(Kind.BYTEA);
            case DATE -> of(Kind.DATE);
            case TIME -> of(Kind.TIME);
            case TIMESTAMP -> of(Kind.TIMESTAMP);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> of(Kind.TIMESTAMPTZ);
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
                    INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND,
                    INTERVAL_SECOND -> of(Kind.INTERVAL);
            case NULL -> of(Kind.VARCHAR);
            default -> throw new IllegalArgumentException("no column can have type " + type.getFullTypeString());
        };
    }

    /** The type as PostgreSQL's {@code format_type} prints it, e.g. {@code character varying(20)}. */
    public String displayName() {
        return switch (kind) {
            case BOOLEAN -> "boolean";
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case REAL -> "real";
            case DOUBLE -> "double precision";
            case DECIMAL -> precision < 0 ? "numeric" : "numeric(" + precision + "," + Math.max(scale, 0) + ")";
            case VARCHAR -> precision < 0 ? "text" : "character varying(" + precision + ")";
            case BYTEA -> "bytea";
            case DATE -> "date";
            case TIME -> "time without time zone";
            case TIMESTAMP -> "timestamp without time zone";
            case TIMESTAMPTZ -> "timestamp with time zone";
            case INTERVAL -> "interval";
        };
    }

    /** The type as it is written in SQL, e.g. {@code VARCHAR(20)}, for SHOW CREATE. */
    public String sqlName() {
        return switch (kind) {
            case DECIMAL -> precision < 0 ? "NUMERIC" : "NUMERIC(" + precision + ", " + Math.max(scale, 0) + ")";
            case VARCHAR -> precision < 0 ? "TEXT" : "VARCHAR(" + precision + ")";
            case DOUBLE -> "DOUBLE PRECISION";
            default -> kind.name().toUpperCase(Locale.ROOT);
        };
    }

    /** The column types of SQL.md. */
    public enum Kind {
        BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, VARCHAR, BYTEA, DATE, TIME, TIMESTAMP,
        TIMESTAMPTZ, INTERVAL
    }
}
