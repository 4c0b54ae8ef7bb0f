package dev.freshet.planner.internal;

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

    private FreshetTypeSystem() {
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case TIME, TIMESTAMP, TIME_WITH_LOCAL_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    DataType.FRACTIONAL_SECOND_PRECISION;
            default -> super.getDefaultPrecision(typeName);
        };
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

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
