package dev.freshet.executor.source.datagen;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

import dev.freshet.executor.source.RateLimit;
import dev.freshet.executor.source.SourceOutput;
import dev.freshet.executor.source.SourceReader;

/**
 * Reads one {@link DatagenSplit}, throttled to the source's {@code rows_per_second}. Its position
 * is the number of the next row to consider.
 */
final class DatagenReader implements SourceReader {
    private final DatagenSplit split;
    private final DatagenRowIterator rows;
    private final RateLimit rate;
    private final long end;
    private long position;

    DatagenReader(DatagenGenerator generator, DatagenSplit split, long position) {
        this.split = requireNonNull(split, "split is null");
        this.end = generator.rowLimit().orElse(Long.MAX_VALUE);
        this.position = Math.min(position, end);
        this.rows = new DatagenRowIterator(generator, split, this.position);
        this.rate = new RateLimit(generator.config().rowsPerSecond(), this.position);
    }

    @Override
    public int poll(int max, long nowNanos, SourceOutput output) {
        long due = rate.dueBefore(nowNanos);
        int count = 0;
        while (count < max && rows.hasNext()) {
            long row = rows.nextRowNumber();
            if (row >= due) {
                break;
            }
            output.row(split.worker(), rows.next());
            position = row + 1;
            count++;
        }
        if (!rows.hasNext()) {
            position = end;
        }
        return count;
    }

    @Override
    public BooleanSupplier catchUpPoint(long nowNanos) {
        long due = rate.dueBefore(nowNanos);
        // Made as fast as read and without end: what is read is all there is so far.
        long target = due == Long.MAX_VALUE && end == Long.MAX_VALUE ? position : Math.min(due, end);
        return () -> !rows.hasNext() || rows.nextRowNumber() >= target;
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
        return "datagen split " + split.worker() + "/" + split.workers() + " at row " + position;
    }
}
