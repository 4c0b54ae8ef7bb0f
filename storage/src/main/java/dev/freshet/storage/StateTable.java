package dev.freshet.storage;

/**
 * A keyed table of rows in one keyspace: the typed view of storage that operators, tables and
 * materialized views use. Rows are {@code Object[]} holding one value (or null) per column of
 * {@link StateTableDescriptor#rowSchema()}, of the classes of {@link ValueType}; keys are
 * {@code Object[]} holding the key columns in key order. Iteration follows the key order of the
 * descriptor (SQL order per column, NULL last ascending and first descending).
 *
 * <p>Every method works within the read view or writer it is given, so many tables read one
 * snapshot, and writes to many tables commit together. Implementations are thread-safe; the
 * readers and writers passed in are not.
 *
 * <p>Key values are compared as SQL compares them: -0.0 and 0.0 are one key, DECIMAL 1.0 and 1.00
 * are one key. The stored row keeps the values exactly as written.
 */
public interface StateTable {
    StateTableDescriptor descriptor();

    /** The row with the key, or null when there is none. */
    Object[] get(KvReader reader, Object[] key);

    /** Adds the row unless a row with its key exists; returns whether it was added. */
    boolean insert(StorageTransaction transaction, Object[] row);

    /** Adds the row, replacing any row with the same key, without reading. */
    void upsert(StorageWriter writer, Object[] row);

    /** Removes the row with the key; returns whether there was one. */
    boolean delete(StorageTransaction transaction, Object[] key);

    /** Removes the row with the key, if any, without reading. */
    void remove(StorageWriter writer, Object[] key);

    /**
     * The rows whose keys lie between the bounds, in key order. A bound is a key or a key prefix
     * (its first n key columns); a prefix bound compares as its key columns, so an inclusive upper
     * bound of {@code [5]} takes every key starting with 5 and an exclusive lower bound of
     * {@code [5]} skips them all. A null bound is unbounded. Empty when nothing is in range.
     */
    CloseableIterator<Object[]> scan(KvReader reader, Object[] lowerBound, boolean lowerInclusive,
            Object[] upperBound, boolean upperInclusive);

    /** The same rows as {@link #scan}, in reverse key order. */
    CloseableIterator<Object[]> scanReverse(KvReader reader, Object[] lowerBound, boolean lowerInclusive,
            Object[] upperBound, boolean upperInclusive);

    /** The rows whose key starts with the given key columns (every row for an empty prefix), in key order. */
    CloseableIterator<Object[]> prefixScan(KvReader reader, Object[] keyPrefix);

    /** Removes every row, within the writer's commit. */
    void clear(StorageWriter writer);
}
