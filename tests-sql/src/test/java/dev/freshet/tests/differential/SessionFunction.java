package dev.freshet.tests.differential;

import static java.lang.String.format;

import java.util.List;

/**
 * {@code SESSION(TABLE t PARTITION BY key, DESCRIPTOR(time), gap)}: the rows of one key whose
 * times follow each other by less than the gap form a session, from its first time to its last
 * plus the gap. A NULL time has no session.
 *
 * @param keyColumn the PARTITION BY column
 * @param gapSeconds the gap, in whole seconds
 */
record SessionFunction(String keyColumn, long gapSeconds) implements WindowedTable {
    @Override
    public String freshetTable(String table, String timeColumn) {
        return "TABLE(SESSION(TABLE " + table + " PARTITION BY " + keyColumn + ", DESCRIPTOR(" + timeColumn
                + "), INTERVAL '" + gapSeconds + "' SECOND))";
    }

    /**
     * For DuckDB, with window functions over epoch milliseconds: a row starts a session when the
     * latest earlier time of its key (ties excluded, so equal times agree) is missing or at least
     * a gap before it; a running count of starts numbers the sessions of a key.
     */
    @Override
    public String oracleTable(String table, List<String> columns, String timeColumn) {
        long gap = gapSeconds * 1000;
        String columnList = String.join(", ", columns);
        return format("(SELECT %1$s, epoch_ms(min(ms) OVER (PARTITION BY %2$s, session_number)) AS window_start, "
                        + "epoch_ms(max(ms) OVER (PARTITION BY %2$s, session_number) + %3$d) AS window_end FROM ("
                        + "SELECT *, sum(CASE WHEN previous_ms IS NULL OR ms - previous_ms >= %3$d THEN 1 ELSE 0 END) "
                        + "OVER (PARTITION BY %2$s ORDER BY ms RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) "
                        + "AS session_number FROM ("
                        + "SELECT *, max(ms) OVER (PARTITION BY %2$s ORDER BY ms "
                        + "RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_ms FROM ("
                        + "SELECT %1$s, epoch_ms(%4$s) AS ms FROM %5$s WHERE %4$s IS NOT NULL) AS timed) AS previous) "
                        + "AS numbered)",
                columnList, keyColumn, gap, timeColumn, table);
    }
}
