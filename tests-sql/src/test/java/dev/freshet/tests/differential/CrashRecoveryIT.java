package dev.freshet.tests.differential;

import static dev.freshet.tests.differential.DifferentialRun.millisSince;
import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_RESTART;
import static dev.freshet.tests.differential.ViewDefinition.Stage.BEFORE_LOAD;
import static dev.freshet.tests.differential.ViewDefinition.materialized;
import static dev.freshet.tests.process.DataDirectories.deleteRecursively;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.freshet.tests.differential.OrderWorkload.Operation;
import dev.freshet.tests.process.ServerProcess;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of a load: a writer thread inserts, updates and deletes in autocommit
 * statements and small blocks, remembering exactly what the server acknowledged
 * ({@link OrderWriter}); the server is killed with SIGKILL at a random moment and started again on
 * the same data directory. Then:
 * <ul>
 *   <li>every table holds every acknowledged write and nothing else: the model of acknowledged
 *       writes, or that model plus the one operation in flight at the kill, applied whole (it may
 *       or may not have committed); a row too many is a duplicate, a row missing a lost write;</li>
 *   <li>every materialized view equals its defining query run by Freshet as a plain SELECT over
 *       the recovered tables, read at once without FLUSH: a read waits until the views have
 *       applied every committed write, including the change log replayed at start
 *       (docs/architecture.md, "Consistent reads");</li>
 *   <li>the views keep updating: after more writes in the same session, with no FLUSH, they still
 *       equal their queries (read-your-writes).</li>
 * </ul>
 * This repeats for several kill points per run; after the first, one more view is created over the
 * recovered data (backfill) and lives through the later kills. A line the server logs at ERROR
 * fails the run too.
 *
 * <p>System properties: {@code freshet.crash.seed} (default random, printed; it fixes the writes
 * and the kill delays, not the exact interleaving, which depends on timing), {@code
 * freshet.crash.rounds} (kill points, default 3), {@code freshet.differential.data} and {@code
 * freshet.differential.logs} as for {@link MaterializedViewDifferentialIT}.
 */
class CrashRecoveryIT {
    private static final List<ViewDefinition> VIEWS = List.of(
            materialized("mv_customer_totals", BEFORE_LOAD,
                    "SELECT customer, COUNT(*) AS n, SUM(amount) AS total, MAX(amount) AS top FROM orders "
                            + "GROUP BY customer"),
            materialized("mv_region_totals", BEFORE_LOAD,
                    "SELECT c.region, COUNT(*) AS n, SUM(o.amount) AS total FROM orders o "
                            + "JOIN customers c ON o.customer = c.id GROUP BY c.region"),
            materialized("mv_top_orders", BEFORE_LOAD,
                    "SELECT * FROM (SELECT id, customer, amount, ROW_NUMBER() OVER "
                            + "(PARTITION BY customer ORDER BY amount DESC, id) AS rn FROM orders) ranked "
                            + "WHERE rn <= 3"),
            materialized("mv_busy_regions", BEFORE_LOAD, "SELECT region, total FROM mv_region_totals WHERE n >= 5"),
            materialized("mv_event_counts", BEFORE_LOAD,
                    "SELECT order_id, COUNT(*) AS n FROM events GROUP BY order_id"),
            materialized("mv_status_totals", AFTER_RESTART,
                    "SELECT status, COUNT(*) AS n, SUM(amount) AS total FROM orders GROUP BY status"));

    private static final int WRITES_AFTER_RECOVERY = 40;
    private static final int ROWS_SHOWN = 15;

    private final List<ViewDefinition> created = new ArrayList<>();
    private ServerProcess server;

