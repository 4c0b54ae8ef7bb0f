package dev.freshet.shell;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A server in the test's JVM holding a table of page clicks and a view counting them per page
 * ({@code page_counts}), for tests that watch the view through the shell while the test clicks.
 */
final class PageClicksServer implements AutoCloseable {
    private final EmbeddedServer server;
    private final Connection connection;
    private final Statement statement;

    private PageClicksServer(EmbeddedServer server, Connection connection) throws SQLException {
        this.server = server;
        this.connection = connection;
        this.statement = connection.createStatement();
    }

    /** Starts the server on a data directory and clicks 'home' once. */
    static PageClicksServer start(Path directory) throws SQLException {
        EmbeddedServer server = EmbeddedServer.start(directory);
        PageClicksServer clicks = new PageClicksServer(server, DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/freshet?user=freshet"));
        clicks.statement.execute("CREATE TABLE clicks (page TEXT)");
        clicks.statement.execute("CREATE MATERIALIZED VIEW page_counts AS SELECT page, COUNT(*) AS n FROM clicks "
                + "GROUP BY page");
        clicks.click("home");
        return clicks;
    }

    int port() {
        return server.port();
    }

    /** Inserts a click of each page, in one statement. */
    void click(String... pages) throws SQLException {
        statement.execute("INSERT INTO clicks VALUES ('" + String.join("'), ('", pages) + "')");
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            server.close();
        }
    }
}
