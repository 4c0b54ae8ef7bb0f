package dev.freshet.planner.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.validate.SqlValidatorException;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * Translates Calcite's validation errors into Freshet's: PostgreSQL's SQLSTATE and wording
 * ({@code relation "x" does not exist}), the position in the statement, and a hint.
 *
 * <p>Calcite reports every validation failure as a {@link SqlValidatorException} whose only
 * structure is its message, rendered from the templates of {@code CalciteResource}. This class is
 * the one place that knows those templates; each rule below names the resource it matches. An
 * unknown message keeps Calcite's text under the general {@code 42000}-class code it fits best.
 */
public final class ValidationErrors {
    private static final List<Rule> RULES = List.of(
            // tableNameNotFound, objectNotFound, objectNotFoundWithin (and the "did you mean" forms)
            new Rule("(?:Table|Object) '([^']*)' not found(?: within '([^']*)')?(?:; did you mean '([^']*)'\\?)?",
                    ErrorCode.UNDEFINED_TABLE, "relation \"%s\" does not exist",
                    "Check the name with SHOW TABLES, SHOW MATERIALIZED VIEWS or SHOW VIEWS."),
            // columnNotFound, columnNotFoundInTable, unknownIdentifier
            new Rule("Column '([^']*)' not found in (?:any table|table '[^']*')(?:; did you mean '([^']*)'\\?)?",
                    ErrorCode.UNDEFINED_COLUMN, "column \"%s\" does not exist",
                    "Check the column names with DESCRIBE."),
            new Rule("Unknown identifier '([^']*)'", ErrorCode.UNDEFINED_COLUMN, "column \"%s\" does not exist",
                    "Check the column names with DESCRIBE."),
            // unknownTargetColumn
            new Rule("Unknown target column '([^']*)'", ErrorCode.UNDEFINED_COLUMN, "column \"%s\" does not exist",
                    "Check the column names with DESCRIBE."),
            // illegalLiteral for DATE, TIME, TIMESTAMP
            new Rule("Illegal (?:DATE|TIME|TIMESTAMP)[A-Z ]* literal '([^']*)'.*", ErrorCode.DATETIME_FIELD_OVERFLOW,
                    "date/time field value out of range: \"%s\"",
                    "Write dates as 'YYYY-MM-DD' and times as 'HH:MM:SS[.fff]', with valid days and months."),
            // columnAmbiguous
            new Rule("Column '([^']*)' is ambiguous", ErrorCode.AMBIGUOUS_COLUMN, "column reference \"%s\" is ambiguous",
                    "Qualify the column with its table name or alias."),
            // validatorUnknownFunction, functionUndefined
            new Rule("No match found for function signature (.*)", ErrorCode.UNDEFINED_FUNCTION,
                    "function %s does not exist",
                    "No function matches the given name and argument types. You might need to add explicit type casts."),
            new Rule("Function '([^']*)' is not defined", ErrorCode.UNDEFINED_FUNCTION, "function %s does not exist",
                    null),
            // canNotApplyOp2Type
            new Rule("Cannot apply '([^']*)' to arguments of type (.*?)\\. Supported form\\(s\\).*",
                    ErrorCode.UNDEFINED_FUNCTION, "operator does not exist: %s for %s",
                    "No operator matches the given name and argument types. You might need to add explicit type casts."),
            // unknownDatatypeName, typeNotFound
            new Rule("(?:Unknown datatype name|Type) '([^']*)'(?: not found)?", ErrorCode.UNDEFINED_OBJECT,
                    "type \"%s\" does not exist", null),
            // columnNotNullable
            new Rule("Column '([^']*)' has no default value and does not allow NULLs", ErrorCode.NOT_NULL_VIOLATION,
                    "null value in column \"%s\" violates not-null constraint",
                    "Give the column a value in the INSERT."),
            // notGroupExpr
            new Rule("Expression '([^']*)' is not being grouped", ErrorCode.GROUPING_ERROR,
                    "column \"%s\" must appear in the GROUP BY clause or be used in an aggregate function", null));

    private ValidationErrors() {
    }

    /** The Freshet error for a Calcite validation failure on the statement {@code sql}. */
    public static FreshetException translate(CalciteContextException exception, String sql) {
        Throwable cause = exception.getCause();
        // The context exception's own message repeats the position ("From line 1, column 8 ...").
        String message = cause != null && cause.getMessage() != null ? cause.getMessage() : exception.getMessage();
        FreshetException translated = translateMessage(message, exception);
        int position = positionOf(sql, exception.getPosLine(), exception.getPosColumn());
        return position > 0 ? translated.withPosition(position) : translated;
    }

    /** The Freshet error for a validator message without position. */
    public static FreshetException translateMessage(String message, Throwable cause) {
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern.matcher(message);
            if (matcher.matches()) {
                Object[] groups = new Object[matcher.groupCount()];
                for (int i = 0; i < groups.length; i++) {
                    groups[i] = matcher.group(i + 1);
                }
                FreshetException error = new FreshetException(rule.code,
                        String.format(rule.messageFormat, groups), cause);
                return rule.hint == null ? error : error.withHint(rule.hint);
            }
        }
        ErrorCode code = message.contains("ncompatible") || message.contains("Cannot assign")
                ? ErrorCode.DATATYPE_MISMATCH : ErrorCode.INVALID_STATEMENT;
        return new FreshetException(code, message, cause);
    }

    /** The 1-based character offset of a 1-based line and column in {@code sql}, or 0. */
    public static int positionOf(String sql, int line, int column) {
        if (sql == null || line <= 0 || column <= 0) {
            return 0;
        }
        int offset = 0;
        for (int currentLine = 1; currentLine < line; currentLine++) {
            int newline = sql.indexOf('\n', offset);
            if (newline < 0) {
                return 0;
            }
            offset = newline + 1;
        }
        return Math.min(offset + column, sql.length());
    }

    private record Rule(Pattern pattern, ErrorCode code, String messageFormat, String hint) {
        Rule(String regex, ErrorCode code, String messageFormat, String hint) {
            this(Pattern.compile(regex, Pattern.DOTALL), code, messageFormat, hint);
        }
    }
}
