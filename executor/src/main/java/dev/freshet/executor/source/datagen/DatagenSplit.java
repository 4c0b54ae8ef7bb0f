package dev.freshet.executor.source.datagen;

import static java.lang.String.format;

import java.util.ArrayList;
import java.util.List;

/**
 * One worker's share of a datagen source: worker {@code w} of {@code n} makes rows
 * {@code w, w + n, w + 2n, …}. Shares are disjoint and together cover every row; striding rather
 * than giving each worker a contiguous range keeps all workers at the same point of a sequence
 * and of the row limit, as {@code NexmarkSplit} does for event time.
 *
 * @param worker this worker's index, from 0
 * @param workers how many workers share the source
 */
public record DatagenSplit(int worker, int workers) {
    public DatagenSplit {
        if (workers < 1) {
            throw new IllegalArgumentException(format("workers must be at least 1: %d", workers));
        }
        if (worker < 0 || worker >= workers) {
            throw new IllegalArgumentException(format("worker must be in [0, %d): %d", workers, worker));
        }
    }

    /** The whole source, for one worker. */
    public static DatagenSplit whole() {
        return new DatagenSplit(0, 1);
    }

    /** The {@code workers} shares of a source, worker 0 first. */
    public static List<DatagenSplit> of(int workers) {
        List<DatagenSplit> splits = new ArrayList<>(workers);
        for (int worker = 0; worker < workers; worker++) {
            splits.add(new DatagenSplit(worker, workers));
        }
        return List.copyOf(splits);
    }
}
