package dev.freshet.planner;

import java.util.Locale;
import java.util.Map;

import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * Resolves the type names users write (SQL's and PostgreSQL's: {@code INT}, {@code int4},
 * {@code TEXT}, {@code TIMESTAMPTZ}, {@code DOUBLE PRECISION}, …) to {@link DataType}s, and
 * registers PostgreSQL's names as named types so that casts such as {@code x::int8} validate.
 */
public final class DataTypes {
    /** PostgreSQL's type names that Calcite does not know, and what they are. */
    private static final Map<String, DataType> ALIASES = Map.ofEntries(
            Map.entry("text", DataType.of(DataType.Kind.VARCHAR)),
            Map.entry("string", DataType.of(DataType.Kind.VARCHAR)),
            Map.entry("name", DataType.of(DataType.Kind.VARCHAR)),
            Map.entry("bpchar", DataType.of(DataType.Kind.VARCHAR)),
            Map.entry("bytea", DataType.of(DataType.Kind.BYTEA)),
            Map.entry("bool", DataType.of(DataType.Kind.BOOLEAN)),
            Map.entry("int2", DataType.of(DataType.Kind.SMALLINT)),
            Map.entry("int4", DataType.of(DataType.Kind.INTEGER)),
            Map.entry("int8", DataType.of(DataType.Kind.BIGINT)),
            Map.entry("float4", DataType.of(DataType.Kind.REAL)),
            Map.entry("float8", DataType.of(DataType.Kind.DOUBLE)),
            Map.entry("numeric", DataType.of(DataType.Kind.DECIMAL)),
            Map.entry("timestamptz", DataType.of(DataType.Kind.TIMESTAMPTZ)),
            Map.entry("oid", DataType.of(DataType.Kind.BIGINT)),
            Map.entry("regclass", DataType.of(DataType.Kind.BIGINT)),
            Map.entry("regtype", DataType.of(DataType.Kind.BIGINT)),
            Map.entry("regproc", DataType.of(DataType.Kind.BIGINT)),
            Map.entry("interval", DataType.of(DataType.Kind.INTERVAL)),
            Map.entry("serial", DataType.of(DataType.Kind.INTEGER)),
            Map.entry("bigserial", DataType.of(DataType.Kind.BIGINT)));

    private DataTypes() {
    }

    /**
     * The type a column declaration names.
     *
     * @throws FreshetException {@code UNDEFINED_OBJECT} for a name Freshet does not know, or
     *     {@code FEATURE_NOT_SUPPORTED} for a SQL type no column can have
     */
    public static DataType fromSpec(SqlDataTypeSpec spec) {
        SqlTypeNameSpec nameSpec = spec.getTypeNameSpec();
        String name = nameSpec.getTypeName().getSimple().toLowerCase(Locale.ROOT);
        if (nameSpec instanceof SqlBasicTypeNameSpec basic) {
            SqlTypeName typeName = SqlTypeName.get(name.toUpperCase(Locale.ROOT));
            if (typeName != null) {
                return fromSqlTypeName(typeName, basic.getPrecision(), basic.getScale(), name);
            }
        }
        DataType alias = ALIASES.get(name);
        if (alias != null) {
            return alias;
        }
        SqlTypeName typeName = SqlTypeName.get(name.toUpperCase(Locale.ROOT));
        if (typeName != null) {
            return fromSqlTypeName(typeName, -1, -1, name);
        }
        throw new FreshetException(ErrorCode.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist")
                .withHint("Freshet's types: BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE PRECISION, NUMERIC(p, s), "
                        + "VARCHAR(n), TEXT, BYTEA, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL.");
    }

    private static DataType fromSqlTypeName(SqlTypeName typeName, int precision, int scale, String name) {
        return switch (typeName) {
            case BOOLEAN -> DataType.of(DataType.Kind.BOOLEAN);
            case TINYINT, SMALLINT -> DataType.of(DataType.Kind.SMALLINT);
            case INTEGER -> DataType.of(DataType.Kind.INTEGER);
            case BIGINT -> DataType.of(DataType.Kind.BIGINT);
            case REAL -> DataType.of(DataType.Kind.REAL);
            case FLOAT, DOUBLE -> DataType.of(DataType.Kind.DOUBLE);
            case DECIMAL -> precision < 0 ? DataType.of(DataType.Kind.DECIMAL)
                    : DataType.decimal(precision, Math.max(scale, 0));
            case CHAR, VARCHAR -> precision < 0 ? DataType.of(DataType.Kind.VARCHAR) : DataType.varchar(precision);
            case BINARY, VARBINARY -> DataType.of(DataType.Kind.BYTEA);
            case DATE -> DataType.of(DataType.Kind.DATE);
            case TIME -> DataType.of(DataType.Kind.TIME);
            case TIMESTAMP -> DataType.of(DataType.Kind.TIMESTAMP);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> DataType.of(DataType.Kind.TIMESTAMPTZ);
            default -> {
                if (typeName.getFamily() != null && typeName.getName().startsWith("INTERVAL")) {
                    yield DataType.of(DataType.Kind.INTERVAL);
                }
                throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "type " + name + " is not supported for columns");
            }
        };
    }

    /** Registers PostgreSQL's type names in a schema, so that {@code CAST(x AS int8)} validates. */
    public static void registerAliases(SchemaPlus schema) {
        for (Map.Entry<String, DataType> alias : ALIASES.entrySet()) {
            DataType type = alias.getValue();
            schema.add(alias.getKey(), (RelDataTypeFactory factory) -> type.toRelDataType(factory, true));
        }
    }
}
