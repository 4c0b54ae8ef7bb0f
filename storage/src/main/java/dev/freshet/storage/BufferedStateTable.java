package dev.freshet.storage;

/**
 * A state table owned by one operator instance across epochs: writes collect in an in-memory
 * buffer until {@link #flush} hands them to the epoch's commit, reads see those buffered writes
 * on top of committed storage, and a bounded cache keeps recently read and flushed rows so hot
 * keys are answered without touching RocksDB.
 *
 * <p>The cache is only correct because the instance is the single writer of its keys: no other
 * writer may change the keys this table reads between flushes. Rows are {@code Object[]} in the
 * layout of {@link StateTableDescriptor#rowSchema()}; keys hold the key columns in key order.
 *
 * <p>One thread at a time. Obtain one with {@link StateTables#buffered}.
 */
public interface BufferedStateTable {
    StateTableDescriptor descriptor();

    /**
     * Sets the committed view that reads fall through to: a snapshot taken after the last
     * flushed epoch committed. Must be called before the first read of an epoch.
     */
    void setReader(KvReader reader);

    /** The row with the key, or null when there is none (buffered writes first, then cache, then storage). */
    Object[] get(Object[] key);

    /** Adds the row, replacing any row with the same key. */
    void put(Object[] row);

    /** Removes the row with the key; nothing happens when there is none. */
    void delete(Object[] key);

    /**
     * The rows whose key starts with the given key columns (every row for an empty prefix), in key
     * order, merging buffered writes with storage. The iterator sees the table as it was when the
     * scan began; do not change the table while iterating.
     */
    CloseableIterator<Object[]> prefixScan(Object[] keyPrefix);

    /**
     * Writes every buffered change into the writer (the epoch's commit) and empties the buffer;
     * the flushed rows stay in the cache, which then evicts down to its capacity.
     */
    void flush(StorageWriter writer);

    /** Forgets every buffered write and cached row (the epoch was abandoned). */
    void discard();

    /** The number of writes waiting for {@link #flush}. */
    int bufferedCount();

    /** The number of rows (and known-absent keys) in the cache. */
    int cachedCount();
}
