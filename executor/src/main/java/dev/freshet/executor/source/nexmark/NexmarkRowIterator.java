package dev.freshet.executor.source.nexmark;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The rows of one NEXMark table among events {@code [from, to)}, for one worker's
 * {@link NexmarkSplit}, in event-time order.
 *
 * <p>Events of the other tables are never made: the position of the table's k-th event is
 * arithmetic ({@code NexmarkTimeline#eventNumberOf}), so the iterator steps from one owned event
 * straight to the next. Rows are fresh arrays in {@link NexmarkTable}'s column order and Calcite's
 * internal representation; the caller may keep them.
 */
public final class NexmarkRowIterator implements Iterator<Object[]> {
    private final NexmarkGenerator generator;
    private final NexmarkTable table;
    private final NexmarkTimeline timeline;
    private final int stride;
    /** The table index just past the last one to emit. */
    private final long endIndex;
    private long nextIndex;

    /**
     * @param generator the generator making the events
     * @param table the table whose rows to produce
     * @param split this worker's share
     * @param from the first event number considered (of any kind)
     * @param to the event number just past the last one considered
     */
    public NexmarkRowIterator(NexmarkGenerator generator, NexmarkTable table, NexmarkSplit split, long from,
            long to) {
        this.generator = requireNonNull(generator, "generator is null");
        this.table = requireNonNull(table, "table is null");
        requireNonNull(split, "split is null");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("event range [" + from + ", " + to + ") is invalid");
        }
        this.timeline = generator.timeline();
        this.stride = split.workers();
        this.endIndex = timeline.countBefore(table, to);
        this.nextIndex = split.firstOwnedFrom(timeline.countBefore(table, from));
    }

    /** The rows of {@code table} among the events the generator's configuration names. */
    public static NexmarkRowIterator forConfig(NexmarkGenerator generator, NexmarkTable table, NexmarkSplit split) {
        NexmarkConfig config = generator.config();
        return new NexmarkRowIterator(generator, table, split, config.firstEvent(), config.endEvent());
    }

    @Override
    public boolean hasNext() {
        return nextIndex < endIndex;
    }

    /** The event number of the row {@link #next()} returns; only while {@link #hasNext()}. */
    public long nextEventNumber() {
        if (!hasNext()) {
            throw new NoSuchElementException("no rows left");
        }
        return timeline.eventNumberOf(table, nextIndex);
    }

    @Override
    public Object[] next() {
        long eventNumber = nextEventNumber();
        nextIndex += stride;
        return switch (table) {
            case PERSON -> generator.person(eventNumber).toRow();
            case AUCTION -> generator.auction(eventNumber).toRow();
            case BID -> generator.bid(eventNumber).toRow();
        };
    }
}
