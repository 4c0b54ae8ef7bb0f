package dev.freshet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code WATERMARK FOR ... WITH (idle_timeout = ...)} on a real server: the watermark of a table
 * that receives no rows advances with wall-clock time, so its windows close.
 *
 * <p>Each test inserts one row at 00:00:09 into a table whose watermark is one second behind its
 * rows: the watermark is then 00:00:08, two seconds before the first window ends at 00:00:10.
 */
class IdleWatermarkServerTest {
    private static final String WINDOW_VIEW = "CREATE MATERIALIZED VIEW m AS SELECT window_start, window_end, "
            + "COUNT(*) AS n FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
            + "GROUP BY window_start, window_end EMIT ON WINDOW CLOSE";
    private static final List<String> FIRST_WINDOW = List.of("2024-01-01 00:00:00", "2024-01-01 00:00:10", "1");
    private static final long POLL_MILLIS = 30_000;

    @TempDir
    Path dataDirectory;

    private FreshetServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldCloseWindowOfQuietTableAfterIdleTimeout() throws Exception {
        start();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            createTableAndView(statement, "1 s");
            statement.executeUpdate("INSERT INTO t VALUES (1, TIMESTAMP '2024-01-01 00:00:09')");

            assertThat(pollWindows(statement)).containsExactly(FIRST_WINDOW);
        }
    }

    @Test
    void shouldTreatRowBehindAdvancedWatermarkAsLate() throws Exception {
        start();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            createTableAndView(statement, "1 s");
            statement.executeUpdate("INSERT INTO t VALUES (1, TIMESTAMP '2024-01-01 00:00:09')");
            pollWindows(statement);

            // Not behind the watermark its rows gave (00:00:08), but behind the advanced one.
            assertThat(statement.executeUpdate("INSERT INTO t VALUES (2, TIMESTAMP '2024-01-01 00:00:09.5')"))
                    .isZero();
            assertThat(windows(statement)).containsExactly(FIRST_WINDOW);
        }
    }

    @Test
    void shouldKeepWatermarkOfQuietTableWhenIdleTimeoutIsZero() throws Exception {
        start();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            createTableAndView(statement, "0");
            statement.executeUpdate("INSERT INTO t VALUES (1, TIMESTAMP '2024-01-01 00:00:09')");
            Thread.sleep(3_000);

            assertThat(windows(statement)).isEmpty();
            assertThat(statement.executeUpdate("INSERT INTO t VALUES (2, TIMESTAMP '2024-01-01 00:00:08.5')"))
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldCountIdleTimeFromRestartNotFromLastRowBeforeIt() throws Exception {
        start();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            createTableAndView(statement, "2 s");
            statement.executeUpdate("INSERT INTO t VALUES (1, TIMESTAMP '2024-01-01 00:00:09')");
        }
        server.close();
        Thread.sleep(3_000);
        start();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            // Counted from the last row, the table would have been idle for over 2 s at once.
            Thread.sleep(1_500);
            assertThat(windows(statement)).isEmpty();

            assertThat(pollWindows(statement)).containsExactly(FIRST_WINDOW);
        }
    }

    private void start() {
        server = FreshetServer.start(ServerConfig.fromArguments(List.of(
                "--port", "0", "--metrics-port", "-1", "--data-dir", dataDirectory.toString())));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/freshet", "freshet", "");
    }

    private static void createTableAndView(Statement statement, String idleTimeout) throws SQLException {
        statement.execute("CREATE TABLE t (id INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND "
                + "WITH (idle_timeout = '" + idleTimeout + "'))");
        statement.execute(WINDOW_VIEW);
    }

    /** The closed windows, once there is one; fails when none closes within {@link #POLL_MILLIS}. */
    private static List<List<String>> pollWindows(Statement statement) throws Exception {
        long deadline = System.nanoTime() + POLL_MILLIS * 1_000_000;
        List<List<String>> windows = windows(statement);
        while (windows.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            windows = windows(statement);
        }
        assertThat(windows).as("windows closed within %d ms", POLL_MILLIS).isNotEmpty();
        return windows;
    }

    private static List<List<String>> windows(Statement statement) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT window_start, window_end, n FROM m ORDER BY 1")) {
            while (result.next()) {
                rows.add(List.of(result.getString(1), result.getString(2), result.getString(3)));
            }
        }
        return rows;
    }
}
