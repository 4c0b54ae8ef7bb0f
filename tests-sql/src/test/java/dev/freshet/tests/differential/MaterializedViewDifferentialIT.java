package dev.freshet.tests.differential;

import static dev.freshet.tests.differential.DifferentialRun.millisSince;
import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_LOAD;
import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_RESTART;
import static dev.freshet.tests.differential.ViewDefinition.Stage.BEFORE_LOAD;
import static dev.freshet.tests.differential.ViewDefinition.materialized;
import static dev.freshet.tests.differential.ViewDefinition.plain;
import static java.lang.String.format;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
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
 * <p>This class holds the workload ({@link RandomDml}) and the views; the harness it shares with
 * {@link WindowDifferentialIT} runs the server, both engines and the transcript ({@link
 * DifferentialRun}) and checks the views ({@link ViewChecks}).
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
    private static final DifferentialRun.Settings SETTINGS =
            new DifferentialRun.Settings("freshet-differential", "freshet.differential", "mv", 1200, 5);

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

    private DifferentialRun run;
    private ViewChecks<ViewDefinition> views;

    @Test
    void shouldKeepEveryMaterializedViewEqualToDuckDbUnderRandomTransactionsAndAcrossRestart() throws Exception {
        run = DifferentialRun.prepare(SETTINGS);
        views = new ViewChecks<>(run, VIEWS, new SameQuery());
        run.execute(() -> {
            for (String ddl : RandomDml.CREATE_TABLES) {
                run.transcript().record(ddl + ";");
                run.freshet().execute(ddl);
            }
            for (String ddl : RandomDml.oracleTables()) {
                run.oracle().execute(ddl);
            }
            RandomDml dml = new RandomDml(run.seed(), run.oracle()::rowCount);
            views.create(BEFORE_LOAD);
            views.check("on empty tables");

            long phase = System.nanoTime();
            List<DmlStatement> load = dml.initialLoad(300, 50, 80);
            for (DmlStatement statement : load) {
                run.transcript().record(statement.render() + ";");
                runOnBoth(statement, "the initial load");
            }
            System.out.printf("freshet-differential: initial load, %d statements in %d ms%n", load.size(),
                    millisSince(phase));
            views.checkLoadAndBackfill();
            runTransactions(dml);
        });
        run.printSummary(views.summary());
        run.failIfProblems("views that differ from DuckDB or could not be created, errors in the server log",
                VIEWS.size());
        run.deleteDataDirectory();
    }

    private void runTransactions(RandomDml dml) throws SQLException, IOException {
        int transactions = run.transactions();
        int committed = 0;
        int rolledBack = 0;
        int statements = 0;
        long dmlNanos = 0;
        long phase = System.nanoTime();
        long checkNanosBefore = views.checkNanos();
        for (int number = 1; number <= transactions; number++) {
            DmlTransaction transaction = dml.next();
            run.position("after transaction " + number + " of " + transactions);
            long statementStart = System.nanoTime();
            run.runTransaction(transaction, this::runOnBoth);
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
            views.afterTransaction(number, transactions, transaction.emptiesTable());
        }
        long elapsed = System.nanoTime() - phase;
        System.out.printf("freshet-differential: %d transactions (%d committed, %d rolled back), %d statements "
                        + "in %.1f s: %.0f transactions/s overall, %.0f transactions/s counting DML time only; "
                        + "checks took %.1f s%n",
                transactions, committed, rolledBack, statements, elapsed / 1e9, transactions / (elapsed / 1e9),
                transactions / (dmlNanos / 1e9), (views.checkNanos() - checkNanosBefore) / 1e9);
    }

    /** Runs a DML statement on both engines; their update counts must agree. */
    private void runOnBoth(DmlStatement statement, String where) {
        int freshetCount = run.freshet().requireUpdate(statement, where).rows();
        int oracleCount = run.oracle().executeUpdate(statement, where);
        if (freshetCount != oracleCount) {
            throw new AssertionError(format("%s in %s: Freshet says %d rows, DuckDB %d", statement.render(), where,
                    freshetCount, oracleCount));
        }
    }

    /** A view must hold what DuckDB's view of the same query holds, and so must the query run in batch. */
    private final class SameQuery implements ViewOracle<ViewDefinition> {
        @Override
        public ResultRows expectedRows(ViewDefinition view) throws SQLException {
            return run.oracle().rows("SELECT * FROM " + view.name());
        }

        @Override
        public String batchQuery(ViewDefinition view) {
            return view.query();
        }
    }
}
