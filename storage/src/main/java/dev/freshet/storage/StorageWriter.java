package dev.freshet.storage;

/**
 * Collects writes to many keyspaces (and to the catalog and id sequences) and commits them
 * atomically, in one RocksDB write batch: after a crash either all of them are there or none.
 * Nothing is visible to anybody before {@link #commit()}.
 *
 * <p>A writer serves one commit and one thread. Writers do not detect conflicts with other
 * writers: of two commits writing one key, the later wins. Freshet avoids that by giving each
 * keyspace one writer at a time (an operator instance, or a DML statement on a table).
 */
public interface StorageWriter extends AutoCloseable {
    /** Sets the key's value, replacing any value it had. */
    void put(long keyspace, byte[] key, byte[] value);

    /** Removes the key; nothing happens when it is absent. */
    void delete(long keyspace, byte[] key);

    /**
     * Removes every key with {@code lowerInclusive <= key < upperExclusive} (null bounds are
     * unbounded), including keys put earlier in this writer. A write batch records one range
     * tombstone; a {@link StorageTransaction} deletes the keys it finds one by one, so prefer a
     * batch for large ranges.
     */
    void deleteRange(long keyspace, byte[] lowerInclusive, byte[] upperExclusive);

    /** Removes the whole keyspace: {@code deleteRange(keyspace, null, null)}. */
    void dropKeyspace(long keyspace);

    /** The number of puts and deletes collected so far. */
    int size();

    /**
     * Applies every write atomically and durably (see {@link StorageOptions#syncCommits()}). The
     * writer is spent afterwards: further writes or commits throw {@link IllegalStateException}.
     *
     * @throws StorageException when RocksDB refuses the write; then nothing was applied
     */
    void commit();

    /** Discards the writes unless committed and releases native memory. Idempotent. */
    @Override
    void close();
}
