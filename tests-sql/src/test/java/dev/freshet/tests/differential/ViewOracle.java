package dev.freshet.tests.differential;

import java.sql.SQLException;

/**
 * What a differential test expects of its views: the rows each must hold now, as DuckDB computes
 * them, and the query Freshet runs in batch to cross-check a view that differs ({@link
 * ViewMismatch}).
 *
 * @param <V> the test's views
 */
interface ViewOracle<V extends DifferentialView> {
    /** The rows {@code view} must hold now. */
    ResultRows expectedRows(V view) throws SQLException;

    /** The query whose batch result on Freshet must equal {@link #expectedRows}, in Freshet's dialect. */
    String batchQuery(V view);

    /**
     * What the expected rows assume beyond the input, for the transcript's check lines and the
     * failure reports ({@code modeled watermark 2024-01-01 00:00:05.000}); empty when nothing.
     */
    default String assumption() {
        return "";
    }

    /**
     * Compares what the test models besides its views, a table say, at the start of check number
     * {@code check}, made {@code when}; a difference goes among the run's problems. Nothing by default.
     */
    default void checkTables(String when, int check) throws SQLException {
    }
}