    @Test
    void shouldLoseNoAcknowledgedWriteAndKeepViewsEqualToTheirQueriesAfterKillNine() throws Exception {
        RunSeed seed = RunSeed.read("freshet.crash.seed");
        int rounds = Integer.getInteger("freshet.crash.rounds", 3);
        System.out.printf("freshet-crash: seed %d (%s), %d kill points%n", seed.value(), seed.replay(), rounds);
        long started = System.nanoTime();
        DifferentialServer.RunFiles files = DifferentialServer.RunFiles.prepare("crash-" + seed.value());
        OrderWorkload workload = new OrderWorkload(seed.value());
        Random killPoints = new Random(seed.value());
        try (ServerProcess process = DifferentialServer.create(files)) {
            server = process;
            server.start();
            try (Connection session = DifferentialServer.connect(server); Statement statement = session.createStatement()) {
                for (String ddl : OrderState.CREATE_TABLES) {
                    statement.execute(ddl);
                }
                new OrderWriter(session, workload, () -> false).execute(workload.createCustomers());
                createViews(statement, BEFORE_LOAD);
            }
            for (int round = 1; round <= rounds; round++) {
                runRound(round, workload, 40 + killPoints.nextInt(160), killPoints.nextInt(40));
            }
            assertThat(server.errorSummary()).as("lines the server logged at ERROR").isEmpty();
        }
        catch (AssertionError | SQLException | RuntimeException e) {
            throw new AssertionError(format("%s%n(seed %d; %s; server log %s)%nlast server output:%n%s",
                    e.getMessage(), seed.value(), seed.replay(), files.serverLog(),
                    server == null ? "" : server.recentOutput()), e);
        }
        System.out.printf("freshet-crash: seed %d passed, %d kill points in %d s%n", seed.value(), rounds,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        deleteRecursively(files.dataDir());
    }

    /**
     * Kills the server once the writer has had {@code killAfterOperations} operations acknowledged,
     * plus {@code jitterMillis}: counting operations rather than time keeps every kill mid-load,
     * however fast the machine; the jitter moves the kill within an operation.
     */
    private void runRound(int round, OrderWorkload workload, int killAfterOperations, int jitterMillis)
            throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        Connection writerSession = DifferentialServer.connect(server);
        OrderWriter writer = new OrderWriter(writerSession, workload, killed::get);
        try {
            Thread thread = new Thread(writer, "freshet-crash-writer");
            long writing = System.nanoTime();
            thread.start();
            while (writer.acknowledgedOperations() < killAfterOperations && thread.isAlive()) {
                Thread.sleep(2);
            }
            Thread.sleep(jitterMillis);
            killed.set(true);
            server.kill();
            thread.join(TimeUnit.SECONDS.toMillis(130));
            assertThat(thread.isAlive()).as("the writer still runs after the kill").isFalse();
            double seconds = (System.nanoTime() - writing) / 1e9;
            System.out.printf("freshet-crash: round %d: SIGKILL after %.1f s, %d operations (%d statements) "
                            + "acknowledged, %.0f operations/s; in flight: %s%n", round, seconds,
                    writer.acknowledgedOperations(), writer.acknowledgedStatements(),
                    writer.acknowledgedOperations() / seconds,
                    writer.inFlight() == null ? "none" : writer.inFlight().script());
        }
        finally {
            closeQuietly(writerSession);
        }
        if (writer.failure() != null) {
            throw new AssertionError("round " + round + ": the writer failed before the kill: "
                    + writer.failure().getMessage(), writer.failure());
        }
        assertThat(writer.acknowledgedOperations()).as("round %d: operations acknowledged before the kill", round)
                .isPositive();

        long restarting = System.nanoTime();
        server.start();
        System.out.printf("freshet-crash: round %d: restarted in %d ms%n", round, millisSince(restarting));
        try (Connection session = DifferentialServer.connect(server); Statement statement = session.createStatement()) {
            long verifying = System.nanoTime();
            String outcome = verifyTables(statement, workload, writer.inFlight(),
                    "round " + round + ", after the kill");
            verifyViews(statement, "round " + round + ", after the kill");
            if (round == 1) {
                createViews(statement, AFTER_RESTART);
                verifyViews(statement, "round 1, with the views created after the kill");
            }
            System.out.printf("freshet-crash: round %d: tables hold every acknowledged write (%s), %d views equal "
                    + "their queries; checked in %d ms%n", round, outcome, created.size(), millisSince(verifying));
            long writing = System.nanoTime();
            OrderWriter more = new OrderWriter(session, workload, () -> false);
            for (int i = 0; i < WRITES_AFTER_RECOVERY; i++) {
                more.execute(workload.next());
            }
            System.out.printf("freshet-crash: round %d: %d more operations in %d ms%n", round,
                    WRITES_AFTER_RECOVERY, millisSince(writing));
            verifyTables(statement, workload, null, "round " + round + ", after more writes");
            verifyViews(statement, "round " + round + ", after " + WRITES_AFTER_RECOVERY
                    + " more operations in the same session (read-your-writes, no FLUSH)");
        }
    }

