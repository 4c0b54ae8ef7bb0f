package dev.freshet.server.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Turns PostgreSQL's set-returning {@code information_schema._pg_expandarray(a)} in a select list
 * (one output row per array element, fields {@code x} and {@code n}), which Calcite cannot run,
 * into a lateral table function in FROM, which it can. pgjdbc's getPrimaryKeys query is the
 * reason:
 * <pre>
 * SELECT ... FROM (SELECT ..., (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ,
 *                        information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS A_ATTNUM
 *                  FROM ... ) result WHERE result.A_ATTNUM = (result.KEYS).x
 * </pre>
 * becomes a cross join with {@code LATERAL TABLE(information_schema._pg_expandarray(i.indkey)) AS
 * pg_expand(x, n)}, {@code (...).n} becomes {@code pg_expand.n}, the bare call becomes
 * {@code pg_expand.x} under its alias, and {@code (result.KEYS).x} becomes {@code result.KEYS}.
 */
final class ExpandArrayRewriter {
    private static final String FUNCTION = "_pg_expandarray";
    private static final String ALIAS = "pg_expand";

    private ExpandArrayRewriter() {
    }

    static void rewrite(SqlNode statement) {
        Set<String> elementAliases = new HashSet<>();
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select) {
                    moveToFrom(select, elementAliases);
                }
                return super.visit(call);
            }
        });
        if (!elementAliases.isEmpty()) {
            statement.accept(new ElementFieldRemover(elementAliases));
        }
    }

    private static void moveToFrom(SqlSelect select, Set<String> elementAliases) {
        SqlNodeList items = select.getSelectList();
        if (items == null || select.getFrom() == null) {
            return;
        }
        SqlCall expansion = null;
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            SqlNode expression = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
            SqlNode replacement = null;
            if (isExpandArray(expression)) {
                expansion = (SqlCall) expression;
                replacement = field("x");
                if (item.getKind() == SqlKind.AS) {
                    elementAliases.add(((SqlCall) item).operand(1).toString().toLowerCase(Locale.ROOT));
                }
            } else if (expression.getKind() == SqlKind.DOT && isExpandArray(((SqlCall) expression).operand(0))) {
                expansion = ((SqlCall) expression).operand(0);
                replacement = field(((SqlIdentifier) ((SqlCall) expression).operand(1)).getSimple());
            }
            if (replacement == null) {
                continue;
            }
            if (item.getKind() == SqlKind.AS) {
                ((SqlCall) item).setOperand(0, replacement);
            } else {
                items.set(i, replacement);
            }
        }
        if (expansion == null) {
            return;
        }
        SqlParserPos pos = SqlParserPos.ZERO;
        // The parser made a scalar call; in FROM it must be looked up among table functions.
        SqlCall tableCall = new SqlUnresolvedFunction(expansion.getOperator().getNameAsId(), null, null, null, null,
                SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION).createCall(pos, expansion.getOperandList());
        SqlNode table = SqlStdOperatorTable.LATERAL.createCall(pos,
                SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, tableCall));
        SqlNode aliased = SqlStdOperatorTable.AS.createCall(pos, table, new SqlIdentifier(ALIAS, pos),
                new SqlIdentifier("x", pos), new SqlIdentifier("n", pos));
        select.setFrom(new SqlJoin(pos, select.getFrom(), SqlLiteral.createBoolean(false, pos),
                JoinType.COMMA.symbol(pos), aliased, JoinConditionType.NONE.symbol(pos), null));
    }

    private static SqlIdentifier field(String name) {
        return new SqlIdentifier(List.of(ALIAS, name.toLowerCase(Locale.ROOT)), SqlParserPos.ZERO);
    }

    private static boolean isExpandArray(SqlNode node) {
        if (!(node instanceof SqlBasicCall call) || call.getOperator().getNameAsId() == null) {
            return false;
        }
        List<String> names = call.getOperator().getNameAsId().names;
        return names.get(names.size() - 1).equalsIgnoreCase(FUNCTION);
    }

    /** Replaces {@code (alias).x} of a moved element column by the column itself. */
    private static final class ElementFieldRemover extends SqlBasicVisitor<Void> {
        private final Set<String> elementAliases;

        ElementFieldRemover(Set<String> elementAliases) {
            this.elementAliases = elementAliases;
        }

        @Override
        public Void visit(SqlCall call) {
            List<SqlNode> operands = new ArrayList<>(call.getOperandList());
            for (int i = 0; i < operands.size(); i++) {
                SqlNode operand = operands.get(i);
                if (operand != null && operand.getKind() == SqlKind.DOT
                        && ((SqlCall) operand).operand(0) instanceof SqlIdentifier column
                        && elementAliases.contains(column.names.get(column.names.size() - 1).toLowerCase(Locale.ROOT))
                        && ((SqlCall) operand).operand(1).toString().equalsIgnoreCase("x")) {
                    call.setOperand(i, column);
                }
            }
            return super.visit(call);
        }
    }
}
