package dev.freshet.shell;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion of SQL keywords, backslash commands, and the names of the objects and columns
 * there are: read from the catalog when the shell starts and again after each statement that may
 * have changed it (CREATE, DROP, ALTER).
 */
final class CatalogCompleter implements Completer {
    private static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY",
            "HAVING", "JOIN", "LEFT JOIN", "ON", "AS", "INSERT INTO", "VALUES", "UPDATE", "SET", "DELETE FROM",
            "CREATE TABLE", "CREATE SOURCE", "CREATE MATERIALIZED VIEW", "CREATE VIEW", "CREATE SINK", "DROP",
            "SHOW", "DESCRIBE", "EXPLAIN", "FLUSH", "BEGIN", "COMMIT", "ROLLBACK", "WITH", "WATERMARK FOR",
            "EMIT ON WINDOW CLOSE", "TUMBLE", "HOP", "SESSION", "CUMULATE", "DESCRIPTOR", "INTERVAL", "COUNT",
            "SUM", "AVG", "MIN", "MAX", "DISTINCT", "LIMIT", "AND", "OR", "NOT", "NULL", "CASCADE", "TABLES",
            "SOURCES", "SINKS", "VIEWS", "MATERIALIZED VIEWS");
    private static final List<String> COMMANDS = List.of("\\q", "\\?", "\\i", "\\timing", "\\x", "\\d", "\\dt",
            "\\dv", "\\dm", "\\ds", "\\dk");
    private static final String[] NAME_LISTS = {"SHOW TABLES", "SHOW VIEWS", "SHOW MATERIALIZED VIEWS",
        "SHOW SOURCES", "SHOW SINKS"};

    private final Connection connection;
    private volatile List<Candidate> candidates = List.of();

    CatalogCompleter(Connection connection) {
        this.connection = connection;
        refresh();
    }

    /** Reads the object and column names again. */
    void refresh() {
        List<Candidate> all = new ArrayList<>();
        KEYWORDS.forEach(word -> all.add(new Candidate(word, word, "keyword", null, null, null, true)));
        COMMANDS.forEach(word -> all.add(new Candidate(word, word, "command", null, null, null, true)));
        try (Statement statement = connection.createStatement()) {
            for (String list : NAME_LISTS) {
                try (ResultSet rows = statement.executeQuery(list)) {
                    while (rows.next()) {
                        all.add(new Candidate(rows.getString(1), rows.getString(1), "object", null, null, null, true));
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT DISTINCT column_name FROM information_schema.columns "
                    + "WHERE table_schema = 'public'")) {
                while (rows.next()) {
                    all.add(new Candidate(rows.getString(1), rows.getString(1), "column", null, null, null, true));
                }
            }
        } catch (SQLException e) {
            // Names are a convenience: keywords and commands still complete.
        }
        candidates = List.copyOf(all);
    }

    /** Refreshes the names after a statement that may have created or dropped objects. */
    void afterStatement(String sql) {
        String start = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
        if (start.startsWith("CREATE") || start.startsWith("DROP") || start.startsWith("ALTER")) {
            refresh();
        }
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> into) {
        into.addAll(candidates);
    }
}
