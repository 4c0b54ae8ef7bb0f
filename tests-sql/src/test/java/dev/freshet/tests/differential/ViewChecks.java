package dev.freshet.tests.differential;

import static dev.freshet.tests.differential.DifferentialRun.millisSince;
import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_LOAD;
import static dev.freshet.tests.differential.ViewDefinition.Stage.AFTER_RESTART;
import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A differential test's views and their checks against the oracle.
 *
 * <p>{@link #create} makes the views of a stage in both engines; a view Freshet refuses is a
 * problem of the run and is never checked. {@link #check} reads every view still correct with
 * {@code SELECT * FROM view} in the session that wrote (read-your-writes, no FLUSH) and compares
 * it, as a multiset, with the rows the {@link ViewOracle} expects. A view that differs once is a
 * problem, reported as a {@link ViewMismatch}, and is no longer checked, so that one run shows
 * every broken view. Checks come every few transactions ({@link CheckCadence}), and around the
 * graceful restart half-way through the transactions, after which the {@link
 * ViewDefinition.Stage#AFTER_RESTART} views are created.
 *
 * @param <V> the test's views
 */
final class ViewChecks<V extends DifferentialView> {
    /** Rows of each kind (missing, extra) a report shows. */
    static final int ROWS_SHOWN = 15;

    private final DifferentialRun run;
    private final List<V> views;
    private final ViewOracle<V> oracle;
    private final CheckCadence cadence;
    private final List<V> created = new ArrayList<>();
    /** Each view's row count at its last comparison: a view that stays empty proves little. */
    private final Map<String, Integer> lastSizes = new LinkedHashMap<>();
    private int checks;
    private long comparisons;
    private long rowsCompared;
    private long checkNanos;

    /** The checks of {@code views}, in creation order (a view over a view comes after it). */
    ViewChecks(DifferentialRun run, List<V> views, ViewOracle<V> oracle) {
        this.run = requireNonNull(run, "run is null");
        this.views = List.copyOf(requireNonNull(views, "views is null"));
        this.oracle = requireNonNull(oracle, "oracle is null");
        this.cadence = new CheckCadence(run.seed());
    }

    /** Creates the views of {@code stage} in both engines, in order. */
    void create(ViewDefinition.Stage stage) throws SQLException, IOException {
        for (V view : views) {
            if (view.stage() != stage) {
                continue;
            }
            run.transcript().record(view.freshetDdl() + ";");
            run.oracle().execute(view.oracleDdl());
            try {
                run.freshet().execute(view.freshetDdl());
                created.add(view);
            }
            catch (SQLException e) {
                run.freshet().requireServerAlive();
                run.addProblem(view.name(), format("%s (%s) could not be created %s: %s [SQLSTATE %s]%n  %s",
                        view.name(), view.kindName(), run.position(), e.getMessage(), e.getSQLState(),
                        view.freshetDdl()));
            }
        }
    }

    /**
     * After the initial load: checks the views, then creates the {@link ViewDefinition.Stage#AFTER_LOAD}
     * views, which backfill from the loaded tables, and checks again.
     */
    void checkLoadAndBackfill() throws SQLException, IOException {
        run.position("after the initial load");
        check(run.position());
        long phase = System.nanoTime();
        create(AFTER_LOAD);
        System.out.printf("%s: %d views created (backfilled) in %d ms%n", run.label(),
                views.stream().filter(view -> view.stage() == AFTER_LOAD).count(), millisSince(phase));
        check(run.position() + ", with the backfilled views");
    }

    /**
     * After random transaction {@code number} of {@code transactions}: checks when the cadence says,
     * after the last transaction, or {@code anyway}; after the middle one, restarts the server.
     */
    void afterTransaction(int number, int transactions, boolean anyway) throws SQLException, IOException {
        if (cadence.isDue(anyway || number == transactions)) {
            check(run.position());
        }
        if (number == transactions / 2) {
            restart();
        }
    }

    /** Compares the tables the oracle models, then every view still correct, with the oracle. */
    void check(String when) throws SQLException, IOException {
        long start = System.nanoTime();
        checks++;
        run.transcript().record(withAssumption("-- check " + checks + " " + when, "; "));
        oracle.checkTables(when, checks);
        for (V view : created) {
            if (!run.hasProblem(view.name())) {
                compare(view, when);
            }
        }
        checkNanos += System.nanoTime() - start;
    }

    /** Time spent in checks so far, in nanoseconds. */
    long checkNanos() {
        return checkNanos;
    }

    /** Each view's row count at its last comparison, in creation order. */
    Map<String, Integer> lastSizes() {
        return Collections.unmodifiableMap(lastSizes);
    }

    /** The checks' statistics for the run's last line: {@code 40 checks, 1000 view comparisons, ...}. */
    String summary() {
        return format("%d checks, %d view comparisons, %d rows compared, checks took %d ms", checks, comparisons,
                rowsCompared, TimeUnit.NANOSECONDS.toMillis(checkNanos));
    }

    /** A graceful stop and a start on the same data: every view must come back whole and keep updating. */
    private void restart() throws SQLException, IOException {
        run.restart();
        String restarted = run.position() + ", after a restart";
        check(restarted);
        create(AFTER_RESTART);
        check(restarted + ", with the views created after it");
    }

    private void compare(V view, String when) throws SQLException {
        ResultRows expected = oracle.expectedRows(view);
        String select = "SELECT * FROM " + view.name();
        ResultRows actual;
        try {
            actual = run.freshet().rows(select);
        }
        catch (SQLException e) {
            run.freshet().requireServerAlive();
            run.addProblem(view.name(), format("%s %s: %s failed: %s [SQLSTATE %s]%n  %s", view.name(), when, select,
                    e.getMessage(), e.getSQLState(), view.freshetDdl()));
            return;
        }
        comparisons++;
        rowsCompared += actual.size();
        lastSizes.put(view.name(), actual.size());
        ResultRows.Difference difference = actual.differenceFrom(expected);
        if (!difference.isEmpty()) {
            ViewMismatch mismatch = new ViewMismatch(view, when, withAssumption("check " + checks, ", "), difference,
                    batchSelect(view, expected));
            run.addProblem(view.name(), mismatch.describe(ROWS_SHOWN));
        }
    }

    /** {@code text}, then what the expected rows assume, if anything, after {@code separator}. */
    private String withAssumption(String text, String separator) {
        String assumption = oracle.assumption();
        if (assumption.isEmpty()) {
            return text;
        }
        return text + separator + assumption;
    }

    private ViewMismatch.BatchSelect batchSelect(V view, ResultRows expected) {
        String query = oracle.batchQuery(view);
        try {
            return ViewMismatch.BatchSelect.ran(query, run.freshet().batchRows(query).differenceFrom(expected));
        }
        catch (SQLException e) {
            return ViewMismatch.BatchSelect.failed(query, e);
        }
    }
}
