package dev.freshet.executor.source.datagen;

import static java.util.Objects.requireNonNull;

import dev.freshet.executor.source.GeneratorReader;

/**
 * Reads one {@link DatagenSplit}, throttled to the source's {@code rows_per_second}; positions are
 * row numbers.
 */
final class DatagenReader extends GeneratorReader {
    private final DatagenSplit split;
    private final DatagenRowIterator rows;

    DatagenReader(DatagenGenerator generator, DatagenSplit split, long position) {
        super(split.worker(), position, generator.rowLimit().orElse(Long.MAX_VALUE),
                generator.config().rowsPerSecond());
        this.split = requireNonNull(split, "split is null");
        this.rows = new DatagenRowIterator(generator, split, startPosition());
    }

    @Override
    protected boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    protected long nextNumber() {
        return rows.nextRowNumber();
    }

    @Override
    protected Object[] next() {
        return rows.next();
    }

    @Override
    public String toString() {
        return "datagen split " + split.worker() + "/" + split.workers() + " at row " + positions().get(split.worker());
    }
}
