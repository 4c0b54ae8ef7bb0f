package dev.freshet.executor.source;

/**
 * Where a {@link SourceReader} puts what it read in one poll: rows, each from one of its splits,
 * and records it could not turn into a row.
 */
public interface SourceOutput {
    /**
     * One row of the source, in its column order and Calcite's internal representation.
     *
     * @param split the split it came from (a Kafka partition, a generator's worker share)
     */
    void row(int split, Object[] row);

    /**
     * A record that could not be decoded or does not fit the source's columns: skipped, counted and
     * kept for inspection, never a reason to stop.
     *
     * @param split the split it came from
     * @param offset its position in the split
     * @param raw the record as text, for people to read
     * @param reason what is wrong with it
     */
    void badRecord(int split, long offset, String raw, String reason);
}
