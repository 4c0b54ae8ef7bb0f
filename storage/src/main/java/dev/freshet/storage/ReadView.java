package dev.freshet.storage;

/**
 * A consistent read of every keyspace, catalog entry and metadata value as of the moment it was
 * opened (a RocksDB snapshot): later commits are invisible to it. A SELECT reads one view so it
 * sees one committed epoch across all tables and materialized views.
 *
 * <p>Must be closed: an open view pins old versions of data in RocksDB. Thread-safe for reads;
 * each iterator is for one thread.
 */
public interface ReadView extends KvReader, AutoCloseable {
    /** Releases the snapshot and closes the iterators still open on it. Idempotent. */
    @Override
    void close();
}
