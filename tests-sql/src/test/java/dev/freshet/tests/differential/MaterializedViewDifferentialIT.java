package dev.freshet.tests.differential;

import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_LOAD;
import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_RESTART;
import static dev.freshet.tests.differential.ViewDefinition.Stage.BEFORE_LOAD;
import static dev.freshet.tests.differential.ViewDefinition.materialized;
import static dev.freshet.tests.differential.ViewDefinition.plain;
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
 * The proof that incremental results are right: seeded random transactions run on a real Freshet
 * server and, statement for statement, on an in-memory DuckDB; every few transactions each
 * materialized view, read with {@code SELECT * FROM mv} in the session that wrote (read-your-writes,
 * no FLUSH), must equal, as a multiset, its defining query evaluated by DuckDB over the same input.
 *
 * <p>The run: tables, then the {@link ViewDefinition.Stage#BEFORE_LOAD} views (maintained from the
 * first row), an initial load, the {@link ViewDefinition.Stage#AFTER_LOAD} views (backfilled), the
 * random transactions, with a graceful restart half-way followed by the {@link
 * ViewDefinition.Stage#AFTER_RESTART} views. Update counts of every statement must agree too. A
 * view that differs once is reported with the transaction, the query, the rows missing and extra,
 * and whether Freshet's own batch SELECT of the query agrees with DuckDB (which tells an MV
 * maintenance bug from a dialect difference); it is then no longer checked, and the run goes on
 * so that one run shows every broken view. A line the server logs at ERROR fails the run too.
 * Freshet's data directory and its log, and a transcript of every statement, are kept under
 * {@code target/} after a failure.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code freshet.differential.seed}: the seed (default: random, printed); replays a run;</li>
 *   <li>{@code freshet.differential.transactions}: random transactions per run (default 1200);</li>
 *   <li>{@code freshet.differential.data}, {@code freshet.differential.logs}: where data
 *       directories and logs/transcripts go (default {@code target/differential-data},
 *       {@code target/differential-logs});</li>
 *   <li>{@code freshet.differential.jvmOptions}: the server JVM's options (default {@code -Xmx1g}).</li>
 * </ul>
 */
