package dev.freshet.tests.differential;

import java.util.List;

/**
 * A table read through event-time windows, written for Freshet with a window table function and
 * for DuckDB in plain SQL, so that the oracle does not share the feature it checks. Both give the
 * table's columns followed by {@code window_start} and {@code window_end}.
 */
interface WindowedTable {
    /** The table function call for Freshet, e.g. {@code TABLE(TUMBLE(TABLE t, DESCRIPTOR(c), ...))}. */
    String freshetTable(String table, String timeColumn);

    /** The same rows for DuckDB, as a parenthesized subquery. */
    String oracleTable(String table, List<String> columns, String timeColumn);
}
