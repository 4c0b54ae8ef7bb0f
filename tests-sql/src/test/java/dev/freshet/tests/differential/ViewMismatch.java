package dev.freshet.tests.differential;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.sql.SQLException;

/**
 * A view that differs from the oracle, as the failure report shows it: the view and its DDL, the
 * rows missing and extra, and whether Freshet's own batch SELECT of the query agrees with the
 * oracle. That tells a bug of the view's maintenance (the batch result agrees) from a batch bug or
 * a dialect difference (it differs too).
 *
 * @param view the view
 * @param when where in the run the check was: {@code after transaction 12 of 600}
 * @param check which check, with what the expected rows assumed: {@code check 4, modeled watermark ...}
 * @param difference the view's rows on Freshet compared with the expected rows
 * @param batch the cross-check
 */
record ViewMismatch(DifferentialView view, String when, String check, ResultRows.Difference difference,
        BatchSelect batch) {
    ViewMismatch {
        requireNonNull(view, "view is null");
        requireNonNull(when, "when is null");
        requireNonNull(check, "check is null");
        requireNonNull(difference, "difference is null");
        requireNonNull(batch, "batch is null");
    }

    /** The report, with at most {@code rowsShown} rows of each kind. */
    String describe(int rowsShown) {
        String report = format("%s (%s, created %s) differs from DuckDB %s (%s):%n  %s%n  %s%n"
                        + "  Freshet's batch SELECT of the same query %s",
                view.name(), view.kindName(), view.stage(), when, check, view.freshetDdl(),
                indent(difference.describe(rowsShown)), indent(batch.verdict(rowsShown)));
        if (view.freshetDdl().contains(batch.query())) {
            return report;
        }
        // Not the view's own query (an EMIT ON WINDOW CLOSE view's, restricted to the closed windows, say).
        return report + format("%n    %s", batch.query());
    }

    private static String indent(String lines) {
        return lines.replace("\n", "\n  ");
    }

    /**
     * Freshet's batch SELECT of a view's query, compared with the rows the oracle expects of the view.
     *
     * @param query the query Freshet ran
     * @param difference its result compared with the expected rows; null when it failed
     * @param error why it failed, with the SQLSTATE; null when it ran
     */
    record BatchSelect(String query, ResultRows.Difference difference, String error) {
        BatchSelect {
            requireNonNull(query, "query is null");
            if ((difference == null) == (error == null)) {
                throw new IllegalArgumentException("a batch SELECT either ran or failed");
            }
        }

        /** A batch SELECT that ran, and how its rows differ from the expected ones. */
        static BatchSelect ran(String query, ResultRows.Difference difference) {
            return new BatchSelect(query, requireNonNull(difference, "difference is null"), null);
        }

        /** A batch SELECT that failed. */
        static BatchSelect failed(String query, SQLException failure) {
            String error = format("%s [SQLSTATE %s]", failure.getMessage(), failure.getSQLState());
            return new BatchSelect(query, null, error);
        }

        /** What the batch SELECT says, as the end of the sentence "Freshet's batch SELECT of the same query ...". */
        String verdict(int rowsShown) {
            if (error != null) {
                return "fails: " + error;
            }
            if (difference.isEmpty()) {
                return "agrees with DuckDB, so the view's maintenance is wrong";
            }
            return "differs too (a batch bug or a dialect difference): " + difference.describe(rowsShown);
        }
    }
}
