package dev.freshet.tests.differential;

import static java.lang.String.format;

import java.util.List;

/**
 * A window table function over an event-time column, {@code TUMBLE} or {@code HOP}, with its size,
 * slide and offset in whole seconds, written for Freshet as the table function and for DuckDB in
 * plain SQL: the oracle must not share the feature it checks.
 *
 * <p>The windows of a time {@code t} are the half-open {@code [start, start + size)} that hold it,
 * with {@code start = offset + m * slide} for an integer {@code m}; {@code TUMBLE} is the hop whose
 * slide is its size. A NULL time has no window.
 *
 * @param slideSeconds how far apart window starts are; the size for TUMBLE
 * @param sizeSeconds the length of a window, a multiple of the slide
 * @param offsetSeconds where window starts are aligned, 0 for the epoch
 */
record WindowFunction(long slideSeconds, long sizeSeconds, long offsetSeconds) implements WindowedTable {
    WindowFunction {
        if (slideSeconds <= 0 || sizeSeconds <= 0 || sizeSeconds % slideSeconds != 0) {
            throw new IllegalArgumentException("the size must be a positive multiple of the slide");
        }
    }

    static WindowFunction tumble(long sizeSeconds) {
        return new WindowFunction(sizeSeconds, sizeSeconds, 0);
    }

    static WindowFunction tumble(long sizeSeconds, long offsetSeconds) {
        return new WindowFunction(sizeSeconds, sizeSeconds, offsetSeconds);
    }

    static WindowFunction hop(long slideSeconds, long sizeSeconds) {
        return new WindowFunction(slideSeconds, sizeSeconds, 0);
    }

    static WindowFunction hop(long slideSeconds, long sizeSeconds, long offsetSeconds) {
        return new WindowFunction(slideSeconds, sizeSeconds, offsetSeconds);
    }

    boolean isTumble() {
        return slideSeconds == sizeSeconds;
    }

    /** The table function call for Freshet: {@code TABLE(TUMBLE(TABLE t, DESCRIPTOR(c), INTERVAL '10' SECOND))}. */
    @Override
    public String freshetTable(String table, String timeColumn) {
        StringBuilder call = new StringBuilder();
        call.append("TABLE(").append(isTumble() ? "TUMBLE" : "HOP").append("(TABLE ").append(table)
                .append(", DESCRIPTOR(").append(timeColumn).append("), ");
        if (!isTumble()) {
            call.append(seconds(slideSeconds)).append(", ");
        }
        call.append(seconds(sizeSeconds));
        if (offsetSeconds != 0) {
            call.append(", ").append(seconds(offsetSeconds));
        }
        return call.append("))").toString();
    }

    /**
     * The same rows for DuckDB: the table's columns, then {@code window_start} and {@code
     * window_end}, as a parenthesized subquery. Window bounds are computed in epoch milliseconds
     * ({@code epoch_ms} both ways): the latest start at or before {@code t} is {@code t - ((t -
     * offset) mod slide)}, with the modulo floored by hand, as DuckDB's {@code %} truncates towards
     * zero like C's and times before 1970 are negative. Each row is paired with one candidate
     * start more than it has windows, and a candidate is kept only if its window holds the time.
     */
    @Override
    public String oracleTable(String table, List<String> columns, String timeColumn) {
        long slide = slideSeconds * 1000;
        long size = sizeSeconds * 1000;
        long offset = offsetSeconds * 1000;
        String time = "epoch_ms(" + timeColumn + ")";
        String columnList = String.join(", ", columns);
        String latestStart = format("%s - (((%s - %d) %% %d) + %d) %% %d", time, time, offset, slide, slide, slide);
        return format("(SELECT %s, epoch_ms(start_ms) AS window_start, epoch_ms(start_ms + %d) AS window_end "
                        + "FROM (SELECT %s, %s - candidate.k * %d AS start_ms FROM %s "
                        + "CROSS JOIN range(0, %d) AS candidate(k) WHERE %s IS NOT NULL) AS candidates "
                        + "WHERE start_ms <= %s AND %s < start_ms + %d)",
                columnList, size, columnList, latestStart, slide, table, size / slide + 1, timeColumn, time, time,
                size);
    }

    private static String seconds(long seconds) {
        return "INTERVAL '" + seconds + "' SECOND";
    }
}
