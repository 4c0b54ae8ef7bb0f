package dev.freshet.executor.source.datagen;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The rows of one worker's {@link DatagenSplit}, in row-number order, up to the source's row
 * limit, or forever when it has none. It does not throttle: pacing to {@code rows_per_second} is
 * the source executor's job.
 */
public final class DatagenRowIterator implements Iterator<Object[]> {
    private final DatagenGenerator generator;
    private final int stride;
    /** The row number just past the last one to emit. */
    private final long endRow;
    private long nextRow;

    public DatagenRowIterator(DatagenGenerator generator, DatagenSplit split) {
        this.generator = requireNonNull(generator, "generator is null");
        requireNonNull(split, "split is null");
        this.stride = split.workers();
        this.endRow = generator.rowLimit().orElse(Long.MAX_VALUE);
        this.nextRow = split.worker();
    }

    @Override
    public boolean hasNext() {
        // nextRow may have wrapped past Long.MAX_VALUE on an unbounded source; it then stops.
        return nextRow >= 0 && nextRow < endRow;
    }

    /** The row number of the row {@link #next()} returns; only while {@link #hasNext()}. */
    public long nextRowNumber() {
        if (!hasNext()) {
            throw new NoSuchElementException("no rows left");
        }
        return nextRow;
    }

    @Override
    public Object[] next() {
        long row = nextRowNumber();
        nextRow += stride;
        return generator.row(row);
    }
}
