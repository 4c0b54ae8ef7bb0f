package dev.freshet.server.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Util;

import dev.freshet.planner.SqlPlanner;

/**
 * Rewrites the PostgreSQL idioms of catalog queries that a cast or a keyword cannot express in
 * Calcite into calls of {@link PgCatalogExtension}'s functions. Call it on a parsed statement
 * before planning; it changes the tree in place and leaves every other node alone.
 *
 * <ul>
 *   <li>{@code 'name'::regclass} (a text literal cast to regclass) becomes
 *       {@code pg_catalog.regclass('name')}: the relation's OID, looked up by name. (The planner
 *       maps regclass to BIGINT, so without this the cast would parse the name as a number.)</li>
 *   <li>{@code x::regclass::text} and a select item {@code x::regclass} become
 *       {@code pg_catalog.regclass_name(x)}: the relation's name, as PostgreSQL prints a
 *       regclass, keeping the item's column name.</li>
 *   <li>{@code 'pg_catalog.array_in'::regproc} becomes the text {@code 'array_in'}: catalog
 *       columns of type regproc hold function names.</li>
 *   <li>{@code CAST(text AS regclass)} of an expression that yields text (a function such as
 *       {@code format} or {@code quote_ident}, a concatenation) becomes {@code pg_catalog.regclass(…)}
 *       too.</li>
 *   <li>A subscript of a catalog vector column ({@code indkey[0]}, {@code conkey[1]}), which is
 *       text here, becomes {@code pg_catalog.catalog_array_element(…)}: an int2vector counts
 *       from 0, an array from 1, as in PostgreSQL; {@code x = ANY(conkey)} becomes
 *       {@code pg_catalog.catalog_array_contains(conkey, x)}.</li>
 *   <li>{@code current_schema} / {@code current_schema()} and {@code current_catalog} become
 *       {@code pg_catalog.current_schema()} and {@code pg_catalog.current_database()}: Calcite
 *       parses them to context variables it cannot implement.</li>
 * </ul>
 *
 * <p>Rewriting in place, rather than with a copying {@code SqlShuttle}, keeps details such as
 * {@code COUNT(*)}'s star that copying through operators loses.
 */
