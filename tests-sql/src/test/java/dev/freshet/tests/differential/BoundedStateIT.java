package dev.freshet.tests.differential;

import static dev.freshet.tests.process.DataDirectories.deleteRecursively;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import dev.freshet.tests.process.ServerProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A windowed view's state stays bounded however long its input grows: a table with a watermark
 * takes a million rows in event-time order, and a view counts them per 1-second tumbling window
 * and key. The window aggregate frees a window's groups once the watermark passes its end, so
 * after every chunk of rows its state (read from {@code freshet_catalog.state_tables}, all state
 * tables but the view's own rows) holds only the windows still open, a handful of rows, while the
 * view's rows grow with the input. At the end the view is checked exactly: one row per window and
 * key, counts adding up to the rows inserted, and its watermark where the table's newest row puts
 * it. A line the server logs at ERROR fails the run.
 *
 * <p>Rows go in with {@code INSERT ... SELECT ... FROM generate_series(a, b)}, a chunk per
 * statement, as fast as the server takes them; each chunk's line on stdout gives the insert and
 * catch-up times, the rows per second and the state counts.
 *
 * <p>System properties: {@code freshet.boundedstate.rows} (default 1,000,000),
 * {@code freshet.boundedstate.chunk} (rows per statement, default 50,000), and
 * {@code freshet.differential.data}, {@code .logs} and {@code .jvmOptions} as for
 * {@link MaterializedViewDifferentialIT}.
 */
class BoundedStateIT {
    private static final int KEYS = 4;
    /** 100 rows per second of event time: 25 per window and key. */
    private static final long MILLIS_BETWEEN_ROWS = 10;
    private static final long WINDOW_MILLIS = 1_000;
    private static final long DELAY_MILLIS = 1_000;
    /**
     * Windows a watermark {@code DELAY_MILLIS} behind the newest row leaves open: the newest row's
     * window and those the delay reaches back into, plus one for a watermark standing exactly on a
     * window's end.
     */
    private static final long OPEN_WINDOWS = DELAY_MILLIS / WINDOW_MILLIS + 2;
    private static final long STATE_BOUND = OPEN_WINDOWS * KEYS;
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
    /** PostgreSQL's text of a timestamp: a fraction only when there is one. */
    private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss").appendFraction(ChronoField.MILLI_OF_SECOND, 0, 3, true)
            .toFormatter();

    @Test
    void shouldKeepWindowStateNearTheOpenWindowsWhileTheViewGrows() throws Exception {
        long rows = Long.getLong("freshet.boundedstate.rows", 1_000_000);
        long chunk = Long.getLong("freshet.boundedstate.chunk", 50_000);
        // The event time is computed in INT milliseconds.
        assertThat(rows * MILLIS_BETWEEN_ROWS).as("event time of the last row, ms").isLessThan(Integer.MAX_VALUE);
        DifferentialServer.RunFiles files = DifferentialServer.RunFiles.prepare("bounded-state");
        ServerProcess server = DifferentialServer.create(files);
        try (server) {
            server.start();
            try (Connection session = DifferentialServer.connect(server);
                    Statement statement = session.createStatement()) {
                statement.execute(format("CREATE TABLE events (id BIGINT PRIMARY KEY, k INT, ts TIMESTAMP, "
                        + "WATERMARK FOR ts AS ts - INTERVAL '%d' SECOND)", DELAY_MILLIS / 1000));
                statement.execute(format("CREATE MATERIALIZED VIEW per_second AS SELECT window_start, window_end, k, "
                        + "COUNT(*) AS n FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '%d' SECOND)) "
                        + "GROUP BY window_start, window_end, k", WINDOW_MILLIS / 1000));
                load(statement, rows, chunk);
                checkView(statement, rows);
            }
            assertThat(server.errorSummary()).as("lines the server logged at ERROR").isEmpty();
        }
        catch (AssertionError | SQLException | RuntimeException e) {
            throw new AssertionError(format("%s%n(server log %s)%nlast server output:%n%s", e.getMessage(),
                    files.serverLog(), server.recentOutput()), e);
        }
        deleteRecursively(files.dataDir());
    }

    /** Inserts the rows chunk by chunk, checking the state after each. */
    private static void load(Statement statement, long rows, long chunk) throws SQLException {
        long started = System.nanoTime();
        long viewRows = 0;
        long maxStateRows = 0;
        for (long first = 1; first <= rows; first += chunk) {
            long last = Math.min(first + chunk - 1, rows);
            long chunkStarted = System.nanoTime();
            int inserted = statement.executeUpdate(format("INSERT INTO events SELECT g, CAST(MOD(g, %d) AS INT), "
                    + "TIMESTAMPADD(MILLISECOND, CAST(g * %d AS INT), TIMESTAMP '%s') FROM generate_series(%d, %d) "
                    + "AS s(g)", KEYS, MILLIS_BETWEEN_ROWS, TIMESTAMP_TEXT.format(EPOCH), first, last));
            assertThat(inserted).isEqualTo(last - first + 1);
            long insertedAt = System.nanoTime();
            // The read waits until the view has applied the chunk.
            StateCounts counts = stateCounts(statement);
            long caughtUp = System.nanoTime();
            System.out.printf("freshet-bounded-state: %,d rows (+%,d: insert %.2f s, view caught up %.2f s later, "
                            + "%,.0f rows/s); view rows %,d, state rows %d (%s)%n", last, inserted,
                    seconds(insertedAt - chunkStarted), seconds(caughtUp - insertedAt),
                    inserted / seconds(caughtUp - chunkStarted), counts.viewRows(), counts.stateRows(),
                    counts.byOperator());
            assertThat(counts.stateRows()).as("operator state rows after %,d rows (%s)", last, counts.byOperator())
                    .isLessThanOrEqualTo(STATE_BOUND);
            assertThat(counts.viewRows()).as("view rows after %,d rows", last).isGreaterThan(viewRows);
            viewRows = counts.viewRows();
            maxStateRows = Math.max(maxStateRows, counts.stateRows());
        }
        double total = seconds(System.nanoTime() - started);
        System.out.printf("freshet-bounded-state: %,d rows in %.1f s (%,.0f rows/s); view rows %,d; state rows at "
                + "most %d (bound %d)%n", rows, total, rows / total, viewRows, maxStateRows, STATE_BOUND);
    }

    /** The view holds one row per window and key, counting every row, and its watermark follows the table's. */
    private static void checkView(Statement statement, long rows) throws SQLException {
        Set<Long> windowsAndKeys = new HashSet<>();
        for (long id = 1; id <= rows; id++) {
            windowsAndKeys.add(id * MILLIS_BETWEEN_ROWS / WINDOW_MILLIS * KEYS + id % KEYS);
        }
        try (ResultSet result = statement.executeQuery("SELECT count(*), sum(n) FROM per_second")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).as("rows of the view").isEqualTo(windowsAndKeys.size());
            assertThat(result.getLong(2)).as("rows counted by the view").isEqualTo(rows);
        }
        String watermark = TIMESTAMP_TEXT.format(EPOCH.plusNanos((rows * MILLIS_BETWEEN_ROWS - DELAY_MILLIS)
                * 1_000_000));
        try (ResultSet result = statement.executeQuery("SELECT object_name, watermark FROM freshet_catalog.watermarks "
                + "ORDER BY object_name")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1) + " " + result.getString(2)).isEqualTo("events " + watermark);
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1) + " " + result.getString(2)).isEqualTo("per_second " + watermark);
        }
    }

    private static StateCounts stateCounts(Statement statement) throws SQLException {
        long viewRows = 0;
        long stateRows = 0;
        StringBuilder byOperator = new StringBuilder();
        try (ResultSet result = statement.executeQuery("SELECT operator, row_count FROM freshet_catalog.state_tables "
                + "WHERE view_name = 'per_second'")) {
            while (result.next()) {
                if (result.getString(1).equals("materialize")) {
                    viewRows = result.getLong(2);
                } else {
                    stateRows += result.getLong(2);
                    byOperator.append(byOperator.isEmpty() ? "" : ", ").append(result.getString(1)).append(' ')
                            .append(result.getLong(2));
                }
            }
        }
        return new StateCounts(viewRows, stateRows, byOperator.toString());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * @param viewRows the rows of the view's own table
     * @param stateRows the rows of every other state table of the view
     * @param byOperator the other state tables and their rows, for messages
     */
    private record StateCounts(long viewRows, long stateRows, String byOperator) {
    }
}
