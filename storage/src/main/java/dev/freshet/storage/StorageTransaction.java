package dev.freshet.storage;

/**
 * A writer that can read: reads see the committed state as of {@code beginTransaction()} (a
 * snapshot) with the transaction's own uncommitted writes on top, so a DML statement can insert
 * rows and then check keys it has just written. Built on RocksDB's WriteBatchWithIndex.
 *
 * <p>One thread only. Closing without committing discards everything.
 */
public interface StorageTransaction extends StorageWriter, KvReader {
}