public final class PgCatalogRewriter {
    private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "name", "char", "bpchar", "character");
    private static final Set<String> TEXT_FUNCTIONS = Set.of("format", "quote_ident", "concat", "lower", "upper",
            "trim", "btrim", "replace");
    /**
     * Catalog columns (and the aliases pgjdbc gives them) holding an int2vector, oidvector or
     * small integer array as text, which queries subscript: {@code tmp.I_INDOPTION[n - 1]}.
     */
    private static final Set<String> VECTOR_COLUMNS = Set.of("indkey", "indoption", "indclass", "indcollation",
            "i_indoption", "conkey", "confkey", "proargtypes");

    private PgCatalogRewriter() {
    }

    /** Rewrites the statement's catalog idioms in place and returns it. */
    public static SqlNode rewrite(SqlNode statement) {
        ExpandArrayRewriter.rewrite(statement);
        statement.accept(new Visitor());
        return statement;
    }

    private static final class Visitor extends SqlBasicVisitor<Void> {
        @Override
        public Void visit(SqlCall call) {
            if (call instanceof SqlSelect select && select.getSelectList() != null) {
                rewriteSelectItems(select.getSelectList());
            }
            List<SqlNode> operands = call.getOperandList();
            for (int i = 0; i < operands.size(); i++) {
                SqlNode replacement = replacement(operands.get(i));
                if (replacement != null) {
                    call.setOperand(i, replacement);
                }
            }
            return super.visit(call);
        }

        @Override
        public Void visit(SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                SqlNode replacement = replacement(list.get(i));
                if (replacement != null) {
                    list.set(i, replacement);
                }
            }
            return super.visit(list);
        }

        /** A select item {@code x::regclass} shows the relation's name, under the item's own column name. */
        private static void rewriteSelectItems(SqlNodeList items) {
            for (int i = 0; i < items.size(); i++) {
                SqlNode item = items.get(i);
                if (isCastTo(item, "regclass") && !(operand(item) instanceof SqlCharStringLiteral)) {
                    SqlNode operand = operand(item);
                    SqlNode name = function("regclass_name", operand);
                    if (operand instanceof SqlIdentifier identifier) {
                        SqlIdentifier alias = new SqlIdentifier(
                                identifier.names.get(identifier.names.size() - 1), SqlParserPos.ZERO);
                        name = SqlStdOperatorTable.AS.createCall(item.getParserPosition(), name, alias);
                    }
                    items.set(i, name);
                }
            }
        }

        private static SqlNode replacement(SqlNode node) {
            if (node == null) {
                return null;
            }
            if (node instanceof SqlCall call && call.getOperator() == SqlStdOperatorTable.CURRENT_SCHEMA
                    || isBareName(node, "current_schema")) {
                return function("current_schema");
            }
            if (node instanceof SqlCall call && call.getOperator() == SqlStdOperatorTable.CURRENT_CATALOG
                    || isBareName(node, "current_catalog")) {
                return function("current_database");
            }
            if (isCastTo(node, "regclass") && operand(node) instanceof SqlCharStringLiteral literal) {
                return function("regclass", literal);
            }
            if (isCastTo(node, "regclass") && producesText(operand(node))) {
                return function("regclass", operand(node));
            }
            SqlNode searched = vectorSearch(node);
            if (searched != null) {
                return searched;
            }
            if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.ITEM
                    && call.operand(0) instanceof SqlIdentifier vector
                    && VECTOR_COLUMNS.contains(Util.last(vector.names).toLowerCase(Locale.ROOT))) {
                return function("catalog_array_element", call.operand(0), call.operand(1));
            }
            if (isCastTo(node, "regproc") && operand(node) instanceof SqlCharStringLiteral literal) {
                // Catalog columns of type regproc hold the function's name as text.
                String name = literal.getValueAs(String.class);
                return SqlLiteral.createCharString(name.substring(name.lastIndexOf('.') + 1),
                        literal.getParserPosition());
            }
            if (isCastToText(node) && isCastTo(operand(node), "regclass")) {
                SqlNode relation = operand(operand(node));
                if (relation instanceof SqlCharStringLiteral literal) {
                    relation = function("regclass", literal);
                }
                return function("regclass_name", relation);
            }
            return null;
        }

        /**
         * {@code x = ANY(vector)} over a catalog vector column (Metabase's foreign keys:
         * {@code attnum = ANY(c.conkey)}) as {@code pg_catalog.catalog_array_contains(vector, x)};
         * null for anything else.
         */
        private static SqlNode vectorSearch(SqlNode node) {
            if (!(node instanceof SqlBasicCall call) || call.getKind() != SqlKind.SOME
                    || !(call.getOperator() instanceof org.apache.calcite.sql.fun.SqlQuantifyOperator quantify)
                    || quantify.comparisonKind != SqlKind.EQUALS || call.operandCount() != 2) {
                return null;
            }
            SqlNode searchedIn = call.operand(1);
            if (searchedIn instanceof SqlNodeList list && list.size() == 1) {
                searchedIn = list.get(0);
            }
            if (searchedIn instanceof SqlIdentifier vector
                    && VECTOR_COLUMNS.contains(Util.last(vector.names).toLowerCase(Locale.ROOT))) {
                return function("catalog_array_contains", vector, call.operand(0));
            }
            return null;
        }

        /**
         * Whether an expression certainly yields text, so that its cast to regclass looks a name
         * up (Metabase's {@code CAST(FORMAT('%I.%I', schema, table) AS REGCLASS)}) rather than
         * reading an OID.
         */
        private static boolean producesText(SqlNode node) {
            if (node instanceof SqlCharStringLiteral || isCastToText(node)) {
                return true;
            }
            if (!(node instanceof SqlBasicCall call)) {
                return false;
            }
            if (call.getOperator() == SqlStdOperatorTable.CONCAT) {
                return true;
            }
            String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
            return TEXT_FUNCTIONS.contains(name);
        }

        private static boolean isCastToText(SqlNode node) {
            for (String type : TEXT_TYPES) {
                if (isCastTo(node, type)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Without parentheses the parser leaves {@code current_schema} an identifier, which the
     * validator would turn into Calcite's context variable; as in PostgreSQL, where the word is
     * reserved, it is never a column.
     */
    private static boolean isBareName(SqlNode node, String name) {
        return node instanceof SqlIdentifier identifier && identifier.isSimple()
                && identifier.getSimple().equalsIgnoreCase(name);
    }

    private static boolean isCastTo(SqlNode node, String typeName) {
        if (!(node instanceof SqlBasicCall call) || call.getKind() != SqlKind.CAST || call.operandCount() != 2
                || !(call.operand(1) instanceof SqlDataTypeSpec spec)) {
            return false;
        }
        SqlIdentifier name = spec.getTypeName();
        String simple = name.names.get(name.names.size() - 1).toLowerCase(Locale.ROOT);
        return simple.equals(typeName);
    }

    private static SqlNode operand(SqlNode cast) {
        return ((SqlCall) cast).operand(0);
    }

    private static SqlNode function(String name, SqlNode... operands) {
        SqlIdentifier identifier = new SqlIdentifier(List.of(SqlPlanner.PG_CATALOG_SCHEMA, name), SqlParserPos.ZERO);
        SqlUnresolvedFunction function = new SqlUnresolvedFunction(identifier, null, null, null, null,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
        return function.createCall(SqlParserPos.ZERO, operands);
    }
}