    /**
     * The tables must equal the model of acknowledged writes, or the model plus the operation in
     * flight at the kill; the model then becomes whichever held. Returns which one held.
     */
    private static String verifyTables(Statement statement, OrderWorkload workload, Operation inFlight, String when)
            throws SQLException {
        OrderState acknowledged = workload.acknowledged();
        String differences = tableDifferences(statement, acknowledged);
        if (differences.isEmpty()) {
            return inFlight == null ? "nothing was in flight" : "the operation in flight did not commit";
        }
        if (inFlight != null) {
            OrderState withInFlight = workload.acknowledgedWith(inFlight);
            String withDifferences = tableDifferences(statement, withInFlight);
            if (withDifferences.isEmpty()) {
                workload.resolve(withInFlight);
                return "the operation in flight committed";
            }
            differences += format("%n  and compared with the acknowledged writes plus the operation in flight "
                    + "(%s):%s", inFlight.script(), withDifferences);
        }
        throw new AssertionError(format("%s: the tables differ from the acknowledged writes (missing rows: "
                + "acknowledged writes lost; extra rows: duplicates, or writes never acknowledged):%s", when,
                differences));
    }

    private static String tableDifferences(Statement statement, OrderState expected) throws SQLException {
        StringBuilder differences = new StringBuilder();
        appendDifference(differences, "customers", ResultRows.query(statement, "SELECT id, region FROM customers"),
                expected.customerRows());
        appendDifference(differences, "orders",
                ResultRows.query(statement, "SELECT id, customer, amount, status FROM orders"), expected.orderRows());
        appendDifference(differences, "events", ResultRows.query(statement, "SELECT order_id, seq FROM events"),
                expected.eventRows());
        return differences.toString();
    }

    private static void appendDifference(StringBuilder differences, String table, ResultRows actual,
            ResultRows expected) {
        ResultRows.Difference difference = actual.differenceFrom(expected);
        if (!difference.isEmpty()) {
            differences.append(format("%n  %s: %s", table, difference.describe(ROWS_SHOWN).replace("\n", "\n  ")));
        }
    }

    /** Every view must equal its query, run as a plain SELECT over the tables by the same server. */
    private void verifyViews(Statement statement, String when) throws SQLException {
        List<String> failures = new ArrayList<>();
        for (ViewDefinition view : created) {
            ResultRows viewRows = ResultRows.query(statement, "SELECT * FROM " + view.name());
            ResultRows queryRows = ResultRows.query(statement, view.query());
            ResultRows.Difference difference = viewRows.differenceFrom(queryRows);
            if (!difference.isEmpty()) {
                failures.add(format("%s differs from its query (%s):%n  %s", view.name(), view.query(),
                        difference.describe(ROWS_SHOWN).replace("\n", "\n  ")));
            }
        }
        if (!failures.isEmpty()) {
            fail(format("%s: %d of %d views differ from their queries (missing: rows the query gives and the "
                    + "view lacks)%n%s", when, failures.size(), created.size(), String.join("\n", failures)));
        }
    }

    private void createViews(Statement statement, ViewDefinition.Stage stage) throws SQLException {
        for (ViewDefinition view : VIEWS) {
            if (view.stage() == stage) {
                statement.execute(view.freshetDdl());
                created.add(view);
            }
        }
    }

    private static void closeQuietly(Connection deadSession) {
        try {
            deadSession.close();
        }
        catch (SQLException ignored) {
            // The server it spoke to was killed: there is nothing left to close.
        }
    }
}
