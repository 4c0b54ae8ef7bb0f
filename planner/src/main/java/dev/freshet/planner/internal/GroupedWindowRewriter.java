package dev.freshet.planner.internal;

import static java.lang.String.format;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlGroupedWindowFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlTimeLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Litmus;
import org.apache.calcite.util.TimeString;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * Turns Calcite's grouped-window form into the window table-function form, in place, before
 * validation:
 * <pre>
 * SELECT auction, TUMBLE_START(date_time, INTERVAL '10' SECOND) AS ws, COUNT(*)
 * FROM bids GROUP BY auction, TUMBLE(date_time, INTERVAL '10' SECOND)
 * </pre>
 * becomes
 * <pre>
 * SELECT auction, window_start AS ws, COUNT(*)
 * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) AS bids
 * GROUP BY auction, window_start, window_end
 * </pre>
 * Calcite would group by the scalar {@code $TUMBLE(ts, size)}, which its Enumerable convention
 * cannot implement, and HOP has no scalar form at all, since a row belongs to several windows.
 * The table functions, which the Enumerable convention does run, copy each row once per window
 * it falls in.
 *
 * <p>Every SELECT in the tree whose GROUP BY holds one {@code TUMBLE(ts, size [, align])} or
 * {@code HOP(ts, slide, size [, align])} item is rewritten: the item becomes {@code window_start,
 * window_end}, and each {@code TUMBLE_START}/{@code HOP_START} ({@code _END}) call with the same
 * arguments in the select list, HAVING or ORDER BY becomes {@code window_start}
 * ({@code window_end}). Calls with other arguments stay, for the validator to report. The
 * alignment operand may be Calcite's {@code TIME} literal (windows start at that time of day) or
 * an interval offset; a TIME literal becomes the interval since midnight. {@code SESSION(ts, gap)}
 * becomes {@code SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(k, ...), gap)} with the other GROUP
 * BY items, which must be columns, as keys: sessions form per group.
 *
 * <p>The window applies to the FROM clause: a table keeps its alias, or its name as alias, so
 * that qualified references resolve as before; a subquery is the table function's input; other
 * FROM items, and any FROM item with a WHERE clause (which moves along), are read through
 * {@code SELECT *}. In a join, a qualified time column ({@code b.date_time}) windows the input it
 * names, so every other reference keeps resolving; an unqualified one windows the whole join,
 * read through {@code SELECT *}, which only works when no reference is qualified (the inputs'
 * names are gone), and is refused otherwise.
 *
 * <p>Column names do not change: an unaliased {@code TUMBLE_START(...)}, possibly under casts, is
 * aliased {@code tumble_start} (likewise {@code tumble_end}, {@code hop_start}, {@code hop_end}),
 * the name {@link OutputColumnNames} gives the call, so this rewrite must run before it. Where
 * that name would repeat in a subquery's select list, OutputColumnNames leaves such an item to
 * Calcite, which names it {@code EXPR$n}, and so does this rewrite.
 */
