package dev.freshet.tests.subscribe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.freshet.tests.process.ServerLaunch;
import dev.freshet.tests.process.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.util.PSQLException;

/**
 * SUBSCRIBE against a real server process, through the clients users bring: pgjdbc cursors with
 * FETCH, pgjdbc's streaming result set, pgjdbc's COPY API, and real psql reading
 * {@code COPY (SUBSCRIBE ...) TO STDOUT} as it happens.
 *
 * <p>The proof of the stream is differential: a subscriber folds every change it receives (the
 * snapshot, then each epoch's diffs) into a multiset of rows while another session runs random
 * DML; the fold must never delete a row it does not hold, epochs must never go back, a row may
 * appear at most once per epoch, and at the end the fold must equal the view read by SELECT. A
 * lost, repeated or reordered change breaks one of these.
 */
class SubscribeIT {
    /** The server buffers at most this many rows of changes per subscriber. */
    private static final int BUFFER_ROWS = 200;

    private static ServerProcess server;

    @BeforeAll
    static void startServer() throws IOException {
        Path dataDir = Files.createTempDirectory("freshet-subscribe");
        Path logs = Path.of("target", "differential-logs").toAbsolutePath();
        Files.createDirectories(logs);
        server = new ServerProcess(ServerLaunch.freshet(List.of("-Xmx512m"), dataDir, logs.resolve("subscribe.log"),
                Duration.ofSeconds(90)).withServerArguments(List.of("--subscribe.max_buffered_rows",
                Integer.toString(BUFFER_ROWS))));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void cursorShouldDeliverTheSnapshotThenEveryChangeExactlyOnceInEpochOrder() throws Exception {
        try (Connection writer = connect(); Connection subscriber = connect(); Statement dml = writer.createStatement()) {
            dml.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer TEXT, amount INT)");
            dml.execute("CREATE MATERIALIZED VIEW totals AS SELECT customer, COUNT(*) AS n, SUM(amount) AS total "
                    + "FROM orders GROUP BY customer");
            Random random = new Random(42);
            Map<Integer, String> rows = new HashMap<>();
            for (int id = 0; id < 30; id++) {
                dml.execute(insert(id, random));
                rows.put(id, "");
            }
            subscriber.setAutoCommit(false);
            Statement fetches = subscriber.createStatement();
            fetches.execute("DECLARE c CURSOR FOR SUBSCRIBE TO totals");

            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> randomWrites(writer, random, rows));
            ChangeFold fold = new ChangeFold();
            fold.apply(fetches.executeQuery("FETCH ALL c WITH (timeout = '0s')"));
            assertThat(fold.snapshotRows()).as("the snapshot holds the view's rows before the writes").isPositive();
            while (!writes.isDone()) {
                fold.apply(fetches.executeQuery("FETCH 50 c WITH (timeout = '100ms')"));
            }
            writes.get();
            Map<List<String>, Long> expected;
            try (Statement read = writer.createStatement()) {
                read.execute("FLUSH");
                expected = ChangeFold.multiset(read.executeQuery("SELECT customer, n, total FROM totals"));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!fold.rows().equals(expected) && System.nanoTime() < deadline) {
                fold.apply(fetches.executeQuery("FETCH ALL c WITH (timeout = '200ms')"));
            }
            assertThat(fold.rows()).as("the folded change stream equals the view").isEqualTo(expected);
            fold.apply(fetches.executeQuery("FETCH ALL c WITH (timeout = '300ms')"));
            assertThat(fold.rows()).as("no change after the last write").isEqualTo(expected);
            assertThat(fold.epochs()).as("epochs with changes").isGreaterThan(3);
            subscriber.rollback();
        }
    }

    @Test
    void copyToStdoutShouldStreamChangesToPsqlAsTheyHappenUntilCanceled() throws Exception {
        assumeThat(onPath("psql") && onPath("stdbuf")).as("psql and stdbuf are installed").isTrue();
        try (Connection writer = connect(); Statement dml = writer.createStatement()) {
            dml.execute("CREATE TABLE readings (sensor TEXT, reading INT)");
            dml.execute("CREATE MATERIALIZED VIEW peaks AS SELECT sensor, MAX(reading) AS peak FROM readings "
                    + "GROUP BY sensor");
            dml.execute("INSERT INTO readings VALUES ('a', 1)");
            URI address = URI.create(server.jdbcUrl().substring("jdbc:".length()));
            // Piped, psql would keep COPY's lines in its stdio buffer until the end; line-buffered, as at a
            // terminal, it prints each as it comes.
            Process psql = new ProcessBuilder("stdbuf", "-oL", "psql", "-X", "-h", address.getHost(), "-p",
                    Integer.toString(address.getPort()), "-U", "freshet", "-d", "freshet", "-c",
                    "COPY (SUBSCRIBE TO peaks) TO STDOUT").redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread pump = new Thread(() -> pump(psql, lines), "psql-output");
            pump.setDaemon(true);
            pump.start();
            try {
                String snapshot = lines.poll(20, TimeUnit.SECONDS);
                assertThat(snapshot).as("psql prints the snapshot").matches("\\d+\\t1\\ta\\t1");
                long snapshotEpoch = Long.parseLong(snapshot.split("\t")[0]);

                dml.execute("INSERT INTO readings VALUES ('a', 7), ('b', 3)");
                List<String> changes = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    changes.add(lines.poll(20, TimeUnit.SECONDS));
                }
                long epoch = Long.parseLong(changes.get(0).split("\t")[0]);
                assertThat(epoch).isGreaterThan(snapshotEpoch);
                assertThat(changes).as("psql prints each change as its epoch commits, deletions first")
                        .containsExactly(epoch + "\t-1\ta\t1", epoch + "\t1\ta\t7", epoch + "\t1\tb\t3");

                // Ctrl-C: psql sends a CancelRequest, the server ends the COPY with 57014.
                new ProcessBuilder("kill", "-INT", Long.toString(psql.pid())).start().waitFor();
                assertThat(psql.waitFor(20, TimeUnit.SECONDS)).as("psql ends after Ctrl-C").isTrue();
                pump.join(5000);
                assertThat(String.join("\n", lines)).contains("canceling statement due to user request");
            } finally {
                psql.destroyForcibly();
            }
            try (ResultSet rs = dml.executeQuery("SELECT sensor, peak FROM peaks ORDER BY sensor")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(2)).as("the server serves on after the subscriber left").isEqualTo(7);
            }
        }
    }

    @Test
    void copyApiShouldStreamASubscriptionAndFormatQueriesAsCsv() throws Exception {
        try (Connection writer = connect(); Connection reader = connect(); Statement dml = writer.createStatement()) {
            dml.execute("CREATE TABLE notes (id INT PRIMARY KEY, body TEXT)");
            dml.execute("INSERT INTO notes VALUES (1, 'plain'), (2, 'with, comma'), (3, 'say \"hi\"'), (4, NULL), "
                    + "(5, ''), (6, 'tab\there')");
            dml.execute("CREATE MATERIALIZED VIEW note_list AS SELECT id, body FROM notes");

            CopyOut csv = reader.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SELECT id, body FROM notes ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)");
            StringBuilder text = new StringBuilder();
            for (byte[] line = csv.readFromCopy(); line != null; line = csv.readFromCopy()) {
                text.append(new String(line, UTF_8));
            }
            assertThat(text.toString()).isEqualTo("id,body\n1,plain\n2,\"with, comma\"\n3,\"say \"\"hi\"\"\"\n4,\n"
                    + "5,\"\"\n6,tab\there\n");
            StringBuilder tsv = new StringBuilder();
            reader.unwrap(PGConnection.class).getCopyAPI().copyOut(
                    "COPY (SELECT id, body FROM notes WHERE id IN (4, 6) ORDER BY id) TO STDOUT",
                    new java.io.Writer() {
                        @Override
                        public void write(char[] buffer, int offset, int length) {
                            tsv.append(buffer, offset, length);
                        }

                        @Override
                        public void flush() {
                        }

                        @Override
                        public void close() {
                        }
                    });
            assertThat(tsv.toString()).isEqualTo("4\t\\N\n6\ttab\\there\n");

            CopyOut stream = reader.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (SUBSCRIBE TO note_list WITH (snapshot = false)) TO STDOUT");
            dml.execute("UPDATE notes SET body = 'changed' WHERE id = 1");
            String first = new String(stream.readFromCopy(), UTF_8);
            String second = new String(stream.readFromCopy(), UTF_8);
            assertThat(first).endsWith("\t-1\t1\tplain\n");
            assertThat(second).endsWith("\t1\t1\tchanged\n");
            reader.unwrap(PGConnection.class).cancelQuery();
            assertThatThrownBy(stream::readFromCopy).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        }
    }

    @Test
    void streamingResultSetShouldReturnChangesAsTheyCommitUntilCanceled() throws Exception {
        try (Connection writer = connect(); Connection reader = connect(); Statement dml = writer.createStatement()) {
            dml.execute("CREATE TABLE clicks (page TEXT)");
            dml.execute("CREATE MATERIALIZED VIEW page_clicks AS SELECT page, COUNT(*) AS n FROM clicks GROUP BY page");
            dml.execute("INSERT INTO clicks VALUES ('home'), ('home')");
            reader.setAutoCommit(false);
            Statement subscribe = reader.createStatement();
            // Each Execute returns when it has this many rows (as in PostgreSQL): one row at a time is live.
            subscribe.setFetchSize(1);
            ResultSet changes = subscribe.executeQuery("SUBSCRIBE TO page_clicks");
            assertThat(changes.getMetaData().getColumnName(1)).isEqualTo("epoch");
            assertThat(changes.getMetaData().getColumnName(2)).isEqualTo("diff");
            assertThat(changes.getMetaData().getColumnName(3)).isEqualTo("page");
            assertThat(changes.next()).isTrue();
            long snapshotEpoch = changes.getLong("epoch");
            assertThat(changes.getInt("diff")).isEqualTo(1);
            assertThat(changes.getString("page")).isEqualTo("home");
            assertThat(changes.getLong("n")).isEqualTo(2);

            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
                sleep(300);
                try {
                    dml.execute("INSERT INTO clicks VALUES ('home')");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(changes.next()).isTrue();
            assertThat(changes.getLong("epoch")).isGreaterThan(snapshotEpoch);
            assertThat(changes.getInt("diff")).isEqualTo(-1);
            assertThat(changes.getLong("n")).isEqualTo(2);
            assertThat(changes.next()).isTrue();
            assertThat(changes.getInt("diff")).isEqualTo(1);
            assertThat(changes.getLong("n")).isEqualTo(3);
            later.get();

            CompletableFuture.runAsync(() -> {
                sleep(300);
                try {
                    // Statement.cancel() does nothing once executeQuery has returned: cancel the connection's query.
                    reader.unwrap(PGConnection.class).cancelQuery();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(changes::next).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            reader.rollback();
            try (Statement check = reader.createStatement(); ResultSet one = check.executeQuery("SELECT 1")) {
                assertThat(one.next()).as("the session survives the canceled subscription").isTrue();
            }
        }
    }

    @Test
    void slowSubscriberShouldBeEndedWithoutHoldingUpTheViews() throws Exception {
        try (Connection writer = connect(); Connection subscriber = connect(); Statement dml = writer.createStatement()) {
            dml.execute("CREATE TABLE events (id INT PRIMARY KEY)");
            dml.execute("CREATE MATERIALIZED VIEW all_events AS SELECT id FROM events");
            subscriber.setAutoCommit(false);
            Statement fetches = subscriber.createStatement();
            fetches.execute("DECLARE slow CURSOR FOR SUBSCRIBE TO all_events WITH (snapshot = false)");
            for (int batch = 0; batch < 3; batch++) {
                StringBuilder values = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    values.append(i == 0 ? "" : ", ").append('(').append(batch * 100 + i).append(')');
                }
                dml.execute("INSERT INTO events VALUES " + values);
                dml.execute("FLUSH");
            }
            try (ResultSet count = dml.executeQuery("SELECT COUNT(*) FROM all_events")) {
                count.next();
                assertThat(count.getLong(1)).as("the view kept up while the subscriber read nothing").isEqualTo(300);
            }
            assertThat(subscriptions(dml)).as("the ended subscription shows why until its subscriber reads it")
                    .anyMatch(row -> row.startsWith("all_events|") && row.contains("fell 300 rows behind"));
            assertThatThrownBy(() -> fetches.executeQuery("FETCH ALL slow")).isInstanceOfSatisfying(PSQLException.class,
                    e -> {
                        assertThat(e.getSQLState()).isEqualTo("53400");
                        assertThat(e.getServerErrorMessage().getMessage()).contains("all_events")
                                .contains("more than the " + BUFFER_ROWS + " rows");
                        assertThat(e.getServerErrorMessage().getHint()).contains("subscribe.max_buffered_rows");
                    });
            subscriber.rollback();
        }
    }

    @Test
    void subscriptionsShouldBeListedAndFreedWhenTheirClientDisconnectsMidFetch() throws Exception {
        try (Connection watcher = connect(); Statement dml = watcher.createStatement()) {
            dml.execute("CREATE TABLE pings (n INT)");
            dml.execute("CREATE MATERIALIZED VIEW ping_list AS SELECT n FROM pings");
            Connection subscriber = connect();
            subscriber.setAutoCommit(false);
            Statement fetches = subscriber.createStatement();
            fetches.execute("DECLARE p CURSOR FOR SUBSCRIBE TO ping_list WITH (snapshot = false)");
            // A FETCH without timeout waits for a change that never comes.
            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return fetches.executeQuery("FETCH 10 p");
                } catch (SQLException e) {
                    return e;
                }
            });
            List<String> listed = subscriptions(dml);
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0)).startsWith("ping_list|");

            // The client vanishes in the middle of a FETCH that waits.
            sleep(300);
            assertThat(waiting).as("the FETCH still waits").isNotDone();
            subscriber.abort(Runnable::run);
            waiting.get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!subscriptions(dml).isEmpty() && System.nanoTime() < deadline) {
                sleep(100);
            }
            assertThat(subscriptions(dml)).as("the server freed the subscription of the closed connection").isEmpty();
        }
    }

    private static List<String> subscriptions(Statement statement) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT view_name, start_epoch, last_epoch, buffered_rows, "
                + "problem FROM freshet_catalog.subscriptions")) {
            while (result.next()) {
                rows.add(result.getString(1) + "|" + result.getLong(2) + "|" + result.getLong(3) + "|"
                        + result.getLong(4) + "|" + result.getString(5));
            }
        }
        return rows;
    }

    @Test
    void subscriptionShouldEndWhenItsViewIsDroppedAfterTheChangesBeforeTheDrop() throws Exception {
        try (Connection writer = connect(); Connection subscriber = connect(); Statement dml = writer.createStatement()) {
            dml.execute("CREATE TABLE temps (v INT)");
            dml.execute("CREATE MATERIALIZED VIEW temp_list AS SELECT v FROM temps");
            subscriber.setAutoCommit(false);
            Statement fetches = subscriber.createStatement();
            fetches.execute("DECLARE d CURSOR FOR SUBSCRIBE TO temp_list WITH (snapshot = false)");
            dml.execute("INSERT INTO temps VALUES (5)");
            dml.execute("FLUSH");
            dml.execute("DROP MATERIALIZED VIEW temp_list");
            try (ResultSet rows = fetches.executeQuery("FETCH ALL d")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt("v")).isEqualTo(5);
                assertThat(rows.next()).isFalse();
            }
            assertThatThrownBy(() -> fetches.executeQuery("FETCH ALL d")).isInstanceOfSatisfying(SQLException.class,
                    e -> {
                        assertThat(e.getSQLState()).isEqualTo("42P01");
                        assertThat(e.getMessage()).contains("temp_list was dropped");
                    });
            subscriber.rollback();
        }
    }

    @Test
    void cursorsOverQueriesShouldHandOutRowsInPiecesAndHoldableOnesOutliveTheirTransaction() throws Exception {
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            statement.execute("CREATE TABLE numbers (n INT PRIMARY KEY)");
            statement.execute("INSERT INTO numbers VALUES (1), (2), (3), (4), (5)");
            statement.execute("BEGIN");
            statement.execute("DECLARE q CURSOR FOR SELECT n FROM numbers ORDER BY n");
            assertThat(ints(statement.executeQuery("FETCH 2 q"))).containsExactly(1, 2);
            assertThat(ints(statement.executeQuery("FETCH NEXT FROM q"))).containsExactly(3);
            assertThat(ints(statement.executeQuery("FETCH ALL q"))).containsExactly(4, 5);
            assertThat(ints(statement.executeQuery("FETCH ALL q"))).isEmpty();
            statement.execute("CLOSE q");
            statement.execute("COMMIT");

            statement.execute("DECLARE h CURSOR WITH HOLD FOR SELECT n FROM numbers WHERE n > 3 ORDER BY n");
            assertThat(ints(statement.executeQuery("FETCH 1 h"))).containsExactly(4);
            statement.execute("BEGIN");
            statement.execute("COMMIT");
            assertThat(ints(statement.executeQuery("FETCH 1 h"))).as("a holdable cursor outlives COMMIT").containsExactly(5);
            statement.execute("CLOSE ALL");
            assertError(statement, "FETCH 1 h", "34000", "cursor \"h\" does not exist");
        }
    }

    @Test
    void badSubscriptionsShouldFailWithClearErrors() throws Exception {
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            statement.execute("CREATE TABLE plain (a INT)");
            statement.execute("CREATE MATERIALIZED VIEW plain_mv AS SELECT a FROM plain");
            assertError(statement, "SUBSCRIBE TO plain", "42809", "\"plain\" is a table");
            assertError(statement, "SUBSCRIBE TO nowhere", "42P01", "relation \"nowhere\" does not exist");
            assertError(statement, "SUBSCRIBE TO plain_mv WITH (progress = true)", "22023",
                    "SUBSCRIBE has no option \"progress\"");
            assertError(statement, "DECLARE c CURSOR FOR SUBSCRIBE TO plain_mv", "25P01",
                    "DECLARE CURSOR can only be used in transaction blocks");
            assertError(statement, "FETCH 1 missing", "34000", "cursor \"missing\" does not exist");
            assertError(statement, "COPY (SELECT 1) TO STDOUT WITH (FORMAT 'binary')", "0A000",
                    "COPY format \"binary\" is not supported");
            statement.execute("BEGIN");
            statement.execute("DECLARE c CURSOR FOR SUBSCRIBE TO plain_mv");
            assertError(statement, "FETCH ALL c WITH (wait = '1s')", "22023", "FETCH has no option \"wait\"");
            statement.execute("ROLLBACK");
        }
    }

    private static void assertError(Statement statement, String sql, String sqlState, String message) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).as(sql).isEqualTo(sqlState);
            assertThat(e.getMessage()).as(sql).contains(message);
        });
    }

    private static List<Integer> ints(ResultSet rows) throws SQLException {
        List<Integer> values = new ArrayList<>();
        while (rows.next()) {
            values.add(rows.getInt(1));
        }
        return values;
    }

    /** 400 inserts, updates and deletes in autocommit statements and small transactions. */
    private static void randomWrites(Connection writer, Random random, Map<Integer, String> rows) {
        try (Statement dml = writer.createStatement()) {
            int nextId = 1000;
            List<Integer> ids = new ArrayList<>(rows.keySet());
            for (int i = 0; i < 400; i++) {
                boolean block = random.nextInt(10) == 0;
                if (block) {
                    dml.execute("BEGIN");
                }
                int operations = block ? 1 + random.nextInt(4) : 1;
                for (int j = 0; j < operations; j++) {
                    int choice = random.nextInt(3);
                    if (choice == 0 || ids.isEmpty()) {
                        dml.execute(insert(nextId, random));
                        ids.add(nextId++);
                    } else if (choice == 1) {
                        dml.execute("UPDATE orders SET amount = " + random.nextInt(100) + ", customer = '"
                                + customer(random) + "' WHERE id = " + ids.get(random.nextInt(ids.size())));
                    } else {
                        dml.execute("DELETE FROM orders WHERE id = " + ids.remove(random.nextInt(ids.size())));
                    }
                }
                if (block) {
                    dml.execute("COMMIT");
                }
                if (random.nextInt(20) == 0) {
                    sleep(20);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String insert(int id, Random random) {
        return "INSERT INTO orders VALUES (" + id + ", '" + customer(random) + "', " + random.nextInt(100) + ")";
    }

    private static String customer(Random random) {
        return "c" + random.nextInt(8);
    }

    private static void pump(Process process, BlockingQueue<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(psql output unreadable: " + e + ")");
        }
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        // A server that stops answering fails the test instead of hanging the build.
        properties.setProperty("socketTimeout", "120");
        return DriverManager.getConnection(server.jdbcUrl(), properties);
    }

    /**
     * The multiset of rows a subscriber builds from the change stream, checking each change as it
     * comes: epochs never go back, a row changes at most once per epoch, a deletion finds its row.
     */
    private static final class ChangeFold {
        private final Map<List<String>, Long> rows = new TreeMap<>(Comparator.comparing(List::toString));
        private final Set<List<String>> seenInEpoch = new HashSet<>();
        private long epoch = -1;
        private long snapshotEpoch = -1;
        private long snapshotRows;
        private int epochs;

        void apply(ResultSet changes) throws SQLException {
            int width = changes.getMetaData().getColumnCount();
            while (changes.next()) {
                long changeEpoch = changes.getLong("epoch");
                long diff = changes.getLong("diff");
                List<String> row = new ArrayList<>();
                for (int i = 3; i <= width; i++) {
                    row.add(changes.getString(i));
                }
                assertThat(changeEpoch).as("epochs never go back").isGreaterThanOrEqualTo(epoch);
                if (snapshotEpoch < 0) {
                    snapshotEpoch = changeEpoch;
                }
                if (changeEpoch == snapshotEpoch) {
                    assertThat(diff).as("the snapshot only inserts").isPositive();
                    snapshotRows++;
                }
                if (changeEpoch != epoch) {
                    seenInEpoch.clear();
                    epoch = changeEpoch;
                    epochs++;
                }
                assertThat(seenInEpoch.add(row)).as("row %s changes once in epoch %d", row, changeEpoch).isTrue();
                long count = rows.getOrDefault(row, 0L) + diff;
                assertThat(count).as("epoch %d deletes row %s it does not hold", changeEpoch, row)
                        .isGreaterThanOrEqualTo(0);
                if (count == 0) {
                    rows.remove(row);
                } else {
                    rows.put(row, count);
                }
            }
            changes.close();
        }

        Map<List<String>, Long> rows() {
            return rows;
        }

        long snapshotRows() {
            return snapshotRows;
        }

        int epochs() {
            return epochs;
        }

        static Map<List<String>, Long> multiset(ResultSet result) throws SQLException {
            ChangeFold fold = new ChangeFold();
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    row.add(result.getString(i));
                }
                fold.rows.merge(row, 1L, Long::sum);
            }
            return fold.rows;
        }
    }
}
