package dev.freshet.executor.source.nexmark;

import static java.util.Objects.requireNonNull;

import dev.freshet.executor.source.GeneratorReader;

/** Reads one {@link NexmarkSplit} of a NEXMark table; positions are event numbers of the stream. */
final class NexmarkReader extends GeneratorReader {
    private final NexmarkTable table;
    private final NexmarkSplit split;
    private final NexmarkRowIterator rows;
    private final int[] projection;
    /** True when the source has the table's columns in the table's order. */
    private final boolean wholeRows;

    /**
     * @param position the first event number to consider
     * @param wallRate events of the stream per second of wall-clock time, 0 for no limit
     * @param projection the table's column of each source column
     */
    NexmarkReader(NexmarkGenerator generator, NexmarkTable table, NexmarkSplit split, long position, long wallRate,
            int[] projection) {
        super(split.worker(), position, generator.config().endEvent(), wallRate);
        this.table = requireNonNull(table, "table is null");
        this.split = split;
        this.rows = new NexmarkRowIterator(generator, table, split, startPosition(), generator.config().endEvent());
        this.projection = projection.clone();
        this.wholeRows = isIdentity(projection, table.columns().size());
    }

    @Override
    protected boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    protected long nextNumber() {
        return rows.nextEventNumber();
    }

    @Override
    protected Object[] next() {
        Object[] row = rows.next();
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
    public String toString() {
        return "nexmark " + table.tableName() + " split " + split.worker() + "/" + split.workers() + " at event "
                + positions().get(split.worker());
    }
}
