package dev.freshet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code freshet_catalog} tables and the late-rows metric, over pgjdbc and HTTP against a
 * whole server: a table with a watermark and a windowed view over it.
 */
class FreshetCatalogTest {
    @TempDir
    Path dataDirectory;

    private FreshetServer server;
    private Connection connection;
    private Statement statement;

    @BeforeEach
    void start() throws SQLException {
        server = FreshetServer.start(ServerConfig.fromArguments(List.of(
                "--port", "0", "--metrics-port", "0", "--data-dir", dataDirectory.toString())));
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        properties.setProperty("prepareThreshold", "1");
        connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/freshet",
                properties);
        statement = connection.createStatement();
        statement.execute("CREATE TABLE bids (id BIGINT PRIMARY KEY, price BIGINT, date_time TIMESTAMP, "
                + "WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND)");
        statement.execute("CREATE MATERIALIZED VIEW per_window AS SELECT window_start, window_end, COUNT(*) AS n "
                + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) "
                + "GROUP BY window_start, window_end");
    }

    @AfterEach
    void stop() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldReportTheWatermarksOfTablesAndViews() throws Exception {
        assertThat(rows("SELECT object_name, object_kind, watermark, watermark_column, late_rows "
                + "FROM freshet_catalog.watermarks ORDER BY object_name")).containsExactly(
                List.of("bids", "table", "null", "date_time", "0"),
                List.of("per_window", "materialized view", "null", "null", "0"));

        statement.executeUpdate("INSERT INTO bids VALUES (1, 10, TIMESTAMP '2024-01-01 00:00:12')");
        statement.executeUpdate("INSERT INTO bids VALUES (2, 20, TIMESTAMP '2024-01-01 00:00:03')");

        assertThat(rows("SELECT object_name, watermark, late_rows FROM freshet_catalog.watermarks "
                + "ORDER BY object_name")).containsExactly(
                List.of("bids", "2024-01-01 00:00:08", "1"),
                List.of("per_window", "2024-01-01 00:00:08", "0"));
    }

    @Test
    void shouldListLateRowsInArrivalOrderInEachRunOfAPreparedStatement() throws Exception {
        statement.executeUpdate("INSERT INTO bids VALUES (1, 10, TIMESTAMP '2024-01-01 00:00:12')");
        try (PreparedStatement lateRows = connection.prepareStatement("SELECT object_name, row_text, event_time, "
                + "watermark FROM freshet_catalog.late_rows ORDER BY arrived_at")) {
            statement.executeUpdate("INSERT INTO bids VALUES (2, 20, TIMESTAMP '2024-01-01 00:00:03')");
            assertThat(rows(lateRows.executeQuery())).containsExactly(
                    List.of("bids", "(2, 20, 2024-01-01 00:00:03)", "2024-01-01 00:00:03", "2024-01-01 00:00:08"));

            statement.executeUpdate("INSERT INTO bids VALUES (3, 30, TIMESTAMP '2024-01-01 00:00:04.5')");
            assertThat(rows(lateRows.executeQuery())).extracting(row -> row.get(1)).containsExactly(
                    "(2, 20, 2024-01-01 00:00:03)", "(3, 30, 2024-01-01 00:00:04.5)");
        }
    }

    @Test
    void shouldCountTheRowsOfEachStateTableAsWindowsClose() throws Exception {
        statement.executeUpdate("INSERT INTO bids VALUES (1, 10, TIMESTAMP '2024-01-01 00:00:01'), "
                + "(2, 20, TIMESTAMP '2024-01-01 00:00:11'), (3, 30, TIMESTAMP '2024-01-01 00:00:12')");
        assertThat(rows("SELECT view_name, operator, row_count FROM freshet_catalog.state_tables")).containsExactly(
                List.of("per_window", "materialize", "2"), List.of("per_window", "groups", "2"));

        // The watermark moves to 00:00:21: the windows ending at 00:00:10 and 00:00:20 close.
        statement.executeUpdate("INSERT INTO bids VALUES (4, 40, TIMESTAMP '2024-01-01 00:00:25')");
        assertThat(rows("SELECT operator, row_count FROM freshet_catalog.state_tables")).containsExactly(
                List.of("materialize", "3"), List.of("groups", "1"));
        assertThat(rows("SELECT count(DISTINCT keyspace) FROM freshet_catalog.state_tables"))
                .containsExactly(List.of("2"));
    }

    @Test
    void shouldListTheTablesOfFreshetCatalogLikeOtherSystemViews() throws Exception {
        assertThat(rows("SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'freshet_catalog' ORDER BY c.relname")).containsExactly(
                List.of("bad_records", "v"), List.of("late_rows", "v"), List.of("plan_cache", "v"),
                List.of("sinks", "v"), List.of("source_offsets", "v"), List.of("state_tables", "v"),
                List.of("subscriptions", "v"), List.of("watermarks", "v"));
        assertThat(rows("SELECT table_name, table_type FROM information_schema.tables "
                + "WHERE table_schema = 'freshet_catalog' ORDER BY table_name")).containsExactly(
                List.of("bad_records", "VIEW"), List.of("late_rows", "VIEW"), List.of("plan_cache", "VIEW"),
                List.of("sinks", "VIEW"), List.of("source_offsets", "VIEW"), List.of("state_tables", "VIEW"),
                List.of("subscriptions", "VIEW"),
                List.of("watermarks", "VIEW"));
        assertThat(rows("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_name = 'late_rows' ORDER BY ordinal_position")).containsExactly(
                List.of("object_name", "text"), List.of("row_text", "text"),
                List.of("event_time", "timestamp without time zone"),
                List.of("watermark", "timestamp without time zone"),
                List.of("arrived_at", "timestamp with time zone"));
    }

    @Test
    void shouldExportTheLateRowsOfEachTableAsACounter() throws Exception {
        statement.executeUpdate("INSERT INTO bids VALUES (1, 10, TIMESTAMP '2024-01-01 00:00:12')");
        statement.executeUpdate("INSERT INTO bids VALUES (2, 20, TIMESTAMP '2024-01-01 00:00:03'), "
                + "(3, 30, TIMESTAMP '2024-01-01 00:00:04')");
        statement.execute("CREATE TABLE quiet (ts TIMESTAMP, WATERMARK FOR ts AS ts)");

        assertThat(scrape()).contains("# TYPE freshet_late_rows_total counter",
                "freshet_late_rows_total{object=\"bids\"} 2.0", "freshet_late_rows_total{object=\"quiet\"} 0.0");

        statement.execute("DROP TABLE quiet");
        assertThat(scrape()).doesNotContain("object=\"quiet\"");
    }

    @Test
    void shouldPlanAStatementSentAgainAndAgainOnceAndCountTheCacheHits() throws Exception {
        String counters = "SELECT plans, cache_hits FROM freshet_catalog.plan_cache";
        rows(counters);
        List<String> before = rows(counters).get(0);
        for (int i = 0; i < 50; i++) {
            assertThat(rows("SELECT count(*) FROM bids WHERE id = 7")).containsExactly(List.of("0"));
        }
        List<String> after = rows(counters).get(0);
        assertThat(Long.parseLong(after.get(0)) - Long.parseLong(before.get(0))).as("plans made").isEqualTo(1);
        assertThat(Long.parseLong(after.get(1)) - Long.parseLong(before.get(1))).as("cache hits").isEqualTo(50);
        assertThat(scrape()).contains("# TYPE freshet_statement_plans_total counter",
                "freshet_statement_plans_total " + after.get(0) + ".0",
                "# TYPE freshet_statement_plan_cache_hits_total counter");
    }

    @Test
    void shouldPlanAgainAfterTheCatalogChanges() throws Exception {
        statement.execute("CREATE TABLE scratch (a INT)");
        assertThat(rows("SELECT * FROM scratch")).isEmpty();
        statement.execute("DROP TABLE scratch");
        statement.execute("CREATE TABLE scratch (a INT, b TEXT)");
        statement.executeUpdate("INSERT INTO scratch VALUES (1, 'one')");
        assertThat(rows("SELECT * FROM scratch")).containsExactly(List.of("1", "one"));
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return rows(statement.executeQuery(sql));
    }

    /** Each row's values as text, NULL as {@code null}. */
    private static List<List<String>> rows(ResultSet resultSet) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (resultSet) {
            int columns = resultSet.getMetaData().getColumnCount();
            while (resultSet.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(resultSet.getString(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
