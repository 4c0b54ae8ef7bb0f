package dev.freshet.planner.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * Turns the session window's {@code PARTITION BY} form into Calcite's, in place, before
 * validation:
 * <pre>
 * SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(date_time), INTERVAL '5' SECOND)
 * </pre>
 * becomes
 * <pre>
 * SESSION(TABLE bids, DESCRIPTOR(date_time), DESCRIPTOR(bidder), INTERVAL '5' SECOND)
 * </pre>
 * Calcite's SESSION takes its keys as a descriptor and refuses a partitioned table argument.
 * The partition columns must be plain column names, and ORDER BY inside the table argument is
 * refused: a session orders by its time column.
 */
public final class SessionPartitionRewriter extends SqlBasicVisitor<Void> {
    private SessionPartitionRewriter() {
    }

    /** Rewrites every partitioned SESSION call in the statement. */
    public static void rewrite(SqlNode statement) {
        statement.accept(new SessionPartitionRewriter());
    }

    /** Replaces a partitioned SESSION call in its parent, the {@code TABLE(...)} around it. */
    @Override
    public Void visit(SqlCall call) {
        for (int i = 0; i < call.operandCount(); i++) {
            if (call.operand(i) instanceof SqlCall session && isPartitionedSession(session)) {
                call.setOperand(i, rewriteSession(session, session.operand(0)));
            }
        }
        return super.visit(call);
    }

    private static boolean isPartitionedSession(SqlCall call) {
        return call.getOperator().getName().toUpperCase(Locale.ROOT).equals("SESSION") && call.operandCount() == 3
                && call.operand(0) instanceof SqlCall table && table.getKind() == SqlKind.SET_SEMANTICS_TABLE;
    }

    private static SqlCall rewriteSession(SqlCall session, SqlCall table) {
        SqlNodeList partition = table.operand(1);
        SqlNodeList order = table.operand(2);
        if (order != null && !order.isEmpty()) {
            throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "SESSION does not take ORDER BY in its table argument: sessions follow the time column")
                    .withHint("Write SESSION(TABLE t PARTITION BY key, DESCRIPTOR(time), gap).");
        }
        List<SqlNode> keys = new ArrayList<>();
        for (SqlNode key : partition) {
            if (key.getKind() != SqlKind.IDENTIFIER) {
                throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "SESSION partitions by column names, not by " + key)
                        .withHint("Compute the key in a subquery and partition by its name.");
            }
            keys.add(key);
        }
        SqlNode descriptor = SqlStdOperatorTable.DESCRIPTOR.createCall(partition.getParserPosition(), keys);
        List<SqlNode> operands = List.of(table.operand(0), session.operand(1), descriptor, session.operand(2));
        return session.getOperator().createCall(session.getFunctionQuantifier(), session.getParserPosition(),
                operands.toArray(new SqlNode[0]));
    }
}
