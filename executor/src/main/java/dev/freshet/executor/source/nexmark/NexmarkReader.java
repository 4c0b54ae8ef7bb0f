package dev.freshet.executor.source.nexmark;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

import dev.freshet.executor.source.RateLimit;
import dev.freshet.executor.source.SourceOutput;
import dev.freshet.executor.source.SourceReader;

/**
 * Reads one {@link NexmarkSplit} of a NEXMark table. Its position is the number of the next event
 * of the stream to consider, so a reader opened at a committed position makes exactly the rows
 * after the ones committed.
 */
final class NexmarkReader implements SourceReader {
    private final NexmarkTable table;
    private final NexmarkSplit split;
    private final NexmarkRowIterator rows;
    private final RateLimit rate;
    private final int[] projection;
    /** True when the source has the table's columns in the table's order. */
    private final boolean wholeRows;
    private final long end;
    private long position;

    /**
     * @param position the first event number to consider
     * @param wallRate events of the stream per second of wall-clock time, 0 for no limit
     * @param projection the table's column of each source column
     */
    NexmarkReader(NexmarkGenerator generator, NexmarkTable table, NexmarkSplit split, long position, long wallRate,
            int[] projection) {
        this.table = requireNonNull(table, "table is null");
        this.split = requireNonNull(split, "split is null");
        this.end = generator.config().endEvent();
        this.position = Math.min(position, end);
        this.rows = new NexmarkRowIterator(generator, table, split, this.position, end);
        this.rate = new RateLimit(wallRate, this.position);
        this.projection = projection.clone();
        this.wholeRows = isIdentity(projection, table.columns().size());
    }

    @Override
    public int poll(int max, long nowNanos, SourceOutput output) {
        long due = rate.dueBefore(nowNanos);
        int count = 0;
        while (count < max && rows.hasNext()) {
            long eventNumber = rows.nextEventNumber();
            if (eventNumber >= due) {
                break;
            }
            Object[] row = rows.next();
            output.row(split.worker(), project(row));
            position = eventNumber + 1;
            count++;
        }
        if (!rows.hasNext()) {
            position = end;
        }
        return count;
    }

    private Object[] project(Object[] row) {
        if (wholeRows) {
            return row;
        }
        Object[] projected = new Object[projection.length];
        for (int i = 0; i < projection.length; i++) {
            projected[i] = row[projection[i]];
        }
        return projected;
    }

    private static boolean isIdentity(int[] projection, int width) {
        if (projection.length != width) {
            return false;
        }
        for (int i = 0; i < projection.length; i++) {
            if (projection[i] != i) {
                return false;
            }
        }
        return true;
    }

    @Override
    public BooleanSupplier catchUpPoint(long nowNanos) {
        long due = rate.dueBefore(nowNanos);
        // Made as fast as read and without end: what is read is all there is so far.
        long target = due == Long.MAX_VALUE && end == Long.MAX_VALUE ? position : Math.min(due, end);
        return () -> !rows.hasNext() || rows.nextEventNumber() >= target;
    }

    @Override
    public Map<Integer, Long> positions() {
        return Map.of(split.worker(), position);
    }

    @Override
    public boolean finished() {
        return position >= end;
    }

    @Override
    public boolean finished(int split) {
        return finished();
    }

    @Override
    public OptionalLong backlog(int split) {
        return end == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(end - position);
    }

    @Override
    public String toString() {
        return "nexmark " + table.tableName() + " split " + split.worker() + "/" + split.workers() + " at event "
                + position;
    }
}
