package dev.freshet.executor.source.nexmark;

import static java.lang.String.format;

import java.util.ArrayList;
import java.util.List;

/**
 * One worker's share of a NEXMark table: worker {@code w} of {@code n} makes the table's events
 * number {@code w, w + n, w + 2n, …}, counting that table's events only (the 0th bid, the 1st bid,
 * …, from the start of the stream).
 *
 * <p>Shares are disjoint and together cover every event. Each worker's rows are in event-time
 * order, and all workers walk through event time side by side, so their watermarks advance
 * together (a contiguous range per worker would hold the combined watermark back until the
 * slowest range ended); the Flink harness's source strides for the same reason. Striding over a
 * table's own events rather than over all event numbers keeps the shares even for any
 * {@code n}: striding 50 workers over event numbers would give worker 0 only people. The
 * events are the same either way; only which worker makes which differs.
 *
 * @param worker this worker's index, from 0
 * @param workers how many workers share the table
 */
public record NexmarkSplit(int worker, int workers) {
    public NexmarkSplit {
        if (workers < 1) {
            throw new IllegalArgumentException(format("workers must be at least 1: %d", workers));
        }
        if (worker < 0 || worker >= workers) {
            throw new IllegalArgumentException(format("worker must be in [0, %d): %d", workers, worker));
        }
    }

    /** The whole table, for one worker. */
    public static NexmarkSplit whole() {
        return new NexmarkSplit(0, 1);
    }

    /** The {@code workers} shares of a table, worker 0 first. */
    public static List<NexmarkSplit> of(int workers) {
        List<NexmarkSplit> splits = new ArrayList<>(workers);
        for (int worker = 0; worker < workers; worker++) {
            splits.add(new NexmarkSplit(worker, workers));
        }
        return List.copyOf(splits);
    }

    /** The first table index at or after {@code index} that belongs to this share. */
    long firstOwnedFrom(long index) {
        long remainder = Math.floorMod(index - worker, (long) workers);
        return remainder == 0 ? index : index + workers - remainder;
    }
}
