package dev.freshet.executor.source;

import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Reads some of a source's splits for one materialized view. Polled on one thread at a time; its
 * positions are committed with each epoch, and a reader opened again at committed positions
 * continues exactly after the last row of that epoch.
 */
public interface SourceReader extends AutoCloseable {
    /**
     * Reads at most {@code max} rows that are available now, without blocking (a throttled
     * generator makes only the rows its rate allows by {@code nowNanos}).
     *
     * @param nowNanos the caller's {@link System#nanoTime()}
     * @return how many rows (not bad records) it put
     */
    int poll(int max, long nowNanos, SourceOutput output);

    /**
     * The position of each split after the rows polled so far: what a reader opened again needs
     * to continue after them. Covers every split the reader reads.
     */
    Map<Integer, Long> positions();

    /** True when none of the reader's splits will ever have another row. */
    boolean finished();

    /** True when this split will never have another row. */
    boolean finished(int split);

    /**
     * What "caught up" means now, for FLUSH: a test that becomes true once the reader has read
     * every row available at {@code nowNanos} (a throttled generator's rows due by then, a bounded
     * one's rows up to its end, a Kafka partition's records up to its end offset then). A reader
     * whose rows are made as fast as they are read, without end, is caught up with what it has
     * read. Called and tested on the thread that polls.
     */
    BooleanSupplier catchUpPoint(long nowNanos);

    /**
     * How many rows or events the split has left to read: for a bounded generator, up to its end;
     * for a Kafka partition, up to its end offset. Empty when unknown or unbounded.
     */
    default OptionalLong backlog(int split) {
        return OptionalLong.empty();
    }

    /**
     * Why the reader cannot read now (no broker, no topic), for system tables; null when nothing
     * is wrong. The reader keeps trying, and its place is kept.
     */
    default String problem() {
        return null;
    }

    @Override
    default void close() {
    }
}