class MaterializedViewDifferentialIT {
    /**
     * The views, in creation order (a view over a view comes after it). Every query is valid in
     * both dialects with the same meaning: ORDER BY inside windows and STRING_AGG is total (ties
     * broken by id, NULLS placed explicitly), there is no integer division, and text compares by
     * code point in both engines.
     */
    private static final List<ViewDefinition> VIEWS = List.of(
            plain("v_t1_positive", BEFORE_LOAD, "SELECT id, g, v, s FROM t1 WHERE v > 0"),
            materialized("mv_project", BEFORE_LOAD,
                    "SELECT id, g, v * 2 + 1 AS v2, "
                            + "CASE WHEN v > 10 THEN 'high' WHEN v > 0 THEN 'low' ELSE 'other' END AS band, "
                            + "s || '-x' AS s2, COALESCE(d, 0) AS d0, NOT b AS nb "
                            + "FROM t1 WHERE b IS NOT FALSE AND (v IS NULL OR v <> 3)"),
            materialized("mv_group_agg", BEFORE_LOAD,
                    "SELECT g, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS sv, AVG(v) AS av, MIN(v) AS minv, "
                            + "MAX(v) AS maxv, SUM(d) AS sd, AVG(d) AS ad, MIN(d) AS mind, MAX(s) AS maxs "
                            + "FROM t1 GROUP BY g"),
            materialized("mv_count_distinct", BEFORE_LOAD,
                    "SELECT g, COUNT(DISTINCT v) AS dv, COUNT(DISTINCT s) AS ds FROM t1 GROUP BY g"),
            materialized("mv_bool_agg", BEFORE_LOAD,
                    "SELECT g, BOOL_AND(b) AS all_b, BOOL_OR(b) AS any_b, COUNT(b) AS nb FROM t1 GROUP BY g"),
            materialized("mv_string_agg", BEFORE_LOAD,
                    "SELECT g, STRING_AGG(s, ',' ORDER BY s) AS ss FROM t1 GROUP BY g"),
            materialized("mv_having", BEFORE_LOAD,
                    "SELECT g, COUNT(*) AS n, SUM(v) AS sv FROM t1 GROUP BY g HAVING COUNT(*) > 25"),
            materialized("mv_global_agg", BEFORE_LOAD,
                    "SELECT COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS sv, MIN(v) AS minv, MAX(v) AS maxv, "
                            + "AVG(d) AS ad FROM t1"),
            materialized("mv_inner_join", BEFORE_LOAD,
                    "SELECT t1.id, t1.v, t2.id AS id2, t2.name FROM t1 JOIN t2 ON t1.g = t2.k"),
            materialized("mv_left_join", BEFORE_LOAD,
                    "SELECT t1.id, t1.g, t2.id AS id2, t2.w FROM t1 LEFT JOIN t2 ON t1.g = t2.k"),
            materialized("mv_semi_in", BEFORE_LOAD,
                    "SELECT id, g, v FROM t1 WHERE g IN (SELECT k FROM t3 WHERE x > 2)"),
            materialized("mv_anti_exists", BEFORE_LOAD,
                    "SELECT id, k, name FROM t2 WHERE NOT EXISTS (SELECT 1 FROM t3 WHERE t3.k = t2.k)"),
            materialized("mv_union_all", BEFORE_LOAD,
                    "SELECT g AS k, v AS val FROM t1 UNION ALL SELECT k, x FROM t3"),
            materialized("mv_top_n", BEFORE_LOAD,
                    "SELECT * FROM (SELECT id, g, v, ROW_NUMBER() OVER "
                            + "(PARTITION BY g ORDER BY v DESC NULLS LAST, id) AS rn FROM t1) ranked WHERE rn <= 2"),
            materialized("mv_join_agg", BEFORE_LOAD,
                    "SELECT t2.name, COUNT(*) AS n, SUM(t1.v) AS sv, MAX(t2.w) AS maxw "
                            + "FROM t1 JOIN t2 ON t1.g = t2.k GROUP BY t2.name"),
            materialized("mv_on_mv", BEFORE_LOAD,
                    "SELECT band, COUNT(*) AS n, SUM(v2) AS sv2, MAX(d0) AS maxd FROM mv_project GROUP BY band"),
            materialized("mv_over_view", BEFORE_LOAD,
                    "SELECT g, COUNT(*) AS n, MIN(s) AS mins FROM v_t1_positive GROUP BY g"),
            materialized("mv_global_t3", AFTER_LOAD, "SELECT COUNT(*) AS n, SUM(x) AS sx, MAX(k) AS maxk FROM t3"),
            materialized("mv_right_join", AFTER_LOAD,
                    "SELECT t2.id AS id2, t2.k, t3.x FROM t3 RIGHT JOIN t2 ON t3.k = t2.k"),
            materialized("mv_full_join", AFTER_LOAD,
                    "SELECT t1.id, t1.g, t2.id AS id2, t2.k FROM t1 FULL OUTER JOIN t2 ON t1.g = t2.k"),
            materialized("mv_semi_exists", AFTER_LOAD,
                    "SELECT id, k, name FROM t2 WHERE EXISTS (SELECT 1 FROM t1 WHERE t1.g = t2.k AND t1.b)"),
            materialized("mv_distinct", AFTER_LOAD, "SELECT DISTINCT g, b FROM t1"),
            materialized("mv_scalar_correlated", AFTER_LOAD,
                    "SELECT id, g, v FROM t1 WHERE v > (SELECT AVG(v) FROM t1 AS x WHERE x.g = t1.g)"),
            materialized("mv_scalar_uncorrelated", AFTER_LOAD,
                    "SELECT id, v, (SELECT MAX(x) FROM t3) AS max_x FROM t1 WHERE v >= (SELECT MAX(x) FROM t3)"),
            materialized("mv_t2_agg", AFTER_LOAD,
                    "SELECT k, COUNT(*) AS n, SUM(w) AS sw, MIN(name) AS minname FROM t2 GROUP BY k"),
            materialized("mv_group_expr", AFTER_LOAD,
                    "SELECT v % 3 AS m, CASE WHEN d >= 0 THEN 'pos' ELSE 'neg' END AS sign, COUNT(*) AS n, "
                            + "SUM(d) AS sd FROM t1 GROUP BY v % 3, CASE WHEN d >= 0 THEN 'pos' ELSE 'neg' END"),
            materialized("mv_outer_join_agg", AFTER_LOAD,
                    "SELECT t2.k, COUNT(*) AS n, COUNT(t3.x) AS nx, SUM(t3.x) AS sx "
                            + "FROM t2 LEFT JOIN t3 ON t2.k = t3.k GROUP BY t2.k"),
            materialized("mv_on_two_mvs", AFTER_LOAD,
                    "SELECT a.g, a.n, a.sv, b.sw FROM mv_group_agg a JOIN mv_t2_agg b ON a.g = b.k"),
            materialized("mv_top_n_join", AFTER_LOAD,
                    "SELECT * FROM (SELECT t2.k, t1.id, t2.id AS id2, t1.v, ROW_NUMBER() OVER "
                            + "(PARTITION BY t2.k ORDER BY t1.v DESC NULLS LAST, t1.id, t2.id) AS rn "
                            + "FROM t1 JOIN t2 ON t1.g = t2.k) ranked WHERE rn <= 3"),
            materialized("mv_late_agg", AFTER_RESTART,
                    "SELECT b, COUNT(*) AS n, SUM(d) AS sd, MAX(v) AS maxv FROM t1 GROUP BY b"),
            materialized("mv_late_join", AFTER_RESTART,
                    "SELECT t3.k, t3.x, t2.name FROM t3 JOIN t2 ON t3.k = t2.k WHERE t3.x > 2 OR t2.name = 'bob'"));

