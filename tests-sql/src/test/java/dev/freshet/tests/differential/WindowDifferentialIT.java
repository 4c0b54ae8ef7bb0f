package dev.freshet.tests.differential;

import static dev.freshet.tests.differential.DifferentialRun.millisSince;
import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_LOAD;
import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_RESTART;
import static dev.freshet.tests.differential.ViewDefinition.Stage.BEFORE_LOAD;
import static dev.freshet.tests.differential.WindowView.onWindowClose;
import static dev.freshet.tests.differential.WindowView.updating;
import static java.lang.String.format;

import dev.freshet.tests.differential.DmlStatement.Parameter;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The proof that event-time windows in materialized views are right: seeded random transactions
 * with disordered, late and NULL event times ({@link EventTimeWorkload}) run on a real Freshet
 * server, and every few transactions each windowed view, read with {@code SELECT * FROM mv} in the
 * session that wrote (read-your-writes, no FLUSH), must equal, as a multiset, its query evaluated
 * by DuckDB with the windows computed in plain SQL ({@link WindowFunction#oracleTable},
 * {@link SessionFunction#oracleTable}).
 *
 * <p>Lateness is modeled, not observed: {@link BidsModel} predicts each transaction's watermark,
 * which inserted rows are late (Freshet must leave them out of the table and of the INSERT's row
 * count, with a NOTICE), and which UPDATEs and DELETEs touch final rows (Freshet must refuse them
 * with SQLSTATE 55000 and change nothing). DuckDB's copy of the table, which has no watermark,
 * receives only what Freshet must accept, so a view that shows every window's current result
 * must equal the batch query over it, and an {@code EMIT ON WINDOW CLOSE} view must equal the
 * batch query restricted to the windows the modeled watermark has closed ({@code window_end <=
 * W}). The table itself is compared too.
 *
 * <p>The run: the table, the {@link ViewDefinition.Stage#BEFORE_LOAD} views, an initial load, the
 * {@link ViewDefinition.Stage#AFTER_LOAD} views (backfilled), the random transactions, with a
 * graceful restart half-way followed by the {@link ViewDefinition.Stage#AFTER_RESTART} views. A
 * statement whose row count or error differs from the model's stops the run (the engines would
 * diverge from there on). A view that differs is reported with the transaction, the query, the
 * rows missing and extra, and whether Freshet's own batch SELECT of the query agrees with DuckDB;
 * it is then no longer checked, and the run goes on. A line the server logs at ERROR fails the run
 * too. Freshet's data directory and log, and a transcript of every statement with the predicted
 * outcomes and watermarks, are kept under {@code target/} after a failure.
 *
 * <p>This class holds the workload, the views and the model's expectations ({@link
 * ModeledWatermark}); the harness it shares with {@link MaterializedViewDifferentialIT} runs the
 * server, both engines and the transcript ({@link DifferentialRun}) and checks the views ({@link
 * ViewChecks}).
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code freshet.windows.seed}: the seed (default: random, printed); replays a run;</li>
 *   <li>{@code freshet.windows.transactions}: random transactions per run (default 600);</li>
 *   <li>{@code freshet.differential.data}, {@code freshet.differential.logs},
 *       {@code freshet.differential.jvmOptions}: as for {@link MaterializedViewDifferentialIT}.</li>
 * </ul>
 */
class WindowDifferentialIT {
    private static final WindowFunction TUMBLE_10S = WindowFunction.tumble(10);
    private static final WindowFunction TUMBLE_5S = WindowFunction.tumble(5);
    private static final WindowFunction TUMBLE_10S_OFFSET_3S = WindowFunction.tumble(10, 3);
    private static final WindowFunction HOP_2S_10S = WindowFunction.hop(2, 10);
    private static final WindowFunction HOP_3S_9S_OFFSET_1S = WindowFunction.hop(3, 9, 1);
    private static final SessionFunction SESSIONS_BY_BIDDER_3S = new SessionFunction("bidder", 3);
    private static final SessionFunction SESSIONS_BY_AUCTION_5S = new SessionFunction("auction", 5);

    /**
     * The views, in creation order. Every query is valid in both dialects with the same meaning:
     * orders are total (ties broken by id, NULLs placed explicitly) and nothing divides integers.
     */
    private static final List<WindowView> VIEWS = List.of(
            updating("mv_tumble_totals", BEFORE_LOAD, TUMBLE_10S,
                    "SELECT window_start, window_end, COUNT(*) AS n, COUNT(price) AS priced, SUM(price) AS total, "
                            + "MIN(price) AS low, MAX(price) AS high FROM {window} GROUP BY window_start, window_end"),
            updating("mv_tumble_rows", BEFORE_LOAD, TUMBLE_5S,
                    "SELECT id, auction, price, window_start, window_end FROM {window} WHERE price > 40"),
            updating("mv_tumble_offset", BEFORE_LOAD, TUMBLE_10S_OFFSET_3S,
                    "SELECT window_start, window_end, COUNT(*) AS n, SUM(price) AS total, MAX(bidder) AS top_bidder, "
                            + "STRING_AGG(CAST(id AS VARCHAR), ',' ORDER BY id) AS ids "
                            + "FROM {window} GROUP BY window_start, window_end"),
            updating("mv_hop_auction", BEFORE_LOAD, HOP_2S_10S,
                    "SELECT window_start, window_end, auction, COUNT(*) AS n, MIN(price) AS low, "
                            + "COUNT(DISTINCT bidder) AS bidders FROM {window} "
                            + "GROUP BY window_start, window_end, auction"),
            updating("mv_sessions_by_bidder", BEFORE_LOAD, SESSIONS_BY_BIDDER_3S,
                    "SELECT bidder, window_start, window_end, COUNT(*) AS n, SUM(price) AS total, MAX(price) AS high "
                            + "FROM {window} GROUP BY bidder, window_start, window_end"),
            onWindowClose("mv_eowc_tumble", BEFORE_LOAD, TUMBLE_10S,
                    "SELECT window_start, window_end, COUNT(*) AS n, SUM(price) AS total, MAX(price) AS high "
                            + "FROM {window} GROUP BY window_start, window_end"),
            updating("mv_tumble_auction_bidders", AFTER_LOAD, TUMBLE_10S,
                    "SELECT window_start, window_end, auction, COUNT(DISTINCT bidder) AS bidders, COUNT(*) AS n, "
                            + "SUM(price) AS total, AVG(price) AS average FROM {window} "
                            + "GROUP BY window_start, window_end, auction"),
            updating("mv_hop_totals", AFTER_LOAD, HOP_2S_10S,
                    "SELECT window_start, window_end, COUNT(*) AS n, SUM(price) AS total, MAX(price) AS high "
                            + "FROM {window} GROUP BY window_start, window_end"),
            updating("mv_window_top3", AFTER_LOAD, TUMBLE_10S,
                    "SELECT * FROM (SELECT window_start, window_end, auction, price, id, ROW_NUMBER() OVER "
                            + "(PARTITION BY window_start, window_end ORDER BY price DESC NULLS LAST, id) AS rn "
                            + "FROM {window}) ranked WHERE rn <= 3"),
            onWindowClose("mv_eowc_hop_auction", AFTER_LOAD, HOP_2S_10S,
                    "SELECT window_start, window_end, auction, COUNT(*) AS n, SUM(price) AS total "
                            + "FROM {window} GROUP BY window_start, window_end, auction"),
            updating("mv_session_rows", AFTER_LOAD, SESSIONS_BY_AUCTION_5S,
                    "SELECT id, auction, price, window_start, window_end FROM {window}"),
            onWindowClose("mv_eowc_sessions", AFTER_LOAD, SESSIONS_BY_BIDDER_3S,
                    "SELECT bidder, window_start, window_end, COUNT(*) AS n, MIN(price) AS low "
                            + "FROM {window} GROUP BY bidder, window_start, window_end"),
            updating("mv_tumble_having", AFTER_LOAD, TUMBLE_5S,
                    "SELECT window_start, window_end, bidder, COUNT(*) AS n, MAX(price) AS high FROM {window} "
                            + "GROUP BY window_start, window_end, bidder HAVING COUNT(*) >= 2"),
            updating("mv_hop_offset", AFTER_RESTART, HOP_3S_9S_OFFSET_1S,
                    "SELECT window_start, window_end, COUNT(*) AS n, SUM(price) AS total, MIN(price) AS low "
                            + "FROM {window} GROUP BY window_start, window_end"),
            onWindowClose("mv_eowc_tumble_offset", AFTER_RESTART, TUMBLE_10S_OFFSET_3S,
                    "SELECT window_start, window_end, auction, COUNT(*) AS n, COUNT(DISTINCT bidder) AS bidders "
                            + "FROM {window} GROUP BY window_start, window_end, auction"));

    private static final DifferentialRun.Settings SETTINGS =
            new DifferentialRun.Settings("freshet-windows", "freshet.windows", "windows", 600, 6);
    private static final String TABLE_CHECK = "table bids";
    private static final int INITIAL_LOAD_STATEMENTS = 60;

    private DifferentialRun run;
    private ViewChecks<WindowView> views;
    private long watermark = BidsModel.NO_WATERMARK;
    private long rowsInserted;
    private long lateRows;
    private int refusals;

    @Test
    void shouldKeepEveryWindowedViewEqualToDuckDbUnderLateAndDisorderedRowsAndAcrossRestart() throws Exception {
        run = DifferentialRun.prepare(SETTINGS);
        views = new ViewChecks<>(run, VIEWS, new ModeledWatermark());
        run.execute(() -> {
            run.transcript().record(EventTimeWorkload.CREATE_TABLE + ";");
            run.freshet().execute(EventTimeWorkload.CREATE_TABLE);
            run.oracle().execute(EventTimeWorkload.CREATE_ORACLE_TABLE);
            EventTimeWorkload workload = new EventTimeWorkload(run.seed());
            views.create(BEFORE_LOAD);
            views.check("on an empty table");

            long phase = System.nanoTime();
            run.position("in the initial load");
            for (EventTimeTransaction transaction : workload.initialLoad(INITIAL_LOAD_STATEMENTS)) {
                execute(transaction);
            }
            System.out.printf("freshet-windows: initial load, %d statements in %d ms%n", INITIAL_LOAD_STATEMENTS,
                    millisSince(phase));
            views.checkLoadAndBackfill();
            runTransactions(workload);
        });
        run.printSummary(format("%d rows inserted (%d late), %d refused changes, watermark %s; %s", rowsInserted,
                lateRows, refusals, renderWatermark(watermark), views.summary()));
        System.out.printf("freshet-windows: rows per view at the last check: %s%n", views.lastSizes());
        run.failIfProblems("views or the table that differ from DuckDB, views that could not be created, "
                + "errors in the server log", VIEWS.size());
        run.deleteDataDirectory();
    }

    private void runTransactions(EventTimeWorkload workload) throws SQLException, IOException {
        int transactions = run.transactions();
        int committed = 0;
        int rolledBack = 0;
        long phase = System.nanoTime();
        long checkNanosBefore = views.checkNanos();
        for (int done = 1; done <= transactions; done++) {
            EventTimeTransaction transaction = workload.next();
            run.position("after random transaction " + done + " of " + transactions + " (transaction "
                    + transaction.number() + ")");
            execute(transaction);
            if (transaction.commits()) {
                committed++;
            }
            else {
                rolledBack++;
            }
            views.afterTransaction(done, transactions, false);
        }
        long elapsed = System.nanoTime() - phase;
        System.out.printf("freshet-windows: %d transactions (%d committed, %d rolled back) in %.1f s, "
                        + "checks took %.1f s%n", transactions, committed, rolledBack, elapsed / 1e9,
                (views.checkNanos() - checkNanosBefore) / 1e9);
    }

    private void execute(EventTimeTransaction transaction) throws SQLException, IOException {
        run.runTransaction(transaction, this::runOnBoth);
        watermark = transaction.watermarkAfter();
    }

    /**
     * Runs a statement on Freshet, which must do what the model predicts (row count, NOTICE for
     * late rows, or refusal), and its mirror on DuckDB, which must report the same row count.
     */
    private void runOnBoth(ModeledStatement modeled, String where) {
        DmlStatement statement = modeled.statement();
        if (modeled.isRefused()) {
            expectRefusal(modeled, where);
            refusals++;
            return;
        }
        FreshetSession.Update update = run.freshet().requireUpdate(statement, where);
        if (update.rows() != modeled.expectedRows()) {
            throw new AssertionError(format("%s in %s: Freshet says %d rows, the model %d (%s; watermark before the "
                            + "transaction %s)", statement.render(), where, update.rows(), modeled.expectedRows(),
                    lateRowsText(modeled), renderWatermark(watermark)));
        }
        if (!modeled.late().isEmpty() && !update.noticed()) {
            throw new AssertionError(format("%s in %s: Freshet left out %s but sent no NOTICE about it",
                    statement.render(), where, lateRowsText(modeled)));
        }
        rowsInserted += modeled.inserted().size();
        lateRows += modeled.late().size();
        if (modeled.mirror() != null) {
            runOnOracle(modeled, where);
        }
    }

    private void expectRefusal(ModeledStatement modeled, String where) {
        DmlStatement statement = modeled.statement();
        int count;
        try {
            count = run.freshet().executeUpdate(statement).rows();
        }
        catch (SQLException e) {
            run.freshet().requireServerAlive();
            if (!modeled.refusal().equals(e.getSQLState())) {
                throw new AssertionError(format("Freshet failed %s in %s with SQLSTATE %s (%s); expected SQLSTATE %s: "
                                + "it touches a row below the watermark %s", statement.render(), where, e.getSQLState(),
                        e.getMessage(), modeled.refusal(), renderWatermark(watermark)), e);
            }
            return;
        }
        throw new AssertionError(format("Freshet ran %s in %s (%d rows), but it touches a row below the watermark %s "
                        + "(or moves one below it): it must fail with SQLSTATE %s and change nothing",
                statement.render(), where, count, renderWatermark(watermark), modeled.refusal()));
    }

    private void runOnOracle(ModeledStatement modeled, String where) {
        DmlStatement mirror = modeled.mirror();
        int oracleCount = run.oracle().executeUpdate(mirror, where);
        if (oracleCount != modeled.expectedRows()) {
            throw new AssertionError(format("%s in %s: DuckDB says %d rows, the model %d (a bug of the model)",
                    mirror.render(), where, oracleCount, modeled.expectedRows()));
        }
    }

    private static String lateRowsText(ModeledStatement modeled) {
        if (modeled.late().isEmpty()) {
            return "no late rows";
        }
        return format("%d of its %d rows late: ids %s", modeled.late().size(), modeled.inserted().size(),
                modeled.late().stream().map(row -> String.valueOf(row.id())).collect(Collectors.joining(", ")));
    }

    private static String renderWatermark(long watermark) {
        return watermark == BidsModel.NO_WATERMARK ? "none (no row yet)" : EventTime.render(watermark);
    }

    /**
     * What the views must hold under the modeled watermark: DuckDB's result of a view's query; for
     * an EMIT ON WINDOW CLOSE view only the windows the watermark has closed. The table itself must
     * equal DuckDB's copy, which received only the rows and changes Freshet must accept.
     */
    private final class ModeledWatermark implements ViewOracle<WindowView> {
        @Override
        public ResultRows expectedRows(WindowView view) throws SQLException {
            String select = "SELECT * FROM " + view.name();
            if (!view.emitOnWindowClose()) {
                return run.oracle().rows(select);
            }
            if (watermark == BidsModel.NO_WATERMARK) {
                return run.oracle().rows(select + " WHERE 1 = 0");
            }
            return run.oracle().rows(DmlStatement.of(select + " WHERE window_end <= ?",
                    Parameter.timestamp(EventTime.toTimestamp(watermark))));
        }

        /** The view's query as a batch SELECT on Freshet, restricted like {@link #expectedRows} for EOWC views. */
        @Override
        public String batchQuery(WindowView view) {
            if (!view.emitOnWindowClose()) {
                return view.freshetQuery();
            }
            String closed = watermark == BidsModel.NO_WATERMARK ? "1 = 0"
                    : "window_end <= TIMESTAMP '" + EventTime.render(watermark) + "'";
            return "SELECT * FROM (" + view.freshetQuery() + ") AS windows WHERE " + closed;
        }

        @Override
        public String assumption() {
            return "modeled watermark " + renderWatermark(watermark);
        }

        @Override
        public void checkTables(String when, int check) throws SQLException {
            if (run.hasProblem(TABLE_CHECK)) {
                return;
            }
            String select = "SELECT * FROM " + EventTimeWorkload.TABLE;
            ResultRows.Difference difference = run.freshet().rows(select).differenceFrom(run.oracle().rows(select));
            if (!difference.isEmpty()) {
                run.addProblem(TABLE_CHECK, format("table bids differs from DuckDB's copy %s (check %d, watermark %s): "
                                + "late rows stored, refused changes applied, or rows lost?%n  %s", when, check,
                        renderWatermark(watermark),
                        difference.describe(ViewChecks.ROWS_SHOWN).replace("\n", "\n  ")));
            }
        }
    }
}
