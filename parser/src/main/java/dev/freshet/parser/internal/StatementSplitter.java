package dev.freshet.parser.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.parser.StatementText;

/**
 * Splits a script at top-level semicolons with PostgreSQL's lexical rules, so a semicolon inside
 * {@code '...'} (with {@code ''} escapes), {@code E'...'} (with backslash escapes), {@code "..."},
 * {@code $tag$...$tag$}, {@code -- ...} or nested {@code /* ... *}{@code /} does not end a statement.
 *
 * <p>Each piece is trimmed of leading and trailing blanks and comments; pieces with nothing else are dropped.
 * An unterminated quote or comment is a syntax error pointing at where it starts.
 */
public final class StatementSplitter {
    private final String sql;
    private final List<StatementText> statements = new ArrayList<>();
    private int position;
    /** Offset of the first significant character of the current statement, or -1 while there is none. */
    private int start = -1;
    /** Offset just past the last significant character of the current statement. */
    private int end;

    private StatementSplitter(String sql) {
        this.sql = sql;
    }

    /** The statements of {@code sql}, in order; empty when it holds only blanks, comments and semicolons. */
    public static List<StatementText> split(String sql) {
        requireNonNull(sql, "sql is null");
        StatementSplitter splitter = new StatementSplitter(sql);
        splitter.run();
        return List.copyOf(splitter.statements);
    }

    private void run() {
        int length = sql.length();
        while (position < length) {
            char c = sql.charAt(position);
            if (c == ';') {
                finishStatement();
                position++;
            } else if (Character.isWhitespace(c)) {
                position++;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                int tokenStart = position;
                scanToken();
                markSignificant(tokenStart, position);
            }
        }
        finishStatement();
    }

    private void scanToken() {
        char c = sql.charAt(position);
        if (c == '\'') {
            boolean escapes = position > 0 && (sql.charAt(position - 1) == 'E' || sql.charAt(position - 1) == 'e')
                    && !isIdentifierPart(position - 2);
            scanString(escapes);
        } else if (c == '"') {
            scanQuotedIdentifier();
        } else if (c == '$' && !isIdentifierPart(position - 1)) {
            int tagEnd = dollarTagEnd(position);
            if (tagEnd < 0) {
                position++;
            } else {
                scanDollarString(sql.substring(position, tagEnd));
            }
        } else {
            position++;
        }
    }

    private void scanString(boolean backslashEscapes) {
        int opening = position;
        position++;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (backslashEscapes && c == '\\') {
                position += 2;
            } else if (c == '\'') {
                if (peek(1) == '\'') {
                    position += 2;
                } else {
                    position++;
                    return;
                }
            } else {
                position++;
            }
        }
        throw unterminated("unterminated quoted string", opening);
    }

    private void scanQuotedIdentifier() {
        int opening = position;
        position++;
        while (position < sql.length()) {
            if (sql.charAt(position) == '"') {
                if (peek(1) == '"') {
                    position += 2;
                } else {
                    position++;
                    return;
                }
            } else {
                position++;
            }
        }
        throw unterminated("unterminated quoted identifier", opening);
    }

    private void scanDollarString(String tag) {
        int opening = position;
        int close = sql.indexOf(tag, position + tag.length());
        if (close < 0) {
            throw unterminated("unterminated dollar-quoted string", opening);
        }
        position = close + tag.length();
    }

    private void skipLineComment() {
        int newline = sql.indexOf('\n', position);
        position = newline < 0 ? sql.length() : newline + 1;
    }

    private void skipBlockComment() {
        int opening = position;
        int depth = 0;
        while (position < sql.length()) {
            if (sql.startsWith("/*", position)) {
                depth++;
                position += 2;
            } else if (sql.startsWith("*/", position)) {
                depth--;
                position += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                position++;
            }
        }
        throw unterminated("unterminated /* comment", opening);
    }

    /** The offset just past the closing '$' of a dollar-quote tag starting at {@code at}, or -1 if none. */
    private int dollarTagEnd(int at) {
        int i = at + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '$') {
                return i + 1;
            }
            boolean tagChar = Character.isLetter(c) || c == '_' || c >= 0x80 || (i > at + 1 && Character.isDigit(c));
            if (!tagChar) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private boolean isIdentifierPart(int at) {
        if (at < 0 || at >= sql.length()) {
            return false;
        }
        char c = sql.charAt(at);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private char peek(int ahead) {
        int at = position + ahead;
        return at < sql.length() ? sql.charAt(at) : '\0';
    }

    private void markSignificant(int from, int to) {
        if (start < 0) {
            start = from;
        }
        end = to;
    }

    private void finishStatement() {
        if (start >= 0) {
            statements.add(new StatementText(sql.substring(start, end), start));
        }
        start = -1;
    }

    private FreshetException unterminated(String what, int opening) {
        int snippetEnd = Math.min(sql.length(), opening + 20);
        String near = sql.substring(opening, snippetEnd);
        return new FreshetException(ErrorCode.SYNTAX_ERROR, what + " at or near \"" + near + "\"")
                .withPosition(opening + 1);
    }
}
