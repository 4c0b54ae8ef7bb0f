package dev.freshet.executor.source;

import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Reads one worker's share of a built-in generator: items numbered on one axis (NEXMark events,
 * datagen rows), this share making every n-th of them, throttled to a rate of the whole axis. Its
 * one split's position is the number of the next item to consider, so a reader opened at a
 * committed position makes exactly the rows after the ones committed.
 */
public abstract class GeneratorReader implements SourceReader {
    private final int split;
    private final long end;
    private final RateLimit rate;
    private long position;

    /**
     * @param split this share's split number
     * @param position the first item number to consider
     * @param end the number just past the last item, {@link Long#MAX_VALUE} for no end
     * @param ratePerSecond items of the whole axis per second of wall-clock time, 0 for no limit
     */
    protected GeneratorReader(int split, long position, long end, long ratePerSecond) {
        this.split = split;
        this.end = end;
        this.position = Math.min(position, end);
        this.rate = new RateLimit(ratePerSecond, this.position);
    }

    /** The position the reader starts at: its items are those at or after it. */
    protected final long startPosition() {
        return position;
    }

    /** True while the share has another item. */
    protected abstract boolean hasNext();

    /** The number of the next item; only while {@link #hasNext()}. */
    protected abstract long nextNumber();

    /** The next item's row, moving past it; only while {@link #hasNext()}. */
    protected abstract Object[] next();

    @Override
    public final int poll(int max, long nowNanos, SourceOutput output) {
        long due = rate.dueBefore(nowNanos);
        int count = 0;
        while (count < max && hasNext()) {
            long number = nextNumber();
            if (number >= due) {
                break;
            }
            output.row(split, next());
            position = number + 1;
            count++;
        }
        if (!hasNext()) {
            position = end;
        }
        return count;
    }

    @Override
    public final BooleanSupplier catchUpPoint(long nowNanos) {
        long due = rate.dueBefore(nowNanos);
        // Made as fast as read and without end: what is read is all there is so far.
        long target = due == Long.MAX_VALUE && end == Long.MAX_VALUE ? position : Math.min(due, end);
        return () -> !hasNext() || nextNumber() >= target;
    }

    @Override
    public final Map<Integer, Long> positions() {
        return Map.of(split, position);
    }

    @Override
    public final boolean finished() {
        return position >= end;
    }

    @Override
    public final boolean finished(int split) {
        return finished();
    }

    @Override
    public final OptionalLong backlog(int split) {
        return end == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(end - position);
    }
}
