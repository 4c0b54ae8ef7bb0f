package dev.freshet.tests.sql;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

/**
 * One record that did not behave as its file says.
 *
 * @param file the file, relative to the {@code slt} folder
 * @param line the record's first line
 * @param sql the SQL it ran (empty for directives)
 * @param problem what went wrong, including expected and actual output
 */
record SltFailure(String file, int line, String sql, String problem) {
    SltFailure {
        requireNonNull(file, "file is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(problem, "problem is null");
    }

    /** The failure as a block of text: place, SQL, then the problem. */
    String describe() {
        StringBuilder text = new StringBuilder(format("%s:%d: ", file, line));
        if (!sql.isEmpty()) {
            text.append('\n').append(indent(sql)).append('\n');
        }
        text.append(problem);
        return text.toString();
    }

    static String indent(String block) {
        return block.isEmpty() ? "    (nothing)" : "    " + block.replace("\n", "\n    ");
    }
}
