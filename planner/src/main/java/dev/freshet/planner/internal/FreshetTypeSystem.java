package dev.freshet.planner.internal;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

import dev.freshet.planner.DataType;

/**
 * Calcite's type system bent towards PostgreSQL's: temporal types keep milliseconds by default
 * (Calcite's default TIMESTAMP precision is 0, which would silently drop fractions a user
 * inserted), decimals reach 38 digits, and a CASE or UNION over strings of different lengths
 * yields VARCHAR rather than a blank-padded CHAR.
 */
public final class FreshetTypeSystem extends RelDataTypeSystemImpl {
    public static final FreshetTypeSystem INSTANCE = new FreshetTypeSystem();

    /** Fractional digits of an average of exact numbers, as PostgreSQL's numeric division gives. */
    private static final int AVERAGE_SCALE = 16;

    private FreshetTypeSystem() {
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case TIME, TIMESTAMP, TIME_WITH_LOCAL_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    DataType.FRACTIONAL_SECOND_PRECISION;
            case DECIMAL -> DataType.MAX_DECIMAL_PRECISION;
            default -> super.getDefaultPrecision(typeName);
        };
    }

    /**
     * {@code NUMERIC} without precision and scale (in a cast) is PostgreSQL's unconstrained
     * numeric: Calcite would make it DECIMAL(19, 0) and cut every fraction; Freshet gives it the
     * digits of an unconstrained NUMERIC column.
     */
    @Override
    public int getDefaultScale(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return DataType.UNCONSTRAINED_DECIMAL_SCALE;
        }
        return super.getDefaultScale(typeName);
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return DataType.MAX_DECIMAL_PRECISION;
        }
        return super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return DataType.MAX_DECIMAL_PRECISION;
        }
        return super.getMaxScale(typeName);
    }

    /**
     * PostgreSQL's SUM: smallint and integer widen to bigint, so a sum does not overflow where
     * the summands did not; other types keep theirs. (PostgreSQL widens bigint to numeric, which
     * Calcite's aggregate code cannot accumulate; a bigint sum beyond 2^63 fails instead.)
     */
    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        RelDataType type = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL, DataType.MAX_DECIMAL_PRECISION,
                    argumentType.getScale());
            default -> argumentType;
        };
        return typeFactory.createTypeWithNullability(type, argumentType.isNullable());
    }

    /**
     * PostgreSQL's AVG: exact numbers average to numeric with at least {@value #AVERAGE_SCALE}
     * fractional digits (avg of the integers 1 and 2 is 1.5000000000000000, not 1), floats to
     * double precision.
     */
    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        RelDataType type = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> typeFactory.createSqlType(SqlTypeName.DECIMAL,
                    DataType.MAX_DECIMAL_PRECISION, AVERAGE_SCALE);
            case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL, DataType.MAX_DECIMAL_PRECISION,
                    Math.max(argumentType.getScale(), AVERAGE_SCALE));
            case REAL, FLOAT, DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
            default -> argumentType;
        };
        return typeFactory.createTypeWithNullability(type, argumentType.isNullable());
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
