package dev.freshet.storage;

import java.nio.file.Path;

/**
 * An open data directory: keyspaces of keys and values, the catalog, id sequences and format
 * metadata, all in one RocksDB database so a single commit can span them. Obtain one with
 * {@link StorageEngines#open}. Thread-safe.
 */
public interface StorageEngine extends AutoCloseable {
    /** The format version this binary writes and reads. */
    int FORMAT_VERSION = 1;

    Path directory();

    /** A snapshot of everything committed so far. Close it when done. */
    ReadView openReadView();

    /** A transaction reading a snapshot taken now plus its own writes. Close it when done. */
    StorageTransaction beginTransaction();

    /**
     * A write-only batch: cheaper than a transaction for many blind writes (an epoch's state and
     * materialized-view changes), and its {@link StorageWriter#deleteRange} is one range tombstone.
     */
    StorageWriter beginBatch();

    CatalogStore catalog();

    IdAllocator ids();

    /**
     * Closes the database and releases its native memory, closing read views, transactions and
     * iterators still open. Idempotent. Using the engine or anything from it afterwards throws
     * {@link StorageException}.
     */
    @Override
    void close();
}