    private static final int ROWS_SHOWN = 15;
    private static final int RECENT_TRANSACTIONS_SHOWN = 5;

    private final Map<String, String> failures = new LinkedHashMap<>();
    private final List<ViewDefinition> checked = new ArrayList<>();
    private final Deque<DmlTransaction> recentTransactions = new ArrayDeque<>();
    private final Map<String, PreparedStatement> freshetPrepared = new HashMap<>();
    private long seed;
    private ServerProcess server;
    private Connection freshet;
    private Statement freshetStatement;
    private Connection oracle;
    private Statement oracleStatement;
    private BufferedWriter transcript;
    private Path transcriptFile;
    private String position = "before the first transaction";
    private int checks;
    private long comparisons;
    private long rowsCompared;
    private long checkNanos;

    @Test
    void shouldKeepEveryMaterializedViewEqualToDuckDbUnderRandomTransactionsAndAcrossRestart() throws Exception {
        seed = Long.getLong("freshet.differential.seed", System.nanoTime());
        int transactions = Integer.getInteger("freshet.differential.transactions", 1200);
        System.out.printf("freshet-differential: seed %d (replay with -Dfreshet.differential.seed=%d), "
                + "%d transactions%n", seed, seed, transactions);
        long started = System.nanoTime();
        DifferentialServer.RunFiles files = DifferentialServer.RunFiles.prepare("mv-" + seed);
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
            System.out.printf("freshet-differential: server started in %d ms%n", millisSince(phase));

            for (String ddl : RandomDml.CREATE_TABLES) {
                record(ddl + ";");
                freshetStatement.execute(ddl);
            }
            for (String ddl : RandomDml.oracleTables()) {
                oracleStatement.execute(ddl);
            }
            RandomDml dml = new RandomDml(seed, this::oracleTableSize);
            createViews(BEFORE_LOAD);
            check("on empty tables");

            phase = System.nanoTime();
            List<DmlStatement> load = dml.initialLoad(300, 50, 80);
            for (DmlStatement statement : load) {
                record(statement.render() + ";");
                runOnBoth(statement, "the initial load");
            }
            System.out.printf("freshet-differential: initial load, %d statements in %d ms%n", load.size(),
                    millisSince(phase));
            position = "after the initial load";
            check(position);
            phase = System.nanoTime();
            createViews(AFTER_LOAD);
            System.out.printf("freshet-differential: %d views created (backfilled) in %d ms%n",
                    VIEWS.stream().filter(view -> view.stage() == AFTER_LOAD).count(), millisSince(phase));
            check(position + ", with the backfilled views");

            runTransactions(dml, transactions);
            String serverErrors = server.errorSummary();
            if (!serverErrors.isEmpty()) {
                failures.put("server log", "the server logged errors during the run: " + serverErrors);
            }
        }
        catch (AssertionError | RuntimeException | SQLException | IOException e) {
            throw new AssertionError(format("%s (seed %d, %s; replay with -Dfreshet.differential.seed=%d)%n%s",
                    e.getMessage(), seed, position, seed, context()), e);
        }
        System.out.printf("freshet-differential: seed %d, %d checks, %d view comparisons, %d rows compared, "
                + "checks took %d ms; whole test %d s%n", seed, checks, comparisons, rowsCompared,
                TimeUnit.NANOSECONDS.toMillis(checkNanos), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        if (!failures.isEmpty()) {
            fail(format("%d problems (views that differ from DuckDB or could not be created, errors in the server "
                    + "log) among %d views (seed %d; replay with -Dfreshet.differential.seed=%d)%n%n%s%n%s",
                    failures.size(), VIEWS.size(), seed, seed, String.join("\n\n", failures.values()), context()));
        }
        deleteRecursively(files.dataDir());
    }

