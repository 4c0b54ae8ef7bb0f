package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One INSERT, UPDATE or DELETE with {@code ?} parameters (or a SELECT a check runs), valid with
 * the same meaning in PostgreSQL's dialect and DuckDB's.
 *
 * <p>Parameters rather than literals because the statement texts then repeat, and a server that
 * caches the plans of prepared statements plans each shape once: with literals, planning every
 * statement anew would cost most of the test's time budget. {@link #render()} gives the literal
 * form for transcripts and failure messages.
 *
 * @param sql the statement, with one {@code ?} per parameter
 * @param parameters the values, in order
 */
record DmlStatement(String sql, List<Parameter> parameters) {
    DmlStatement {
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
        long placeholders = sql.chars().filter(character -> character == '?').count();
        if (placeholders != parameters.size()) {
            throw new IllegalArgumentException(sql + " has " + placeholders + " placeholders for "
                    + parameters.size() + " parameters");
        }
    }

    static DmlStatement of(String sql, Parameter... parameters) {
        return new DmlStatement(sql, List.of(parameters));
    }

    /** Sets the parameters of a statement prepared from {@link #sql()}. */
    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            if (parameter.value() == null) {
                statement.setNull(i + 1, parameter.sqlType());
            }
            else {
                statement.setObject(i + 1, parameter.value(), parameter.sqlType());
            }
        }
    }

    /** The statement with its parameters written as SQL literals. */
    String render() {
        StringBuilder text = new StringBuilder();
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char character = sql.charAt(i);
            if (character == '?') {
                text.append(parameters.get(next++).literal());
            }
            else {
                text.append(character);
            }
        }
        return text.toString();
    }

    /**
     * A typed parameter value; {@code value} is null for SQL NULL, which still needs its type
     * ({@code setNull} sends it, so that the server can type the placeholder).
     *
     * @param sqlType a {@link Types} constant: INTEGER, BIGINT, NUMERIC, VARCHAR, BOOLEAN or TIMESTAMP
     * @param value an Integer, Long, BigDecimal, String, Boolean or LocalDateTime matching the type, or null
     */
    record Parameter(int sqlType, Object value) {
        /** A timestamp literal's text, to the millisecond: both engines read it back exactly. */
        private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

        static Parameter integer(Integer value) {
            return new Parameter(Types.INTEGER, value);
        }

        static Parameter bigint(Long value) {
            return new Parameter(Types.BIGINT, value);
        }

        static Parameter decimal(BigDecimal value) {
            return new Parameter(Types.NUMERIC, value);
        }

        static Parameter varchar(String value) {
            return new Parameter(Types.VARCHAR, value);
        }

        static Parameter bool(Boolean value) {
            return new Parameter(Types.BOOLEAN, value);
        }

        /** A TIMESTAMP (without time zone); pgjdbc and DuckDB both bind a LocalDateTime as its wall-clock value. */
        static Parameter timestamp(LocalDateTime value) {
            return new Parameter(Types.TIMESTAMP, value);
        }

        String literal() {
            if (value == null) {
                return "NULL";
            }
            if (value instanceof String text) {
                return "'" + text.replace("'", "''") + "'";
            }
            if (value instanceof BigDecimal number) {
                return number.toPlainString();
            }
            if (value instanceof Boolean truth) {
                return truth ? "TRUE" : "FALSE";
            }
            if (value instanceof LocalDateTime time) {
                return "TIMESTAMP '" + TIMESTAMP_TEXT.format(time) + "'";
            }
            return value.toString();
        }
    }
}
