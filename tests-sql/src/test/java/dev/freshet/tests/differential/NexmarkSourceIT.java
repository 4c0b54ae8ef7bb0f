package dev.freshet.tests.differential;

import static dev.freshet.tests.differential.DifferentialRun.millisSince;
import static dev.freshet.tests.process.DataDirectories.deleteRecursively;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import dev.freshet.executor.source.nexmark.NexmarkConfig;
import dev.freshet.executor.source.nexmark.NexmarkGenerator;
import dev.freshet.executor.source.nexmark.NexmarkRowIterator;
import dev.freshet.executor.source.nexmark.NexmarkSplit;
import dev.freshet.executor.source.nexmark.NexmarkTable;
import dev.freshet.tests.process.ServerProcess;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Materialized views over the built-in NEXMark source survive kill -9 while they read it, with
 * nothing lost and nothing read twice: each view's place in the source commits with the epoch
 * whose rows it produced, and a restart resumes there.
 *
 * <p>Three throttled, bounded sources (person, auction, bid) feed views of every kind: the raw
 * rows, global and grouped aggregates, an EMIT ON WINDOW CLOSE tumbling window, and NEXMark q3's
 * join. The server is killed twice while the views are part way through the sources, started
 * again, and, once every view has read its sources to the end, each view must equal its query run
 * by DuckDB over the same events made by the generator in this test's JVM. A row read twice or
 * lost shows as an extra or a missing row (the raw-rows view compares every bid). A view created
 * after the first kill reads the sources from their start on its own.
 */
class NexmarkSourceIT {
    private static final long EVENTS = 200_000;
    /** Wall-clock events per second: the sources take about five seconds. */
    private static final long RATE = 40_000;
    private static final int ROWS_SHOWN = 15;

    private record View(String name, String freshet, String duckdb) {
        View(String name, String query) {
            this(name, query, query);
        }
    }

    private static final List<View> VIEWS = List.of(
            new View("bid_rows", "SELECT auction, bidder, price, channel, url, date_time, extra FROM bid"),
            new View("bid_totals", "SELECT COUNT(*) AS n, SUM(price) AS total, MIN(date_time) AS first_time, "
                    + "MAX(date_time) AS last_time FROM bid"),
            new View("per_auction", "SELECT auction, COUNT(*) AS n, MAX(price) AS top FROM bid GROUP BY auction"),
            new View("per_second",
                    "SELECT window_start, window_end, COUNT(*) AS n, SUM(price) AS total FROM TABLE(TUMBLE(TABLE bid, "
                            + "DESCRIPTOR(date_time), INTERVAL '1' SECOND)) GROUP BY window_start, window_end "
                            + "EMIT ON WINDOW CLOSE",
                    "SELECT time_bucket(INTERVAL '1 second', date_time) AS window_start, "
                            + "time_bucket(INTERVAL '1 second', date_time) + INTERVAL '1 second' AS window_end, "
                            + "COUNT(*) AS n, SUM(price) AS total FROM bid GROUP BY 1, 2"),
            new View("q3", "SELECT p.name, p.city, p.state, a.id FROM auction a JOIN person p ON a.seller = p.id "
                    + "WHERE a.category = 10 AND (p.state = 'OR' OR p.state = 'ID' OR p.state = 'CA')"));

    private static final View CREATED_AFTER_KILL = new View("bid_totals_again",
            "SELECT COUNT(*) AS n, SUM(price) AS total FROM bid");

