package dev.freshet.tests.clients;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.freshet.tests.process.DataDirectories;
import dev.freshet.tests.process.ServerLaunch;
import dev.freshet.tests.process.ServerProcess;

/**
 * A real Freshet server in a child process, with the objects a client browses: a table with a
 * two-column primary key, a table without one, a view, a materialized view with a GROUP BY and a
 * NEXMark source; and the ways tools reach it (pgjdbc connections, psql runs).
 */
final class FreshetClients implements AutoCloseable {
    /** The psql the tests drive where it is installed. */
    static final Path PSQL = Path.of("/usr/bin/psql");

    static final List<String> SETUP = List.of(
            "CREATE TABLE users (region VARCHAR NOT NULL, id INT NOT NULL, name VARCHAR(40) NOT NULL,"
                    + " score DECIMAL(10, 2), PRIMARY KEY (region, id))",
            "CREATE TABLE clicks (user_id INT, url TEXT, clicked_at TIMESTAMP)",
            "CREATE VIEW emea_users AS SELECT id, name FROM users WHERE region = 'emea'",
            "CREATE MATERIALIZED VIEW clicks_per_user AS SELECT user_id, COUNT(*) AS clicks FROM clicks"
                    + " GROUP BY user_id",
            "CREATE SOURCE bid WITH (connector = 'nexmark', \"nexmark.table\" = 'bid', \"nexmark.events\" = 1000,"
                    + " \"nexmark.rate\" = 0)",
            "INSERT INTO users VALUES ('emea', 1, 'ada', 10.5), ('apac', 2, 'lin', NULL)",
            "INSERT INTO clicks VALUES (1, '/a', TIMESTAMP '2026-01-01 10:00:00'),"
                    + " (1, '/b', TIMESTAMP '2026-01-01 10:00:01'), (2, '/a', TIMESTAMP '2026-01-01 10:00:02')");

    private final Path dataDir;
    private final ServerProcess server;
    private final List<Connection> sessions = new ArrayList<>();

    private FreshetClients(Path dataDir, ServerProcess server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    static FreshetClients start() throws IOException, SQLException {
        Path dataDir = Files.createTempDirectory("freshet-clients");
        Path logs = Path.of("target", "client-logs").toAbsolutePath();
        Files.createDirectories(logs);
        ServerProcess server = new ServerProcess(ServerLaunch.freshet(List.of("-Xmx1g"), dataDir,
                logs.resolve("clients.log"), Duration.ofSeconds(90)));
        server.start();
        FreshetClients clients = new FreshetClients(dataDir, server);
        try (Connection connection = clients.connect(); Statement statement = connection.createStatement()) {
            for (String sql : SETUP) {
                statement.execute(sql);
            }
        } catch (SQLException | RuntimeException e) {
            // The test class never gets the handle to close: stop the child process here.
            clients.server.close();
            DataDirectories.deleteRecursively(dataDir);
            throw e;
        }
        return clients;
    }

    String jdbcUrl() {
        return server.jdbcUrl();
    }

    int port() {
        String url = server.jdbcUrl();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/')));
    }

    /** A new pgjdbc session, as a tool opens it. */
    Connection connect() throws SQLException {
        return connect(new Properties());
    }

    Connection connect(Properties extra) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        properties.setProperty("socketTimeout", "120");
        properties.putAll(extra);
        Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties);
        sessions.add(connection);
        return connection;
    }

    /** Every row of a result, each a map from column label to its value as getString gives it. */
    static List<Map<String, String>> rows(ResultSet result) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        ResultSetMetaData metaData = result.getMetaData();
        while (result.next()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                row.put(metaData.getColumnLabel(i), result.getString(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Runs a statement as a tool prepares it (extended protocol), with its parameters. */
    static List<Map<String, String>> query(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return rows(result);
            }
        }
    }

    /**
     * A pgjdbc session that sends every statement through the simple query protocol, as psql and
     * Grafana's Go driver send theirs.
     */
    Connection connectSimple() throws SQLException {
        Properties simple = new Properties();
        simple.setProperty("preferQueryMode", "simple");
        return connect(simple);
    }

    /** Runs a statement without parameters (simple query protocol on a {@link #connectSimple} session). */
    static List<Map<String, String>> simpleQuery(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return rows(result);
        }
    }

    /** What psql prints; its exit code is checked by the caller. */
    record PsqlRun(int exitCode, String output) {
    }

    PsqlRun psql(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PSQL.toString(), "-X", "-h", "127.0.0.1", "-p",
                Integer.toString(port()), "-U", "freshet", "-d", "freshet", "-v", "ON_ERROR_STOP=1"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        builder.environment().put("PAGER", "");
        builder.environment().put("COLUMNS", "200");
        builder.environment().remove("PGPASSWORD");
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("psql did not finish within 60 s: " + command);
        }
        return new PsqlRun(process.exitValue(), new String(process.getInputStream().readAllBytes(), UTF_8));
    }

    String serverErrors() {
        return server.errorSummary();
    }

    /** Closes the sessions opened here, checks that the server logged no error, and stops it. */
    @Override
    public void close() throws SQLException {
        try {
            for (Connection session : sessions) {
                session.close();
            }
            assertThat(serverErrors()).as("the server logged no error").isEmpty();
        } finally {
            server.close();
            DataDirectories.deleteRecursively(dataDir);
        }
    }
}
