package dev.freshet.planner.internal;

import java.util.List;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import dev.freshet.planner.DataType;

/**
 * Makes {@code round(x, n)} return n fractional digits, as PostgreSQL's {@code round(numeric,
 * int)} does ({@code round(2.567, 2)} is {@code 2.57}); Calcite keeps the argument's scale and
 * prints {@code 2.570}. Rewrites the tree in place before validation, where the result type is
 * still open: {@code CAST(round(x, n) AS NUMERIC(38, n))}.
 */
public final class RoundDigits extends SqlBasicVisitor<Void> {
    private RoundDigits() {
    }

    public static void apply(SqlNode query) {
        query.accept(new RoundDigits());
    }

    @Override
    public Void visit(SqlCall call) {
        super.visit(call);
        List<SqlNode> operands = call.getOperandList();
        for (int i = 0; i < operands.size(); i++) {
            SqlNode operand = operands.get(i);
            if (operand instanceof SqlCall round && isRoundToLiteral(round)) {
                int digits = ((SqlNumericLiteral) round.operand(1)).intValue(true);
                if (digits >= 0) {
                    SqlDataTypeSpec type = new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL,
                            DataType.MAX_DECIMAL_PRECISION, digits, round.getParserPosition()),
                            round.getParserPosition());
                    call.setOperand(i, SqlStdOperatorTable.CAST.createCall(round.getParserPosition(), round, type));
                }
            }
        }
        return null;
    }

    private static boolean isRoundToLiteral(SqlCall call) {
        return call.getOperator() instanceof SqlFunction function
                && function.getName().equalsIgnoreCase("round")
                && call.operandCount() == 2
                && call.operand(1) instanceof SqlNumericLiteral literal
                && literal.isExact();
    }
}
