package dev.freshet.parser;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.parser.impl.FreshetSqlParserImpl;
import dev.freshet.parser.impl.ParseException;
import dev.freshet.parser.impl.Token;
import dev.freshet.parser.internal.StatementSplitter;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Freshet's SQL parser: Calcite's grammar extended with Freshet's DDL and commands and PostgreSQL's lexical
 * rules and expression syntax (see {@code src/main/codegen}). Stateless and thread-safe.
 *
 * <p>Every syntax error is a {@link FreshetException} with {@link ErrorCode#SYNTAX_ERROR}, a message in
 * PostgreSQL's style naming the line and column, and the 1-based character position in the text given.
 */
public final class FreshetSqlParser {
    /** At most this many expected tokens are listed in an error message; more is noise. */
    private static final int MAX_EXPECTED = 8;

    /**
     * The parser configuration every module must use.
     *
     * <p>Conformance is {@link SqlConformanceEnum#LENIENT}: it allows what PostgreSQL allows and Calcite's default
     * forbids ({@code !=}, {@code %}, GROUP BY alias and ordinal, ORDER BY alias, LIMIT/OFFSET in any order)
     * while keeping the validator's type checks strict. BABEL is more liberal still (it turns validation errors
     * into guesses), which would hide user mistakes.
     */
    public static SqlParser.Config config() {
        return SqlParser.config()
                .withParserFactory(FreshetSqlParserImpl.FACTORY)
                .withQuoting(Quoting.DOUBLE_QUOTE)
                .withUnquotedCasing(Casing.TO_LOWER)
                .withQuotedCasing(Casing.UNCHANGED)
                .withCaseSensitive(true)
                .withIdentifierMaxLength(63)
                .withConformance(SqlConformanceEnum.LENIENT);
    }

    /**
     * Parses exactly one statement; a trailing semicolon, blanks and comments are allowed.
     *
     * @throws FreshetException {@link ErrorCode#SYNTAX_ERROR} when the text is not one valid statement
     */
    public SqlNode parseStatement(String sql) {
        requireNonNull(sql, "sql is null");
        List<StatementText> statements = StatementSplitter.split(sql);
        if (statements.isEmpty()) {
            throw new FreshetException(ErrorCode.SYNTAX_ERROR, "syntax error at end of input: no statement")
                    .withPosition(sql.length() + 1);
        }
        if (statements.size() > 1) {
            StatementText second = statements.get(1);
            throw new FreshetException(ErrorCode.SYNTAX_ERROR,
                    "expected exactly one statement, found " + statements.size() + " (second one at "
                            + lineAndColumn(sql, second.offset()) + ")")
                    .withPosition(second.offset() + 1);
        }
        return parse(sql, statements.get(0));
    }

    /** Splits a script into statements and parses each; errors point into the whole script. */
    public List<ParsedStatement> parseScript(String sql) {
        requireNonNull(sql, "sql is null");
        List<ParsedStatement> parsed = new ArrayList<>();
        for (StatementText statement : StatementSplitter.split(sql)) {
            parsed.add(new ParsedStatement(parse(sql, statement), statement.text(), statement.offset()));
        }
        return List.copyOf(parsed);
    }

    /**
     * Splits a script at top-level semicolons, respecting quotes, dollar quotes and comments, without parsing.
     * Statements holding only blanks and comments are dropped.
     *
     * @throws FreshetException {@link ErrorCode#SYNTAX_ERROR} on an unterminated quote or comment
     */
    public List<StatementText> split(String sql) {
        return StatementSplitter.split(sql);
    }

    /**
     * Writes a node back as SQL this parser reads again to an equal node (PostgreSQL quoting: every identifier
     * double-quoted, so case survives). Used for SHOW CREATE and tests.
     */
    public static String unparse(SqlNode node) {
        requireNonNull(node, "node is null");
        return node.toSqlString(c -> c.withDialect(PostgresqlSqlDialect.DEFAULT)
                .withQuoteAllIdentifiers(true)
                .withAlwaysUseParentheses(false)).getSql();
    }

    private static SqlNode parse(String script, StatementText statement) {
        SqlParser parser = SqlParser.create(statement.text(), config());
        try {
            return parser.parseStmt();
        } catch (SqlParseException e) {
            throw translate(script, statement, e);
        } catch (FreshetException e) {
            // Raised by a grammar action (e.g. two primary keys); it has no position of its own.
            throw e.withPosition(statement.offset() + 1);
        }
    }

    private static FreshetException translate(String script, StatementText statement, SqlParseException e) {
        FreshetException raisedByGrammar = findCause(e, FreshetException.class);
        if (raisedByGrammar != null) {
            return raisedByGrammar.withPosition(statement.offset() + 1);
        }
        String text = statement.text();
        int offsetInStatement = 0;
        SqlParserPos pos = e.getPos();
        if (pos != null && pos.getLineNum() > 0) {
            offsetInStatement = offsetOf(text, pos.getLineNum(), pos.getColumnNum());
        }
        String near = null;
        boolean atEnd = false;
        ParseException parseException = findCause(e, ParseException.class);
        if (parseException != null && parseException.currentToken != null) {
            Token offending = parseException.currentToken.next;
            if (offending != null) {
                if (offending.kind == 0) {
                    atEnd = true;
                    offsetInStatement = text.length();
                } else {
                    near = offending.image;
                    offsetInStatement = offsetOf(text, offending.beginLine, offending.beginColumn);
                }
            }
        }
        int offset = statement.offset() + offsetInStatement;
        StringBuilder message = new StringBuilder();
        if (atEnd) {
            message.append("syntax error at end of input");
        } else if (near != null) {
            message.append("syntax error at or near \"").append(near).append('"');
        } else {
            message.append("syntax error: ").append(firstLine(e.getMessage()));
        }
        message.append(" (").append(lineAndColumn(script, offset)).append(')');
        String expected = expectedList(e.getExpectedTokenNames());
        if (!expected.isEmpty()) {
            message.append(", expected one of: ").append(expected);
        }
        return new FreshetException(ErrorCode.SYNTAX_ERROR, message.toString(), e).withPosition(offset + 1);
    }

    private static String expectedList(@Nullable Collection<String> tokenNames) {
        if (tokenNames == null || tokenNames.isEmpty()) {
            return "";
        }
        Set<String> names = new TreeSet<>();
        for (String name : tokenNames) {
            // Calcite reports keywords quoted ("SELECT") and token classes bare (<IDENTIFIER>).
            String readable = name.replace("\"", "").replace("<", "").replace(">", "").toLowerCase(Locale.ROOT)
                    .replace("_", " ");
            // Calcite's lexer has an identifier token per dialect's quoting; users know one word for them all.
            names.add(readable.endsWith("identifier") ? "identifier" : readable);
        }
        if (names.size() > MAX_EXPECTED) {
            return "";
        }
        return String.join(", ", names);
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "invalid input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The 0-based offset of a 1-based line and column, counting lines as JavaCC does (\n, \r, \r\n). */
    static int offsetOf(String text, int line, int column) {
        int currentLine = 1;
        int i = 0;
        while (currentLine < line && i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                currentLine++;
            }
            i++;
        }
        return Math.min(text.length(), i + Math.max(0, column - 1));
    }

    /** "line L, column C" (both 1-based) of a 0-based offset. */
    static String lineAndColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (offset - lineStart + 1);
    }

    private static <T extends Throwable> @Nullable T findCause(Throwable error, Class<T> type) {
        Throwable current = error;
        while (current != null) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return null;
    }
}
