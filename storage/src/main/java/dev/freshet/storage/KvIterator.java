package dev.freshet.storage;

/**
 * A cursor over the entries of one keyspace in key order (or reverse key order), from
 * {@link KvReader#scan}. Starts before the first entry: call {@link #next()} first.
 *
 * <p>Not thread-safe. Close it before the read view or transaction it came from; closing that
 * closes its open iterators too.
 */
public interface KvIterator extends AutoCloseable {
    /** Moves to the next entry; returns false, and stays there, when there is none. */
    boolean next();

    /** The current entry's key within its keyspace (without the keyspace prefix); a fresh array. */
    byte[] key();

    /** The current entry's value; a fresh array. */
    byte[] value();

    /** Releases the native iterator. Idempotent. */
    @Override
    void close();
}
