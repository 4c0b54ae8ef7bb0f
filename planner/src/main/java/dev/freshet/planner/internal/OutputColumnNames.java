package dev.freshet.planner.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Names unaliased select items the way PostgreSQL does, before Calcite would call them
 * {@code EXPR$0}: a column keeps its name, a function call takes the function's name
 * ({@code count}), a cast the name of what it casts (or of the type, for a literal), CASE is
 * {@code case}, anything else {@code ?column?}. Clients show these names, and queries over a
 * subquery may refer to them ({@code SELECT s.count FROM (SELECT count(*) FROM t) s}).
 *
 * <p>In a subquery a name is only given when it is unique in its select list, since Calcite
 * refuses a derived table with two columns of one name; the outermost list may repeat names,
 * as PostgreSQL's results do.
 */
public final class OutputColumnNames extends SqlBasicVisitor<Void> {
    private static final String UNNAMED = "?column?";

    private final SqlNode top;

    private OutputColumnNames(SqlNode top) {
        this.top = top;
    }

    /** Adds the aliases in place throughout the query. */
    public static void assign(SqlNode query) {
        SqlNode outermost = query;
        if (query.getKind() == SqlKind.ORDER_BY) {
            outermost = ((SqlCall) query).operand(0);
        }
        query.accept(new OutputColumnNames(outermost));
    }

    @Override
    public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
            name(select, select == top);
        }
        return super.visit(call);
    }

    private static void name(SqlSelect select, boolean outermost) {
        SqlNodeList items = select.getSelectList();
        if (items == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (SqlNode item : items) {
            names.add(item.getKind() == SqlKind.AS ? null : derivedName(item));
        }
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String name = items.get(i).getKind() == SqlKind.AS
                    ? ((SqlCall) items.get(i)).operand(1).toString() : names.get(i) == null
                    ? implicitName(items.get(i)) : names.get(i);
            if (name != null && !seen.add(name)) {
                repeated.add(name);
            }
        }
        for (int i = 0; i < items.size(); i++) {
            String name = names.get(i);
            if (name == null || !outermost && repeated.contains(name)) {
                continue;
            }
            SqlNode item = items.get(i);
            items.set(i, SqlStdOperatorTable.AS.createCall(item.getParserPosition(), item,
                    new SqlIdentifier(name, SqlParserPos.ZERO)));
        }
    }

    /** The name PostgreSQL gives an expression that Calcite would not name itself, or null. */
    private static String derivedName(SqlNode item) {
        if (item instanceof SqlIdentifier) {
            return null;
        }
        return expressionName(item);
    }

    /** The name Calcite derives on its own (a column's), for detecting repeats. */
    private static String implicitName(SqlNode item) {
        if (item instanceof SqlIdentifier identifier && !identifier.isStar()) {
            return identifier.names.get(identifier.names.size() - 1);
        }
        return null;
    }

    private static String expressionName(SqlNode node) {
        if (node instanceof SqlIdentifier identifier) {
            return identifier.isStar() ? UNNAMED : identifier.names.get(identifier.names.size() - 1);
        }
        if (node.getKind() == SqlKind.CAST && node instanceof SqlBasicCall cast) {
            SqlNode operand = cast.operand(0);
            if (operand instanceof SqlIdentifier || operand.getKind() == SqlKind.CAST
                    || operand instanceof SqlBasicCall call && call.getOperator() instanceof SqlFunction) {
                return expressionName(operand);
            }
            if (cast.operand(1) instanceof SqlDataTypeSpec type) {
                return typeName(type);
            }
            return UNNAMED;
        }
        if (node.getKind() == SqlKind.CASE) {
            return "case";
        }
        if (node instanceof SqlBasicCall call && call.getOperator() instanceof SqlFunction function
                && call.getOperator().getSyntax() != org.apache.calcite.sql.SqlSyntax.SPECIAL) {
            return function.getName().toLowerCase(Locale.ROOT);
        }
        return UNNAMED;
    }

    private static String typeName(SqlDataTypeSpec type) {
        String name = type.getTypeName().getSimple().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "integer", "int" -> "int4";
            case "bigint" -> "int8";
            case "smallint" -> "int2";
            case "double", "double precision" -> "float8";
            case "real" -> "float4";
            case "boolean" -> "bool";
            case "varchar", "character varying" -> "varchar";
            case "decimal" -> "numeric";
            default -> name;
        };
    }
}
