package dev.freshet.parser;

import java.util.Map;

import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The operators Freshet's grammar produces for PostgreSQL operator syntax.
 *
 * <p>Freshet creates no operator of its own: every PostgreSQL operator the grammar accepts maps onto one Calcite
 * already implements, so the planner needs no extra implementation.
 * <ul>
 *   <li>{@code a ~ b}, {@code a ~* b}, {@code a !~ b}, {@code a !~* b}: Calcite's POSIX regex operators
 *       ({@link SqlStdOperatorTable#POSIX_REGEX_CASE_SENSITIVE} and its three siblings).</li>
 *   <li>{@code a OPERATOR(pg_catalog.op) b} (what psql sends): the operator named {@code op}, looked up in
 *       {@link #binaryOperator(String)}; the schema, which can only be {@code pg_catalog}, is dropped.</li>
 *   <li>{@code a::type}: the standard {@link SqlStdOperatorTable#CAST}, so it unparses as {@code CAST(a AS type)}.</li>
 *   <li>{@code a COLLATE name}: accepted and dropped; Freshet compares strings by code point (collation "C").</li>
 * </ul>
 */
public final class FreshetSqlOperators {
    private static final Map<String, SqlOperator> BINARY_OPERATORS = Map.ofEntries(
            Map.entry("=", SqlStdOperatorTable.EQUALS),
            Map.entry("<>", SqlStdOperatorTable.NOT_EQUALS),
            Map.entry("!=", SqlStdOperatorTable.NOT_EQUALS),
            Map.entry("<", SqlStdOperatorTable.LESS_THAN),
            Map.entry("<=", SqlStdOperatorTable.LESS_THAN_OR_EQUAL),
            Map.entry(">", SqlStdOperatorTable.GREATER_THAN),
            Map.entry(">=", SqlStdOperatorTable.GREATER_THAN_OR_EQUAL),
            Map.entry("+", SqlStdOperatorTable.PLUS),
            Map.entry("-", SqlStdOperatorTable.MINUS),
            Map.entry("*", SqlStdOperatorTable.MULTIPLY),
            Map.entry("/", SqlStdOperatorTable.DIVIDE),
            Map.entry("%", SqlStdOperatorTable.PERCENT_REMAINDER),
            Map.entry("||", SqlStdOperatorTable.CONCAT),
            Map.entry("~", SqlStdOperatorTable.POSIX_REGEX_CASE_SENSITIVE),
            Map.entry("~*", SqlStdOperatorTable.POSIX_REGEX_CASE_INSENSITIVE),
            Map.entry("!~", SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE),
            Map.entry("!~*", SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE),
            Map.entry("~~", SqlStdOperatorTable.LIKE),
            Map.entry("!~~", SqlStdOperatorTable.NOT_LIKE));

    private FreshetSqlOperators() {
    }

    /** The binary operator PostgreSQL names {@code symbol} (as in {@code OPERATOR(pg_catalog.~)}), or null. */
    public static @Nullable SqlOperator binaryOperator(String symbol) {
        return BINARY_OPERATORS.get(symbol);
    }
}
