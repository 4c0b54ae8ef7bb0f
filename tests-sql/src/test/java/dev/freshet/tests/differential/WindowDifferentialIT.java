package dev.freshet.tests.differential;

import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_LOAD;
import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_RESTART;
import static dev.freshet.tests.differential.ViewDefinition.Stage.BEFORE_LOAD;
import static dev.freshet.tests.differential.WindowView.onWindowClose;
import static dev.freshet.tests.differential.WindowView.updating;
import static dev.freshet.tests.process.DataDirectories.deleteRecursively;
import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import dev.freshet.tests.process.ServerProcess;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

    private static final String TABLE_CHECK = "table bids";
    private static final int INITIAL_LOAD_STATEMENTS = 60;
    private static final int ROWS_SHOWN = 15;
    private static final int RECENT_TRANSACTIONS_SHOWN = 6;

    private final Map<String, String> failures = new LinkedHashMap<>();
    private final List<WindowView> checked = new ArrayList<>();
    private final Deque<EventTimeTransaction> recentTransactions = new ArrayDeque<>();
    private final Map<String, PreparedStatement> freshetPrepared = new HashMap<>();
    /** Each view's row count at its last comparison: a view that stays empty proves little. */
    private final Map<String, Integer> lastSizes = new LinkedHashMap<>();
    private long seed;
    private ServerProcess server;
    private Connection freshet;
    private Statement freshetStatement;
    private Connection oracle;
    private Statement oracleStatement;
    private BufferedWriter transcript;
    private Path transcriptFile;
    private String position = "before the first transaction";
    private long watermark = BidsModel.NO_WATERMARK;
    private int checks;
    private long comparisons;
    private long rowsCompared;
    private long checkNanos;
    private long rowsInserted;
    private long lateRows;
    private int refusals;

    @Test
    void shouldKeepEveryWindowedViewEqualToDuckDbUnderLateAndDisorderedRowsAndAcrossRestart() throws Exception {
        seed = Long.getLong("freshet.windows.seed", System.nanoTime());
        int transactions = Integer.getInteger("freshet.windows.transactions", 600);
        System.out.printf("freshet-windows: seed %d (replay with -Dfreshet.windows.seed=%d), %d transactions%n",
                seed, seed, transactions);
        long started = System.nanoTime();
        DifferentialServer.RunFiles files = DifferentialServer.RunFiles.prepare("windows-" + seed);
        transcriptFile = files.logFile(".sql");
        try (ServerProcess process = DifferentialServer.create(files);
                BufferedWriter script = Files.newBufferedWriter(transcriptFile, UTF_8);
                Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            server = process;
            transcript = script;
            oracle = duckdb;
            oracleStatement = duckdb.createStatement();
            long phase = System.nanoTime();
            server.start();
            connectToFreshet();
            System.out.printf("freshet-windows: server started in %d ms%n", millisSince(phase));

            record(EventTimeWorkload.CREATE_TABLE + ";");
            freshetStatement.execute(EventTimeWorkload.CREATE_TABLE);
            oracleStatement.execute(EventTimeWorkload.CREATE_ORACLE_TABLE);
            EventTimeWorkload workload = new EventTimeWorkload(seed);
            createViews(BEFORE_LOAD);
            check("on an empty table");

            phase = System.nanoTime();
            position = "in the initial load";
            for (EventTimeTransaction transaction : workload.initialLoad(INITIAL_LOAD_STATEMENTS)) {
                execute(transaction);
            }
            System.out.printf("freshet-windows: initial load, %d statements in %d ms%n", INITIAL_LOAD_STATEMENTS,
                    millisSince(phase));
            position = "after the initial load";
            check(position);
            phase = System.nanoTime();
            createViews(AFTER_LOAD);
            System.out.printf("freshet-windows: %d views created (backfilled) in %d ms%n",
                    VIEWS.stream().filter(view -> view.stage() == AFTER_LOAD).count(), millisSince(phase));
            check(position + ", with the backfilled views");

            runTransactions(workload, transactions);
            String serverErrors = server.errorSummary();
            if (!serverErrors.isEmpty()) {
                failures.put("server log", "the server logged errors during the run: " + serverErrors);
            }
        }
        catch (AssertionError | RuntimeException | SQLException | IOException e) {
            throw new AssertionError(format("%s (seed %d, %s; replay with -Dfreshet.windows.seed=%d)%n%s",
                    e.getMessage(), seed, position, seed, context()), e);
        }
        System.out.printf("freshet-windows: seed %d, %d rows inserted (%d late), %d refused changes, watermark %s; "
                        + "%d checks, %d view comparisons, %d rows compared, checks took %d ms; whole test %d s%n",
                seed, rowsInserted, lateRows, refusals, renderWatermark(watermark), checks, comparisons, rowsCompared,
                TimeUnit.NANOSECONDS.toMillis(checkNanos), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        System.out.printf("freshet-windows: rows per view at the last check: %s%n", lastSizes);
        if (!failures.isEmpty()) {
            fail(format("%d problems (views or the table that differ from DuckDB, views that could not be created, "
                    + "errors in the server log) among %d views (seed %d; replay with -Dfreshet.windows.seed=%d)"
                    + "%n%n%s%n%s", failures.size(), VIEWS.size(), seed, seed, String.join("\n\n", failures.values()),
                    context()));
        }
        deleteRecursively(files.dataDir());
    }

    private void runTransactions(EventTimeWorkload workload, int transactions) throws SQLException, IOException {
        Random checkCadence = new Random(seed ^ 0x5DEECE66DL);
        int untilCheck = 4 + checkCadence.nextInt(7);
        int committed = 0;
        int rolledBack = 0;
        long phase = System.nanoTime();
        long checkNanosBefore = checkNanos;
        for (int done = 1; done <= transactions; done++) {
            EventTimeTransaction transaction = workload.next();
            position = "after random transaction " + done + " of " + transactions + " (transaction "
                    + transaction.number() + ")";
            execute(transaction);
            if (transaction.commits()) {
                committed++;
            }
            else {
                rolledBack++;
            }
            untilCheck--;
            if (untilCheck <= 0 || done == transactions) {
                check(position);
                untilCheck = 4 + checkCadence.nextInt(7);
            }
            if (done == transactions / 2) {
                restart();
            }
        }
        long elapsed = System.nanoTime() - phase;
        System.out.printf("freshet-windows: %d transactions (%d committed, %d rolled back) in %.1f s, "
                        + "checks took %.1f s%n", transactions, committed, rolledBack, elapsed / 1e9,
                (checkNanos - checkNanosBefore) / 1e9);
    }

    /** A graceful stop and a start on the same data: rows, watermark and views must come back whole. */
    private void restart() throws SQLException, IOException {
        record("-- restart (SIGTERM, start on the same data directory)");
        long phase = System.nanoTime();
        freshet.close();
        server.stop();
        long stopped = millisSince(phase);
        server.start();
        connectToFreshet();
        System.out.printf("freshet-windows: restart took %d ms (stop %d ms)%n", millisSince(phase), stopped);
        String restarted = position + ", after a restart";
        check(restarted);
        createViews(AFTER_RESTART);
        check(restarted + ", with the views created after it");
    }

    private void createViews(ViewDefinition.Stage stage) throws SQLException, IOException {
        for (WindowView view : VIEWS) {
            if (view.stage() != stage) {
                continue;
            }
            record(view.freshetDdl() + ";");
            oracleStatement.execute(view.oracleDdl());
            try {
                freshetStatement.execute(view.freshetDdl());
                checked.add(view);
            }
            catch (SQLException e) {
                requireServerAlive();
                failures.put(view.name(), format("%s (%s) could not be created %s: %s [SQLSTATE %s]%n  %s",
                        view.name(), view.kind(), position, e.getMessage(), e.getSQLState(), view.freshetDdl()));
            }
        }
    }

    private void execute(EventTimeTransaction transaction) throws SQLException, IOException {
        record(transaction.script());
        recentTransactions.addLast(transaction);
        while (recentTransactions.size() > RECENT_TRANSACTIONS_SHOWN) {
            recentTransactions.removeFirst();
        }
        String where = "transaction " + transaction.number();
        if (transaction.ending() == DmlTransaction.Ending.AUTOCOMMIT) {
            for (ModeledStatement statement : transaction.statements()) {
                runOnBoth(statement, where);
            }
        }
        else {
            runOnFreshet("BEGIN", where);
            oracle.setAutoCommit(false);
            for (ModeledStatement statement : transaction.statements()) {
                runOnBoth(statement, where);
            }
            if (transaction.commits()) {
                runOnFreshet("COMMIT", where);
                oracle.commit();
            }
            else {
                runOnFreshet("ROLLBACK", where);
                oracle.rollback();
            }
            oracle.setAutoCommit(true);
        }
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
        int freshetCount;
        boolean noticed;
        try {
            PreparedStatement prepared = prepareOnFreshet(statement.sql());
            statement.bind(prepared);
            prepared.clearWarnings();
            freshetCount = prepared.executeUpdate();
            noticed = prepared.getWarnings() != null;
        }
        catch (SQLException e) {
            requireServerAlive();
            throw new AssertionError(format("Freshet failed %s in %s: %s [SQLSTATE %s]", statement.render(), where,
                    e.getMessage(), e.getSQLState()), e);
        }
        if (freshetCount != modeled.expectedRows()) {
            throw new AssertionError(format("%s in %s: Freshet says %d rows, the model %d (%s; watermark before the "
                            + "transaction %s)", statement.render(), where, freshetCount, modeled.expectedRows(),
                    lateRowsText(modeled), renderWatermark(watermark)));
        }
        if (!modeled.late().isEmpty() && !noticed) {
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
            PreparedStatement prepared = prepareOnFreshet(statement.sql());
            statement.bind(prepared);
            count = prepared.executeUpdate();
        }
        catch (SQLException e) {
            requireServerAlive();
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
        int oracleCount;
        // Prepared anew each time: DuckDB (1.4.2) keeps a prepared statement's plan, made with the
        // statistics of its time, and re-executing it later can return wrong rows.
        try (PreparedStatement prepared = oracle.prepareStatement(mirror.sql())) {
            mirror.bind(prepared);
            oracleCount = prepared.executeUpdate();
        }
        catch (SQLException e) {
            throw new AssertionError(format("DuckDB refused %s in %s (a bug of the generator): %s", mirror.render(),
                    where, e.getMessage()), e);
        }
        if (oracleCount != modeled.expectedRows()) {
            throw new AssertionError(format("%s in %s: DuckDB says %d rows, the model %d (a bug of the model)",
                    mirror.render(), where, oracleCount, modeled.expectedRows()));
        }
    }

    private void runOnFreshet(String statement, String where) {
        try {
            freshetStatement.execute(statement);
        }
        catch (SQLException e) {
            requireServerAlive();
            throw new AssertionError(format("Freshet failed %s in %s: %s [SQLSTATE %s]", statement, where,
                    e.getMessage(), e.getSQLState()), e);
        }
    }

    /** Compares the table and every view still correct with the oracle; a differing view is reported and left out. */
    private void check(String when) throws SQLException, IOException {
        long start = System.nanoTime();
        checks++;
        record("-- check " + checks + " " + when + "; watermark " + renderWatermark(watermark));
        if (!failures.containsKey(TABLE_CHECK)) {
            String select = "SELECT * FROM " + EventTimeWorkload.TABLE;
            ResultRows.Difference difference = freshetRows(select).differenceFrom(query(oracleStatement, select));
            if (!difference.isEmpty()) {
                failures.put(TABLE_CHECK, format("table bids differs from DuckDB's copy %s (check %d, watermark %s): "
                                + "late rows stored, refused changes applied, or rows lost?%n  %s", when, checks,
                        renderWatermark(watermark), difference.describe(ROWS_SHOWN).replace("\n", "\n  ")));
            }
        }
        for (WindowView view : checked) {
            if (failures.containsKey(view.name())) {
                continue;
            }
            ResultRows expected = expectedRows(view);
            String select = "SELECT * FROM " + view.name();
            ResultRows actual;
            try {
                actual = freshetRows(select);
            }
            catch (SQLException e) {
                requireServerAlive();
                failures.put(view.name(), format("%s %s: %s failed: %s [SQLSTATE %s]%n  %s", view.name(), when,
                        select, e.getMessage(), e.getSQLState(), view.freshetDdl()));
                continue;
            }
            comparisons++;
            rowsCompared += actual.size();
            lastSizes.put(view.name(), actual.size());
            ResultRows.Difference difference = actual.differenceFrom(expected);
            if (!difference.isEmpty()) {
                failures.put(view.name(), describeMismatch(view, when, expected, difference));
            }
        }
        checkNanos += System.nanoTime() - start;
    }

    /** DuckDB's result of the view's query; for EMIT ON WINDOW CLOSE only the windows the watermark closed. */
    private ResultRows expectedRows(WindowView view) throws SQLException {
        if (!view.emitOnWindowClose()) {
            return query(oracleStatement, "SELECT * FROM " + view.name());
        }
        if (watermark == BidsModel.NO_WATERMARK) {
            return query(oracleStatement, "SELECT * FROM " + view.name() + " WHERE 1 = 0");
        }
        try (PreparedStatement closed = oracle.prepareStatement("SELECT * FROM " + view.name()
                + " WHERE window_end <= ?")) {
            closed.setObject(1, EventTime.toTimestamp(watermark), Types.TIMESTAMP);
            try (ResultSet resultSet = closed.executeQuery()) {
                return ResultRows.read(resultSet);
            }
        }
    }

    /** The view's query as a batch SELECT on Freshet, restricted like {@link #expectedRows} for EOWC views. */
    private String batchQuery(WindowView view) {
        if (!view.emitOnWindowClose()) {
            return view.freshetQuery();
        }
        String closed = watermark == BidsModel.NO_WATERMARK ? "1 = 0"
                : "window_end <= TIMESTAMP '" + EventTime.render(watermark) + "'";
        return "SELECT * FROM (" + view.freshetQuery() + ") AS windows WHERE " + closed;
    }

    private String describeMismatch(WindowView view, String when, ResultRows expected,
            ResultRows.Difference difference) {
        String batch;
        String batchQuery = batchQuery(view);
        try {
            ResultRows.Difference batchDifference;
            try (ResultSet resultSet = freshetStatement.executeQuery(batchQuery)) {
                batchDifference = ResultRows.read(resultSet).differenceFrom(expected);
            }
            if (batchDifference.isEmpty()) {
                batch = "agrees with DuckDB, so the view's maintenance is wrong";
            }
            else {
                batch = "differs too (a batch bug or a dialect difference): " + batchDifference.describe(ROWS_SHOWN);
            }
        }
        catch (SQLException e) {
            batch = format("fails: %s [SQLSTATE %s]", e.getMessage(), e.getSQLState());
        }
        return format("%s (%s, created %s) differs from DuckDB %s (check %d, modeled watermark %s):%n  %s%n  %s%n"
                        + "  Freshet's batch SELECT of the same query %s%n    %s",
                view.name(), view.kind(), view.stage(), when, checks, renderWatermark(watermark), view.freshetDdl(),
                difference.describe(ROWS_SHOWN).replace("\n", "\n  "), batch.replace("\n", "\n  "), batchQuery);
    }

    private String context() {
        String recent = recentTransactions.stream().map(EventTimeTransaction::script).collect(Collectors.joining());
        return format("last transactions:%n%stranscript of every statement: %s%nserver log: %s%n"
                        + "last server output:%n%s",
                recent, transcriptFile, server == null ? "-" : server.launch().logFile(),
                server == null ? "" : server.recentOutput());
    }

    private void requireServerAlive() {
        if (!server.isAlive()) {
            throw new AssertionError("the Freshet server died " + position);
        }
    }

    private void connectToFreshet() throws SQLException {
        freshetPrepared.clear();
        freshet = DifferentialServer.connect(server);
        freshetStatement = freshet.createStatement();
    }

    private void record(String text) throws IOException {
        transcript.write(text);
        transcript.write('\n');
        transcript.flush();
    }

    /** Freshet's prepared statement for this text, prepared once per session (Freshet caches its plan). */
    private PreparedStatement prepareOnFreshet(String sql) throws SQLException {
        PreparedStatement prepared = freshetPrepared.get(sql);
        if (prepared == null) {
            prepared = freshet.prepareStatement(sql);
            freshetPrepared.put(sql, prepared);
        }
        return prepared;
    }

    private ResultRows freshetRows(String select) throws SQLException {
        try (ResultSet resultSet = prepareOnFreshet(select).executeQuery()) {
            return ResultRows.read(resultSet);
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

    private static ResultRows query(Statement statement, String sql) throws SQLException {
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            return ResultRows.read(resultSet);
        }
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