    @Test
    void shouldReadEverySourceRowExactlyOnceAcrossKillNine() throws Exception {
        long started = System.nanoTime();
        DifferentialServer.RunFiles files = DifferentialServer.RunFiles.prepare("nexmark-source");
        try (ServerProcess server = DifferentialServer.create(files)) {
            try {
                server.start();
                try (Connection session = DifferentialServer.connect(server);
                        Statement statement = session.createStatement()) {
                    for (NexmarkTable table : NexmarkTable.values()) {
                        statement.execute(format("CREATE SOURCE %s WITH (connector = 'nexmark', \"nexmark.table\" = "
                                + "'%s', \"nexmark.events\" = %d, \"nexmark.rate\" = %d)", table.tableName(),
                                table.tableName(), EVENTS, RATE));
                    }
                    for (View view : VIEWS) {
                        statement.execute("CREATE MATERIALIZED VIEW " + view.name() + " AS " + view.freshet());
                    }
                }
                List<View> views = new ArrayList<>(VIEWS);
                for (double killAt : new double[] {0.3, 0.7}) {
                    long reached = awaitProgress(server, killAt);
                    server.kill();
                    long restarting = System.nanoTime();
                    server.start();
                    System.out.printf("nexmark-source: SIGKILL with %d of %d bid events read by bid_rows; "
                            + "restarted in %d ms%n", reached, EVENTS, millisSince(restarting));
                    if (views.size() == VIEWS.size()) {
                        try (Connection session = DifferentialServer.connect(server);
                                Statement statement = session.createStatement()) {
                            statement.execute("CREATE MATERIALIZED VIEW " + CREATED_AFTER_KILL.name() + " AS "
                                    + CREATED_AFTER_KILL.freshet());
                        }
                        views.add(CREATED_AFTER_KILL);
                    }
                }
                long waiting = System.nanoTime();
                try (Connection session = DifferentialServer.connect(server);
                        Statement statement = session.createStatement()) {
                    awaitFinished(statement);
                    System.out.printf("nexmark-source: every view read its sources to the end %d ms after the last "
                            + "restart%n", millisSince(waiting));
                    compare(statement, views);
                }
                assertThat(server.errorSummary()).as("lines the server logged at ERROR").isEmpty();
            }
            catch (AssertionError | SQLException | RuntimeException e) {
                throw new AssertionError(format("%s%n(server log %s)%nlast server output:%n%s", e.getMessage(),
                        files.serverLog(), server.recentOutput()), e);
            }
        }
        System.out.printf("nexmark-source: passed in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        deleteRecursively(files.dataDir());
    }

    /**
     * Waits until the raw-rows view has read {@code fraction} of the stream's events and returns
     * how many it had read; fails if it finishes first (the kill would then prove nothing).
     */
    private static long awaitProgress(ServerProcess server, double fraction) throws Exception {
        long target = (long) (EVENTS * fraction);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection session = DifferentialServer.connect(server); Statement statement = session.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = statement.executeQuery("SELECT MIN(read_offset), bool_and(finished) FROM "
                        + "freshet_catalog.source_offsets WHERE view_name = 'bid_rows'")) {
                    rows.next();
                    long offset = rows.getLong(1);
                    assertThat(rows.getBoolean(2)).as("bid_rows finished before the kill at %.0f %%", fraction * 100)
                            .isFalse();
                    if (offset >= target) {
                        return offset;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("bid_rows did not read " + target + " events within 60 s");
    }

    /** Waits until every view has read every split of every source to its end. */
    private static void awaitFinished(Statement statement) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            statement.execute("FLUSH");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT COUNT(*), COUNT(*) FILTER (WHERE finished) FROM freshet_catalog.source_offsets")) {
                rows.next();
                if (rows.getLong(1) > 0 && rows.getLong(1) == rows.getLong(2)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the views did not read their sources to the end within 120 s");
    }

    private static void compare(Statement statement, List<View> views) throws Exception {
        List<String> problems = new ArrayList<>();
        try (DuckDbOracle duckdb = DuckDbOracle.open()) {
            loadGeneratedEvents(duckdb);
            for (View view : views) {
                ResultRows expected = duckdb.rows(view.duckdb());
                ResultRows actual = ResultRows.query(statement, "SELECT * FROM " + view.name());
                ResultRows.Difference difference = actual.differenceFrom(expected);
                System.out.printf("nexmark-source: %s: %d rows%n", view.name(), actual.size());
                if (!difference.isEmpty()) {
                    problems.add(format("%s differs from %s:%n%s", view.name(), view.duckdb(),
                            difference.describe(ROWS_SHOWN)));
                }
                assertThat(actual.size()).as("rows of %s", view.name()).isPositive();
            }
        }
        assertThat(problems).as("views that differ from their queries over the generated events").isEmpty();
    }

    /** The same events the sources make, from the generator, into DuckDB tables of the same names. */
    private static void loadGeneratedEvents(DuckDbOracle duckdb) throws SQLException, IOException {
        NexmarkConfig config = NexmarkConfig.defaults().withEvents(0, EVENTS).withEventsPerSecond(RATE);
        NexmarkGenerator generator = new NexmarkGenerator(config);
        duckdb.execute("CREATE TABLE person (id BIGINT, name VARCHAR, email_address VARCHAR, credit_card VARCHAR, "
                + "city VARCHAR, state VARCHAR, date_time TIMESTAMP, extra VARCHAR)");
        duckdb.execute("CREATE TABLE auction (id BIGINT, item_name VARCHAR, description VARCHAR, initial_bid BIGINT, "
                + "reserve BIGINT, date_time TIMESTAMP, expires TIMESTAMP, seller BIGINT, category BIGINT, "
                + "extra VARCHAR)");
        duckdb.execute("CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, "
                + "date_time TIMESTAMP, extra VARCHAR)");
        for (NexmarkTable table : NexmarkTable.values()) {
            Path csv = Files.createTempFile("nexmark-" + table.tableName(), ".csv");
            try {
                try (BufferedWriter writer = Files.newBufferedWriter(csv)) {
                    NexmarkRowIterator rows = NexmarkRowIterator.forConfig(generator, table, NexmarkSplit.whole());
                    while (rows.hasNext()) {
                        writer.write(csvLine(table, rows.next()));
                        writer.newLine();
                    }
                }
                duckdb.execute(format("COPY %s FROM '%s' (FORMAT csv, HEADER false, QUOTE '\"', ESCAPE '\"')",
                        table.tableName(), csv));
            }
            finally {
                Files.deleteIfExists(csv);
            }
        }
    }

    private static String csvLine(NexmarkTable table, Object[] row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = row[i];
            String type = table.columns().get(i).type().displayName();
            if (type.startsWith("timestamp")) {
                line.append(LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) value), ZoneOffset.UTC));
            }
            else if (value instanceof String text) {
                line.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
            else {
                line.append(value);
            }
        }
        return line.toString();
    }
}