    private void runTransactions(RandomDml dml, int transactions) throws SQLException, IOException {
        Random checkCadence = new Random(seed ^ 0x5DEECE66DL);
        int untilCheck = 4 + checkCadence.nextInt(7);
        int committed = 0;
        int rolledBack = 0;
        int statements = 0;
        long dmlNanos = 0;
        long phase = System.nanoTime();
        long checkNanosBefore = checkNanos;
        for (int number = 1; number <= transactions; number++) {
            DmlTransaction transaction = dml.next();
            position = "after transaction " + number + " of " + transactions;
            long statementStart = System.nanoTime();
            execute(transaction);
            dmlNanos += System.nanoTime() - statementStart;
            statements += transaction.statements().size();
            if (transaction.ending() == DmlTransaction.Ending.AUTOCOMMIT) {
                committed += transaction.statements().size();
            }
            else if (transaction.commits()) {
                committed++;
            }
            else {
                rolledBack++;
            }
            untilCheck--;
            if (untilCheck <= 0 || transaction.emptiesTable() || number == transactions) {
                check(position);
                untilCheck = 4 + checkCadence.nextInt(7);
            }
            if (number == transactions / 2) {
                restart();
            }
        }
        long elapsed = System.nanoTime() - phase;
        System.out.printf("freshet-differential: %d transactions (%d committed, %d rolled back), %d statements "
                        + "in %.1f s: %.0f transactions/s overall, %.0f transactions/s counting DML time only; "
                        + "checks took %.1f s%n",
                transactions, committed, rolledBack, statements, elapsed / 1e9, transactions / (elapsed / 1e9),
                transactions / (dmlNanos / 1e9), (checkNanos - checkNanosBefore) / 1e9);
    }

    /** A graceful stop and a start on the same data: every view must come back whole and keep updating. */
    private void restart() throws SQLException, IOException {
        record("-- restart (SIGTERM, start on the same data directory)");
        long phase = System.nanoTime();
        freshet.close();
        server.stop();
        long stopped = millisSince(phase);
        server.start();
        // No FLUSH: a read waits until the views have applied every committed write, including the
        // change log replayed at start (docs/architecture.md, "Consistent reads").
        connectToFreshet();
        System.out.printf("freshet-differential: restart took %d ms (stop %d ms)%n", millisSince(phase), stopped);
        String restarted = position + ", after a restart";
        check(restarted);
        createViews(AFTER_RESTART);
        check(restarted + ", with the views created after it");
    }

