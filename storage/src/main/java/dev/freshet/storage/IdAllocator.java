package dev.freshet.storage;

/**
 * Named, persistent sequences of ids (catalog object ids, hidden row ids of tables without a
 * primary key). Ids of a sequence increase, start at 1 and are never handed out twice, even
 * across restarts after {@code kill -9}; they may skip values after a restart. Thread-safe.
 */
public interface IdAllocator {
    /**
     * The next id of the named sequence, creating the sequence on first use.
     *
     * @throws StorageException when persisting a new block of ids fails
     */
    long nextId(String sequenceName);

    /** Forgets the named sequence (for example when its table is dropped), within the writer's commit. */
    void dropSequence(StorageWriter writer, String sequenceName);
}
