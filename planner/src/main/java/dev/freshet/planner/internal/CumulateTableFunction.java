package dev.freshet.planner.internal;

import java.util.Collections;
import java.util.List;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * {@code CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset])}, the cumulating window table
 * function (as in Flink SQL), which Calcite does not have: windows of {@code size} aligned like
 * TUMBLE's, each reported at every {@code step} as it grows, so a row at time {@code t} lies in
 * the windows {@code [start, start + k * step)} that end after {@code t}. Adds
 * {@code window_start} and {@code window_end} to the table's columns, as TUMBLE does.
 */
public final class CumulateTableFunction extends SqlWindowTableFunction {
    public static final CumulateTableFunction INSTANCE = new CumulateTableFunction();

    private static final List<String> PARAMETERS = List.of("DATA", "TIMECOL", "STEP", "SIZE", "OFFSET");

    private CumulateTableFunction() {
        super("CUMULATE", new OperandMetadata());
    }

    /** Checks a descriptor naming one timestamp column of the table, then two or three intervals. */
    private static final class OperandMetadata implements SqlOperandMetadata {
        @Override
        public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
            return Collections.nCopies(PARAMETERS.size(), typeFactory.createSqlType(SqlTypeName.ANY));
        }

        @Override
        public List<String> paramNames() {
            return PARAMETERS;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return SqlOperandCountRanges.between(4, 5);
        }

        @Override
        public boolean isOptional(int i) {
            return i == 4;
        }

        @Override
        public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
            boolean valid = timeColumnIsValid(callBinding);
            for (int i = 2; i < callBinding.getOperandCount(); i++) {
                RelDataType type = callBinding.getOperandType(i);
                valid &= SqlTypeUtil.isInterval(type)
                        && type.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME;
            }
            if (!valid && throwOnFailure) {
                throw callBinding.newValidationSignatureError();
            }
            return valid;
        }

        private static boolean timeColumnIsValid(SqlCallBinding callBinding) {
            SqlNode descriptor = callBinding.operand(1);
            if (!(descriptor instanceof SqlCall call) || call.getKind() != SqlKind.DESCRIPTOR
                    || call.operandCount() != 1 || !(call.operand(0) instanceof SqlIdentifier column)) {
                return false;
            }
            RelDataType table = callBinding.getOperandType(0);
            RelDataTypeField field = callBinding.getValidator().getCatalogReader().nameMatcher()
                    .field(table, column.getSimple());
            return field != null && SqlTypeUtil.isTimestamp(field.getType());
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            return opName + "(TABLE table_name, DESCRIPTOR(timecol), datetime interval, datetime interval"
                    + "[, datetime interval])";
        }
    }
}
