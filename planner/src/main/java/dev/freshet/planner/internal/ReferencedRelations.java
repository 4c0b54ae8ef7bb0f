package dev.freshet.planner.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Collects the names of the relations a query reads: every identifier in a FROM position, in
 * joins, and in subqueries anywhere. A WITH element's name counts as well, which only makes the
 * dependency set larger, never smaller: safe for refusing a DROP.
 */
public final class ReferencedRelations extends SqlBasicVisitor<Void> {
    private final Set<String> names = new LinkedHashSet<>();

    private ReferencedRelations() {
    }

    /** The last name part of every relation the query names, in first-mention order. */
    public static List<String> of(SqlNode query) {
        ReferencedRelations visitor = new ReferencedRelations();
        query.accept(visitor);
        return List.copyOf(visitor.names);
    }

    @Override
    public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
            from(select.getFrom());
            for (SqlNode operand : select.getOperandList()) {
                if (operand != null && operand != select.getFrom()) {
                    operand.accept(this);
                }
            }
            return null;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null) {
                operand.accept(this);
            }
        }
        return null;
    }

    private void from(SqlNode from) {
        if (from == null) {
            return;
        }
        if (from instanceof SqlIdentifier identifier) {
            names.add(identifier.names.get(identifier.names.size() - 1));
        } else if (from instanceof SqlJoin join) {
            from(join.getLeft());
            from(join.getRight());
            if (join.getCondition() != null) {
                join.getCondition().accept(this);
            }
        } else if (from instanceof SqlCall call && call.getKind() == org.apache.calcite.sql.SqlKind.AS) {
            from(call.operand(0));
        } else {
            from.accept(this);
        }
    }
}
