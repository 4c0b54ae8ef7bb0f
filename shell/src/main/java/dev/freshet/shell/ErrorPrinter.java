package dev.freshet.shell;

import java.io.PrintWriter;
import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Prints a server error as psql does: the severity and message, the line of the statement with a
 * caret under the position the server names, and the detail and hint; the SQLSTATE too, so a
 * person can look it up.
 */
final class ErrorPrinter {
    private final PrintWriter err;

    ErrorPrinter(PrintWriter err) {
        this.err = err;
    }

    void print(SQLException e, String statement) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server == null) {
            err.println("ERROR:  " + e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState()
                    + ")"));
            err.flush();
            return;
        }
        String severity = server.getSeverity() == null ? "ERROR" : server.getSeverity();
        err.println(severity + ":  " + server.getMessage() + " (SQLSTATE " + server.getSQLState() + ")");
        if (server.getPosition() > 0 && statement != null) {
            printCaret(statement, server.getPosition());
        }
        if (server.getDetail() != null) {
            err.println("DETAIL:  " + server.getDetail());
        }
        if (server.getHint() != null) {
            err.println("HINT:  " + server.getHint());
        }
        err.flush();
    }

    /** {@code LINE n: text} and a caret under the 1-based character {@code position}. */
    private void printCaret(String statement, int position) {
        int offset = Math.min(position - 1, statement.length());
        int lineStart = statement.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        int lineEnd = statement.indexOf('\n', offset);
        String line = statement.substring(lineStart, lineEnd < 0 ? statement.length() : lineEnd);
        int lineNumber = (int) statement.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        String prefix = "LINE " + lineNumber + ": ";
        err.println(prefix + line);
        err.println(" ".repeat(prefix.length() + offset - lineStart) + "^");
    }
}