public final class GroupedWindowRewriter extends SqlBasicVisitor<Void> {
    private static final String WINDOW_START = "window_start";
    private static final String WINDOW_END = "window_end";
    private static final String HINT = "Write the window as a table function and group by its bounds: "
            + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) "
            + "GROUP BY window_start, window_end (HOP likewise, with slide and size).";
    private static final Set<SqlKind> WINDOW_KINDS = EnumSet.of(SqlKind.TUMBLE, SqlKind.HOP, SqlKind.SESSION);
    /** Queries that can be a table function's input as they are; others are read with SELECT *. */
    private static final Set<SqlKind> SUBQUERY_KINDS = EnumSet.of(SqlKind.SELECT, SqlKind.ORDER_BY, SqlKind.WITH,
            SqlKind.UNION, SqlKind.INTERSECT, SqlKind.EXCEPT);

    private final SqlNode top;

    private GroupedWindowRewriter(SqlNode top) {
        this.top = top;
    }

    /**
     * Rewrites every grouped-window SELECT of the query in place.
     *
     * @throws FreshetException {@code FEATURE_NOT_SUPPORTED} when a GROUP BY holds more than one
     *     window call, a window call inside another expression (ROLLUP, ...), a window over
     *     something other than a column, or an unqualified time column over a join whose other
     *     columns are qualified
     */
    public static void rewrite(SqlNode query) {
        SqlNode outermost = query;
        if (query.getKind() == SqlKind.ORDER_BY) {
            outermost = ((SqlCall) query).operand(0);
        }
        query.accept(new GroupedWindowRewriter(outermost));
    }

    @Override
    public Void visit(SqlCall call) {
        // Before the children: the rewritten FROM still holds the nested queries, visited next.
        if (call instanceof SqlOrderBy orderBy && orderBy.query instanceof SqlSelect select) {
            rewrite(select, orderBy.orderList);
        } else if (call instanceof SqlSelect select) {
            rewrite(select, select.getOrderList());
        }
        return super.visit(call);
    }

    /**
     * Rewrites one SELECT; {@code orderList} is its ORDER BY, which the parser keeps outside it.
     * Everything that can refuse runs before the first change.
     */
    private void rewrite(SqlSelect select, SqlNodeList orderList) {
        SqlCall window = groupWindow(select.getGroup());
        if (window == null || !hasWindowArity(window)) {
            return;
        }
        SqlNode time = window.operand(0);
        if (!(time instanceof SqlIdentifier column) || column.isStar()) {
            throw unsupported(format("GROUP BY %s over %s is not supported: the time argument must be a column",
                    describe(window), sql(time)));
        }
        List<SqlIdentifier> keys = sessionKeys(select.getGroup(), window);
        if (!windowFrom(select, orderList, window, column, keys)) {
            return;
        }
        select.setGroupBy(withBounds(select.getGroup(), window));
        WindowBounds bounds = new WindowBounds(window);
        select.setSelectList(named(select.getSelectList(), bounds, select == top));
        select.getSelectList().accept(bounds);
        if (select.getHaving() != null) {
            select.setHaving(bounds.replaced(select.getHaving()));
        }
        if (orderList != null) {
            orderList.accept(bounds);
        }
    }

    /** The GROUP BY's TUMBLE, HOP or SESSION item, or null when it has none. */
    private static SqlCall groupWindow(SqlNodeList group) {
        if (group == null) {
            return null;
        }
        List<SqlCall> windows = new ArrayList<>();
        group.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getOperator() instanceof SqlGroupedWindowFunction && WINDOW_KINDS.contains(call.getKind())) {
                    windows.add(call);
                }
                return super.visit(call);
            }
        });
        if (windows.isEmpty()) {
            return null;
        }
        if (windows.size() > 1) {
            List<String> calls = windows.stream().map(GroupedWindowRewriter::describe).toList();
            throw unsupported(format("GROUP BY with more than one window (%s) is not supported",
                    String.join(", ", calls)));
        }
        SqlCall window = windows.get(0);
        if (indexOf(group, window) < 0) {
            throw unsupported(format("%s inside a GROUP BY expression is not supported: it must be a GROUP BY "
                    + "item of its own", describe(window)));
        }
        return window;
    }

    /**
     * For SESSION, the other GROUP BY items, which must be columns: sessions form per group, so
     * they become the table function's PARTITION BY keys. Empty for TUMBLE and HOP.
     */
    private static List<SqlIdentifier> sessionKeys(SqlNodeList group, SqlCall window) {
        List<SqlIdentifier> keys = new ArrayList<>();
        if (window.getKind() != SqlKind.SESSION) {
            return keys;
        }
        for (SqlNode item : group) {
            if (item == window) {
                continue;
            }
            if (!(item instanceof SqlIdentifier key) || key.isStar()) {
                throw unsupported(format("GROUP BY %s with the expression %s is not supported: sessions form per "
                        + "group, so the other GROUP BY items must be columns; compute it in a subquery",
                        describe(window), sql(item)));
            }
            keys.add(new SqlIdentifier(key.names.get(key.names.size() - 1), key.getParserPosition()));
        }
        return keys;
    }

    /** Whether the call has as many operands as its table function takes; else the validator complains. */
    private static boolean hasWindowArity(SqlCall window) {
        if (window.getKind() == SqlKind.SESSION) {
            return window.operandCount() == 2;
        }
        int minimum = window.getKind() == SqlKind.TUMBLE ? 2 : 3;
        return window.operandCount() == minimum || window.operandCount() == minimum + 1;
    }

    /**
     * Applies the window to the FROM clause, the last step that may refuse; false to leave the
     * query to the validator.
     *
     * <p>Except in a join windowed at one input, the WHERE clause moves into the table function's
     * input: it then filters rows before they are copied per window, and Calcite's HOP enumerator
     * returns another row on each {@code current()} call, so a filter evaluated right above it
     * (which calls it twice per row) would lose windows.
     */
    private static boolean windowFrom(SqlSelect select, SqlNodeList orderList, SqlCall window,
            SqlIdentifier column, List<SqlIdentifier> keys) {
        SqlNode from = select.getFrom();
        String qualifier = qualifier(column);
        if (from == null) {
            return false;
        }
        if (!(from instanceof SqlJoin join)) {
            String alias = aliasOf(from);
            if (qualifier != null && alias != null && !qualifier.equals(alias)) {
                return false;
            }
            select.setFrom(windowed(from, select.getWhere(), window, column, keys));
            select.setWhere(null);
            return true;
        }
        if (qualifier == null) {
            if (hasQualifiedReference(select, orderList)) {
                throw unsupported(format("GROUP BY %s over a join, with the unqualified time column %s, is not "
                        + "supported when other columns are qualified: qualify it with its table's name or alias, "
                        + "as in %s(b.%s, ...)", describe(window), sql(column), window.getKind(), column.getSimple()));
            }
            select.setFrom(windowed(join, select.getWhere(), window, column, keys));
            select.setWhere(null);
            return true;
        }
        if (countInputs(join, qualifier) != 1) {
            return false;
        }
        windowInput(join, qualifier, window, column, keys);
        return true;
    }

    /**
     * A FROM item, filtered by {@code where} if not null, as the input of the window's table
     * function, aliased as the item was (a table by its name).
     */
    private static SqlNode windowed(SqlNode item, SqlNode where, SqlCall window, SqlIdentifier column,
            List<SqlIdentifier> keys) {
        SqlParserPos pos = window.getParserPosition();
        String alias = aliasOf(item);
        SqlNode inner = item;
        boolean plainAlias = item.getKind() == SqlKind.AS && ((SqlCall) item).operandCount() == 2;
        if (plainAlias) {
            inner = ((SqlCall) item).operand(0);
        }
        boolean asItIs = where == null && (plainAlias || inner == item);
        SqlNode input;
        if (asItIs && inner instanceof SqlIdentifier table) {
            input = SqlStdOperatorTable.EXPLICIT_TABLE.createCall(pos, table);
        } else if (asItIs && SUBQUERY_KINDS.contains(inner.getKind())) {
            input = inner;
        } else {
            input = new SqlSelect(pos, null, SqlNodeList.of(SqlIdentifier.star(pos)), item, where, null, null, null,
                    null, null, null, null, null);
        }
        List<SqlNode> operands = new ArrayList<>();
        operands.add(input);
        operands.add(SqlStdOperatorTable.DESCRIPTOR.createCall(pos,
                new SqlIdentifier(column.names.get(column.names.size() - 1), column.getParserPosition())));
        List<SqlNode> arguments = window.getOperandList();
        if (window.getKind() == SqlKind.SESSION && !keys.isEmpty()) {
            operands.add(SqlStdOperatorTable.DESCRIPTOR.createCall(pos, keys));
        }
        int alignment = window.getKind() == SqlKind.TUMBLE ? 2 : 3;
        for (int i = 1; i < arguments.size(); i++) {
            operands.add(i == alignment ? offset(arguments.get(i)) : arguments.get(i));
        }
        SqlFunction function = switch (window.getKind()) {
            case TUMBLE -> SqlStdOperatorTable.TUMBLE;
            case HOP -> SqlStdOperatorTable.HOP;
            default -> SqlStdOperatorTable.SESSION;
        };
        SqlNode windowedTable = SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos,
                function.createCall(pos, operands));
        if (alias == null) {
            return windowedTable;
        }
        return SqlStdOperatorTable.AS.createCall(pos, windowedTable, new SqlIdentifier(alias, pos));
    }

    /**
     * Calcite's alignment {@code TIME '00:30:00'} as the table functions' offset, the interval
     * since midnight (the epoch starts at midnight, so both place the windows alike); an
     * interval is already an offset.
     */
    private static SqlNode offset(SqlNode alignment) {
        SqlNode literal = alignment;
        if (literal instanceof SqlUnknownLiteral unknown && unknown.tag.equalsIgnoreCase("TIME")) {
            literal = unknown.resolve(SqlTypeName.TIME);
        }
        if (!(literal instanceof SqlTimeLiteral time)) {
            return alignment;
        }
        int millis = time.getValueAs(TimeString.class).getMillisOfDay();
        String text = format("%d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60,
                millis % 1000);
        SqlParserPos pos = alignment.getParserPosition();
        return SqlLiteral.createInterval(1, text, new SqlIntervalQualifier(TimeUnit.HOUR, TimeUnit.SECOND, pos), pos);
    }

    /** How many inputs of the join go by this name. */
    private static int countInputs(SqlNode node, String name) {
        if (node instanceof SqlJoin join) {
            return countInputs(join.getLeft(), name) + countInputs(join.getRight(), name);
        }
        return name.equals(aliasOf(node)) ? 1 : 0;
    }

    /** Replaces the join input of this name by its windowed form. */
    private static void windowInput(SqlJoin join, String name, SqlCall window, SqlIdentifier column,
            List<SqlIdentifier> keys) {
        if (join.getLeft() instanceof SqlJoin left) {
            windowInput(left, name, window, column, keys);
        } else if (name.equals(aliasOf(join.getLeft()))) {
            join.setLeft(windowed(join.getLeft(), null, window, column, keys));
        }
        if (join.getRight() instanceof SqlJoin right) {
            windowInput(right, name, window, column, keys);
        } else if (name.equals(aliasOf(join.getRight()))) {
            join.setRight(windowed(join.getRight(), null, window, column, keys));
        }
    }

    /** The name a FROM item is referred to by: its alias, a table's name, or null. */
    private static String aliasOf(SqlNode item) {
        if (item.getKind() == SqlKind.AS) {
            return ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple();
        }
        if (item instanceof SqlIdentifier table) {
            return table.names.get(table.names.size() - 1);
        }
        return null;
    }

    /** The table part of a qualified column ({@code b} of {@code b.date_time}), or null. */
    private static String qualifier(SqlIdentifier column) {
        return column.names.size() > 1 ? column.names.get(column.names.size() - 2) : null;
    }

    private static boolean hasQualifiedReference(SqlSelect select, SqlNodeList orderList) {
        boolean[] found = {false};
        SqlBasicVisitor<Void> finder = new SqlBasicVisitor<>() {
            @Override
            public Void visit(SqlIdentifier identifier) {
                found[0] |= identifier.names.size() > 1;
                return null;
            }
        };
        // WHERE is left out: it moves into the windowed join, where the inputs' names resolve.
        for (SqlNode clause : new SqlNode[] {select.getSelectList(), select.getGroup(), select.getHaving(),
                orderList}) {
            if (clause != null) {
                clause.accept(finder);
            }
        }
        return found[0];
    }

    /** The GROUP BY with the window item replaced by the window's bounds. */
    private static SqlNodeList withBounds(SqlNodeList group, SqlCall window) {
        SqlNodeList replaced = new SqlNodeList(group.getParserPosition());
        for (SqlNode item : group) {
            if (item == window) {
                replaced.add(new SqlIdentifier(WINDOW_START, window.getParserPosition()));
                replaced.add(new SqlIdentifier(WINDOW_END, window.getParserPosition()));
            } else {
                replaced.add(item);
            }
        }
        return replaced;
    }

    /**
     * The select list with each unaliased window bound call (under casts or not) aliased by the
     * call's name, as {@link OutputColumnNames} would have named it.
     */
    private static SqlNodeList named(SqlNodeList items, WindowBounds bounds, boolean outermost) {
        List<String> names = new ArrayList<>();
        for (SqlNode item : items) {
            names.add(item.getKind() == SqlKind.AS ? null : bounds.boundName(withoutCasts(item)));
        }
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String name = names.get(i) != null ? names.get(i) : explicitName(items.get(i));
            if (name != null && !seen.add(name)) {
                repeated.add(name);
            }
        }
        SqlNodeList named = new SqlNodeList(items.getParserPosition());
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            String name = names.get(i);
            if (name == null) {
                named.add(item);
                continue;
            }
            if (!outermost && repeated.contains(name)) {
                name = SqlUtil.deriveAliasFromOrdinal(i);
            }
            named.add(SqlStdOperatorTable.AS.createCall(item.getParserPosition(), item,
                    new SqlIdentifier(name, SqlParserPos.ZERO)));
        }
        return named;
    }

    private static SqlNode withoutCasts(SqlNode node) {
        SqlNode operand = node;
        while (operand.getKind() == SqlKind.CAST) {
            operand = ((SqlCall) operand).operand(0);
        }
        return operand;
    }

    /** An item's name when written out: its alias, or a column's name. */
    private static String explicitName(SqlNode item) {
        if (item.getKind() == SqlKind.AS) {
            return ((SqlCall) item).operand(1).toString();
        }
        if (item instanceof SqlIdentifier identifier && !identifier.isStar()) {
            return identifier.names.get(identifier.names.size() - 1);
        }
        return null;
    }

    private static int indexOf(SqlNodeList list, SqlNode node) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == node) {
                return i;
            }
        }
        return -1;
    }

    /** A window call as the user wrote it: {@code TUMBLE(...)}, not Calcite's {@code $TUMBLE(...)}. */
    private static String describe(SqlCall window) {
        List<String> operands = window.getOperandList().stream().map(GroupedWindowRewriter::sql).toList();
        return window.getKind() + "(" + String.join(", ", operands) + ")";
    }

    private static String sql(SqlNode node) {
        return node.toSqlString(PostgresqlSqlDialect.DEFAULT).getSql();
    }

    private static FreshetException unsupported(String message) {
        return new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED, message).withHint(HINT);
    }

    /**
     * Replaces the calls of one window's bound functions ({@code TUMBLE_START(ts, size)} and
     * {@code TUMBLE_END}, or HOP's) by the table function's columns. Stops at nested queries:
     * their bound calls belong to their own GROUP BY.
     */
    private static final class WindowBounds extends SqlBasicVisitor<Void> {
        private final SqlCall window;
        private final String start;
        private final String end;

        WindowBounds(SqlCall window) {
            this.window = window;
            String name = window.getKind().name().toLowerCase(Locale.ROOT);
            this.start = name + "_start";
            this.end = name + "_end";
        }

        /** The column name of a bound call of this window ({@code tumble_start}), or null. */
        String boundName(SqlNode node) {
            if (!(node instanceof SqlCall call) || call.operandCount() != window.operandCount()) {
                return null;
            }
            String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
            if (!name.equals(start) && !name.equals(end)) {
                return null;
            }
            for (int i = 0; i < call.operandCount(); i++) {
                if (!call.operand(i).equalsDeep(window.operand(i), Litmus.IGNORE)) {
                    return null;
                }
            }
            return name;
        }

        /** The node itself rewritten, or the column that replaces it. */
        SqlNode replaced(SqlNode node) {
            String name = boundName(node);
            if (name == null) {
                node.accept(this);
                return node;
            }
            return new SqlIdentifier(name.equals(start) ? WINDOW_START : WINDOW_END, node.getParserPosition());
        }

        @Override
        public Void visit(SqlCall call) {
            if (call.getKind().belongsTo(SqlKind.QUERY)) {
                return null;
            }
            for (int i = 0; i < call.operandCount(); i++) {
                SqlNode operand = call.operand(i);
                // Only set what changes: some calls (OVER's window, ...) cannot set operands.
                SqlNode replacement = operand == null ? null : replaced(operand);
                if (replacement != operand) {
                    call.setOperand(i, replacement);
                }
            }
            return null;
        }

        @Override
        public Void visit(SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                SqlNode item = list.get(i);
                SqlNode replacement = item == null ? null : replaced(item);
                if (replacement != item) {
                    list.set(i, replacement);
                }
            }
            return null;
        }
    }
}
