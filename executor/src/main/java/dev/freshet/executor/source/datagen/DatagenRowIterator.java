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
        this(generator, split, 0);
    }

    /**
     * The split's rows from row number {@code fromRow} on: a reader continuing where a committed
     * position left it.
     */
    public DatagenRowIterator(DatagenGenerator generator, DatagenSplit split, long fromRow) {
        this.generator = requireNonNull(generator, "generator is null");
        requireNonNull(split, "split is null");
        if (fromRow < 0) {
            throw new IllegalArgumentException("fromRow is negative: " + fromRow);
        }
        this.stride = split.workers();
        this.endRow = generator.rowLimit().orElse(Long.MAX_VALUE);
        long remainder = Math.floorMod(fromRow - split.worker(), (long) stride);
        this.nextRow = remainder == 0 ? fromRow : fromRow + stride - remainder;
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