    private void createViews(ViewDefinition.Stage stage) throws SQLException, IOException {
        for (ViewDefinition view : VIEWS) {
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

    private void execute(DmlTransaction transaction) throws SQLException, IOException {
        record(transaction.script());
        recentTransactions.addLast(transaction);
        while (recentTransactions.size() > RECENT_TRANSACTIONS_SHOWN) {
            recentTransactions.removeFirst();
        }
        String where = "transaction " + transaction.number();
        if (transaction.ending() == DmlTransaction.Ending.AUTOCOMMIT) {
            for (DmlStatement statement : transaction.statements()) {
                runOnBoth(statement, where);
            }
            return;
        }
        runOnFreshet("BEGIN", where);
        oracle.setAutoCommit(false);
        for (DmlStatement statement : transaction.statements()) {
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

    /** Runs a DML statement on both engines; their update counts must agree. */
    private void runOnBoth(DmlStatement statement, String where) {
        int freshetCount;
        try {
            PreparedStatement prepared = prepareOnFreshet(statement.sql());
            statement.bind(prepared);
            freshetCount = prepared.executeUpdate();
        }
        catch (SQLException e) {
            requireServerAlive();
            throw new AssertionError(format("Freshet failed %s in %s: %s [SQLSTATE %s]", statement.render(), where,
                    e.getMessage(), e.getSQLState()), e);
        }
        int oracleCount;
        // Prepared anew each time: DuckDB (1.4.2) keeps a prepared statement's plan, made with the
        // statistics of its time (say, "no NULLs here"), and re-executing it later returns wrong rows.
        try (PreparedStatement prepared = oracle.prepareStatement(statement.sql())) {
            statement.bind(prepared);
            oracleCount = prepared.executeUpdate();
        }
        catch (SQLException e) {
            throw new AssertionError(format("DuckDB refused %s in %s (a bug of the generator): %s",
                    statement.render(), where, e.getMessage()), e);
        }
        if (freshetCount != oracleCount) {
            throw new AssertionError(format("%s in %s: Freshet says %d rows, DuckDB %d", statement.render(), where,
                    freshetCount, oracleCount));
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

    /** Compares every view still correct with the oracle; a differing view is reported and then left out. */
    private void check(String when) throws SQLException, IOException {
        long start = System.nanoTime();
        checks++;
        record("-- check " + checks + " " + when);
        for (ViewDefinition view : checked) {
            if (failures.containsKey(view.name())) {
                continue;
            }
            String select = "SELECT * FROM " + view.name();
            ResultRows expected = query(oracleStatement, select);
            ResultRows actual;
            try {
                actual = query(prepareOnFreshet(select));
            }
            catch (SQLException e) {
                requireServerAlive();
                failures.put(view.name(), format("%s %s: %s failed: %s [SQLSTATE %s]%n  %s", view.name(), when,
                        select, e.getMessage(), e.getSQLState(), view.freshetDdl()));
                continue;
            }
            comparisons++;
            rowsCompared += actual.size();
            ResultRows.Difference difference = actual.differenceFrom(expected);
            if (!difference.isEmpty()) {
                failures.put(view.name(), describeMismatch(view, when, expected, difference));
            }
        }
        checkNanos += System.nanoTime() - start;
    }

    private String describeMismatch(ViewDefinition view, String when, ResultRows expected,
            ResultRows.Difference difference) {
        String batch;
        try {
            ResultRows.Difference batchDifference;
            try (ResultSet resultSet = freshetStatement.executeQuery(view.query())) {
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
            batch = "fails: " + e.getMessage();
        }
        return format("%s (%s, created %s) differs from DuckDB %s (check %d):%n  %s%n  %s%n"
                        + "  Freshet's batch SELECT of the same query %s",
                view.name(), view.kind(), view.stage(), when, checks, view.freshetDdl(),
                difference.describe(ROWS_SHOWN).replace("\n", "\n  "), batch.replace("\n", "\n  "));
    }

    private String context() {
        String recent = recentTransactions.stream().map(DmlTransaction::script).collect(Collectors.joining());
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

    private int oracleTableSize(String table) {
        try (ResultSet resultSet = oracleStatement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            resultSet.next();
            return resultSet.getInt(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot count the rows of " + table + " in DuckDB", e);
        }
    }

    private void record(String text) throws IOException {
        transcript.write(text);
        transcript.write('\n');
        transcript.flush();
    }

    /**
     * Freshet's prepared statement for this text, prepared once per session: Freshet caches the
     * plans of prepared statements, so each statement shape is planned once.
     */
    private PreparedStatement prepareOnFreshet(String sql) throws SQLException {
        PreparedStatement prepared = freshetPrepared.get(sql);
        if (prepared == null) {
            prepared = freshet.prepareStatement(sql);
            freshetPrepared.put(sql, prepared);
        }
        return prepared;
    }

    private static ResultRows query(PreparedStatement statement) throws SQLException {
        try (ResultSet resultSet = statement.executeQuery()) {
            return ResultRows.read(resultSet);
        }
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
