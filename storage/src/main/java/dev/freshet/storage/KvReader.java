package dev.freshet.storage;

/**
 * Reads keys and values of keyspaces: what a {@link ReadView} (a snapshot) and a
 * {@link StorageTransaction} (a snapshot plus the transaction's own writes) have in common.
 *
 * <p>A keyspace is a long id in {@code [0, Long.MAX_VALUE)}, chosen by the caller (for tables,
 * the catalog object id). Keys are compared as unsigned bytes. Keyspaces need no creation: an
 * unused keyspace is empty.
 *
 * <p>Implementations are not thread-safe unless they say otherwise.
 */
public interface KvReader {
    /** The value of the key, or null when the key is absent. */
    byte[] get(long keyspace, byte[] key);

    /**
     * The entries with {@code lowerInclusive <= key < upperExclusive}, in ascending key order. A
     * null bound is unbounded on that side. Returns an empty iterator when nothing is in range.
     */
    KvIterator scan(long keyspace, byte[] lowerInclusive, byte[] upperExclusive);

    /** The same entries as {@link #scan}, in descending key order. */
    KvIterator scanReverse(long keyspace, byte[] lowerInclusive, byte[] upperExclusive);

    /** The entries whose key starts with {@code prefix} (all entries when it is empty), in key order. */
    KvIterator scanPrefix(long keyspace, byte[] prefix);
}
