package dev.freshet.tests.sql;

import java.util.List;
import java.util.StringJoiner;

/**
 * How a result value is written in an expected block.
 *
 * <p>A value is what pgjdbc's {@code ResultSet.getString} returns, which for the text protocol is
 * PostgreSQL's own text output ({@code t}/{@code f} for booleans, {@code 1.50} for a
 * {@code numeric(5,2)}, {@code 2024-01-02 03:04:05} for a timestamp, {@code \x0102} for bytea).
 * Two values need a spelling of their own because a line could not show them: SQL NULL is
 * {@code NULL} and the empty string is {@code (empty)}. A line break inside a value is written
 * {@code \n} so that one row stays one line.
 */
final class ValueRendering {
    static final String NULL = "NULL";
    static final String EMPTY = "(empty)";

    private ValueRendering() {
    }

    static String render(String value) {
        if (value == null) {
            return NULL;
        }
        if (value.isEmpty()) {
            return EMPTY;
        }
        return value.replace("\r\n", "\\n").replace("\n", "\\n");
    }

    static String renderRow(List<String> values) {
        StringJoiner row = new StringJoiner(" ");
        for (String value : values) {
            row.add(render(value));
        }
        return row.toString();
    }
}
