package dev.freshet.server.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites, in the text of a statement before it is parsed, the PostgreSQL forms that tools'
 * catalog queries use and that Calcite's grammar refuses outright, so that no parse tree exists
 * for {@link PgCatalogRewriter} to fix:
 *
 * <ul>
 *   <li><b>Keywords as column labels and field names.</b> PostgreSQL takes any word after
 *       {@code AS} as a column label ({@code has_table_privilege(…) AS delete}, Metabase) and
 *       after a dot as a field name ({@code tmp.CARDINALITY}, pgjdbc's getIndexInfo); Calcite
 *       reserves them. Such a word is double-quoted, lower-cased as PostgreSQL folds it. A word
 *       after {@code AS} is only taken for a label when a comma, a closing parenthesis,
 *       {@code FROM}, a semicolon or the end follows it, so {@code CREATE VIEW v AS SELECT x}
 *       and {@code CAST(x AS date)} are left alone.</li>
 *   <li><b>Functions in FROM.</b> PostgreSQL reads {@code FROM f(args) [AS] a} for any function:
 *       a set-returning one gives its rows, a scalar one a single row, and with one column the
 *       alias also names the column. Calcite reads the bare form only for simple arguments
 *       (Grafana's {@code generate_series(array_lower(…), …) AS i} fails to parse). A known
 *       set-returning function becomes {@code TABLE(f(args)) AS a(a)} (one column) or
 *       {@code TABLE(f(args)) AS a}; any other function becomes {@code (SELECT f(args) AS a)
 *       AS a}.</li>
 * </ul>
 *
 * <p>The scan respects quoted identifiers, string literals ({@code ''}, {@code E''},
 * dollar-quoted) and comments. A statement that needs no rewrite comes back as the same string;
 * one that is rewritten reports later syntax errors a few characters off.
 */
public final class PostgresSyntaxRewriter {
    /**
     * Words Calcite reserves that PostgreSQL clients use as labels or field names. Type names are
     * left out: after AS they name the target of a CAST.
     */
    private static final Set<String> RESERVED = Set.of("all", "any", "cardinality", "case", "check", "column",
            "default", "delete", "end", "from", "group", "insert", "member", "order", "position", "result", "select",
            "table", "union", "update", "user", "value", "values", "where");

    /** Functions in FROM that return rows, by their unqualified name, and whether they have one column. */
    private static final Set<String> SINGLE_COLUMN_TABLE_FUNCTIONS = Set.of("generate_series");
    private static final Set<String> TABLE_FUNCTIONS = Set.of("generate_series", "pg_options_to_table",
            "_pg_expandarray");

    /** Words after which a table reference starts. */
    private static final Set<String> TABLE_REFERENCE_STARTS = Set.of("from", "join");

    /** Words that end a FROM list at its own parenthesis depth. */
    private static final Set<String> FROM_LIST_ENDS = Set.of("where", "group", "having", "order", "limit",
            "offset", "union", "intersect", "except", "window", "on", "using", "fetch", "for", "returning");

    private PostgresSyntaxRewriter() {
    }

    private enum Kind {
        WORD, QUOTED, STRING, NUMBER, SYMBOL
    }

    /** A token and where it lies in the text. */
    private record Token(Kind kind, int start, int end, String text) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(char symbol) {
            return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == symbol;
        }

        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A change of the original text: the characters from {@code position} to {@code end} (equal
     * for an insertion) give way to {@code text}; edits at one position apply in {@code order}.
     */
    private record Edit(int position, int end, String text, int order) {
        static Edit insert(int position, String text, int order) {
            return new Edit(position, position, text, order);
        }
    }

    /** The statement with the rewrites applied; the same string when there is nothing to rewrite. */
    public static String rewrite(String sql) {
        List<Token> tokens = tokenize(sql);
        List<Edit> edits = new ArrayList<>();
        quoteReservedLabels(tokens, edits);
        wrapFunctionsInFrom(tokens, edits);
        if (edits.isEmpty()) {
            return sql;
        }
        edits.sort((left, right) -> left.position() != right.position()
                ? Integer.compare(left.position(), right.position())
                : Integer.compare(left.order(), right.order()));
        StringBuilder result = new StringBuilder(sql.length() + 32);
        int copied = 0;
        for (Edit edit : edits) {
            result.append(sql, copied, Math.max(copied, edit.position())).append(edit.text());
            copied = Math.max(copied, edit.end());
        }
        result.append(sql, copied, sql.length());
        return result.toString();
    }

    private static void quoteReservedLabels(List<Token> tokens, List<Edit> edits) {
        for (int i = 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != Kind.WORD || !RESERVED.contains(token.lower())) {
                continue;
            }
            Token previous = tokens.get(i - 1);
            boolean fieldName = previous.isSymbol('.');
            boolean label = previous.isWord("as") && endsLabel(i + 1 < tokens.size() ? tokens.get(i + 1) : null);
            if (fieldName || label) {
                edits.add(new Edit(token.start(), token.end(), "\"" + token.lower() + "\"", 0));
            }
        }
    }

    private static boolean endsLabel(Token next) {
        return next == null || next.isSymbol(',') || next.isSymbol(')') || next.isSymbol(';') || next.isWord("from");
    }

    private static void wrapFunctionsInFrom(List<Token> tokens, List<Edit> edits) {
        // inFromList.get(d): whether parenthesis level d is in a FROM list.
        // queryAt.get(d): whether a SELECT or DELETE began at parenthesis level d, so that a FROM
        // there starts a FROM list (in trim(both 'x' from y) or extract(year from t) it does not).
        List<Boolean> inFromList = new ArrayList<>();
        List<Boolean> queryAt = new ArrayList<>();
        inFromList.add(false);
        queryAt.add(false);
        boolean expectTable = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            int depth = inFromList.size() - 1;
            if (token.isSymbol('(')) {
                inFromList.add(false);
                queryAt.add(false);
                expectTable = false;
                continue;
            }
            if (token.isSymbol(')')) {
                if (depth > 0) {
                    inFromList.remove(depth);
                    queryAt.remove(depth);
                }
                expectTable = false;
                continue;
            }
            if (token.isWord("select") || token.isWord("delete")) {
                queryAt.set(depth, true);
                continue;
            }
            if (token.kind() == Kind.WORD && TABLE_REFERENCE_STARTS.contains(token.lower())) {
                if (!queryAt.get(depth)) {
                    continue;
                }
                if (token.isWord("from")) {
                    inFromList.set(depth, true);
                }
                expectTable = true;
                continue;
            }
            if (token.kind() == Kind.WORD && FROM_LIST_ENDS.contains(token.lower())) {
                inFromList.set(depth, false);
                expectTable = false;
                continue;
            }
            if (token.isSymbol(',')) {
                expectTable = inFromList.get(depth);
                continue;
            }
            if (expectTable) {
                expectTable = false;
                int end = functionCallEnd(tokens, i);
                if (end > 0) {
                    i = wrapFunction(tokens, i, end, edits);
                }
            }
        }
    }

    /**
     * The index of the closing parenthesis of a function call starting at {@code start}
     * ({@code name [. name]* ( … )}), or -1 when no call starts there.
     */
    private static int functionCallEnd(List<Token> tokens, int start) {
        int i = start;
        if (!isName(tokens.get(i)) || tokens.get(i).isWord("table") || tokens.get(i).isWord("lateral")
                || tokens.get(i).isWord("unnest")) {
            return -1;
        }
        while (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol('.') && isName(tokens.get(i + 2))) {
            i += 2;
        }
        if (i + 1 >= tokens.size() || !tokens.get(i + 1).isSymbol('(')) {
            return -1;
        }
        int depth = 0;
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).isSymbol('(')) {
                depth++;
            } else if (tokens.get(j).isSymbol(')')) {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        return -1;
    }

    private static boolean isName(Token token) {
        return token.kind() == Kind.WORD || token.kind() == Kind.QUOTED;
    }

    /** Wraps the call from {@code start} to {@code end}; returns the index of the last token consumed. */
    private static int wrapFunction(List<Token> tokens, int start, int end, List<Edit> edits) {
        int nameIndex = start;
        while (nameIndex + 2 <= end && tokens.get(nameIndex + 1).isSymbol('.')) {
            nameIndex += 2;
        }
        String name = tokens.get(nameIndex).lower();
        int next = end + 1;
        boolean explicitAs = next < tokens.size() && tokens.get(next).isWord("as");
        int aliasIndex = explicitAs ? next + 1 : next;
        String alias = null;
        boolean columnList = false;
        if (aliasIndex < tokens.size() && isName(tokens.get(aliasIndex))
                && !isClauseWord(tokens.get(aliasIndex))) {
            alias = tokens.get(aliasIndex).text();
            columnList = aliasIndex + 1 < tokens.size() && tokens.get(aliasIndex + 1).isSymbol('(');
        } else {
            aliasIndex = -1;
        }
        Token first = tokens.get(start);
        Token last = tokens.get(end);
        if (TABLE_FUNCTIONS.contains(name)) {
            edits.add(Edit.insert(first.start(), "TABLE(", 1));
            edits.add(Edit.insert(last.end(), ")", 1));
            if (alias != null && !columnList && SINGLE_COLUMN_TABLE_FUNCTIONS.contains(name)) {
                edits.add(Edit.insert(tokens.get(aliasIndex).end(), "(" + alias + ")", 1));
            }
            return aliasIndex < 0 ? end : aliasIndex;
        }
        String column = alias != null && !columnList ? alias : quoteIfNeeded(name);
        edits.add(Edit.insert(first.start(), "(SELECT ", 1));
        edits.add(Edit.insert(last.end(), " AS " + column + ")", 1));
        if (alias == null) {
            edits.add(Edit.insert(last.end(), " AS " + quoteIfNeeded(name), 2));
        }
        return aliasIndex < 0 ? end : aliasIndex;
    }

    private static boolean isClauseWord(Token token) {
        String word = token.lower();
        return token.kind() == Kind.WORD && (FROM_LIST_ENDS.contains(word) || TABLE_REFERENCE_STARTS.contains(word)
                || Set.of("inner", "left", "right", "full", "cross", "natural", "join").contains(word));
    }

    private static String quoteIfNeeded(String name) {
        return name.startsWith("\"") ? name : "\"" + name + "\"";
    }

    private static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                i = newline < 0 ? length : newline + 1;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '\'') {
                int end = skipString(sql, i, false);
                tokens.add(new Token(Kind.STRING, i, end, sql.substring(i, end)));
                i = end;
            } else if ((c == 'e' || c == 'E') && i + 1 < length && sql.charAt(i + 1) == '\'') {
                int end = skipString(sql, i + 1, true);
                tokens.add(new Token(Kind.STRING, i, end, sql.substring(i, end)));
                i = end;
            } else if (c == '"') {
                int end = i + 1;
                while (end < length && !(sql.charAt(end) == '"'
                        && (end + 1 >= length || sql.charAt(end + 1) != '"'))) {
                    end += sql.charAt(end) == '"' ? 2 : 1;
                }
                end = Math.min(end + 1, length);
                tokens.add(new Token(Kind.QUOTED, i, end, sql.substring(i, end)));
                i = end;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                int end = close < 0 ? length : close + tag.length();
                tokens.add(new Token(Kind.STRING, i, end, sql.substring(i, end)));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, i, end, sql.substring(i, end)));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, i, end, sql.substring(i, end)));
                i = end;
            } else {
                tokens.add(new Token(Kind.SYMBOL, i, i + 1, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The end of a quoted string starting at the quote {@code start}; backslashes escape in E'' strings. */
    private static int skipString(String sql, int start, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The end of a dollar-quote tag ({@code $$}, {@code $tag$}) starting at {@code start}, or -1. */
    private static int dollarTagEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            if (i == start + 1 && Character.isDigit(sql.charAt(i))) {
                return -1;
            }
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
    }
}
