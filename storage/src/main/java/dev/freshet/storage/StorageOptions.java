package dev.freshet.storage;

import static java.lang.String.format;

/**
 * How the storage engine is tuned. Immutable; start from {@link #defaults()} and change what you
 * need with the {@code with} methods.
 *
 * @param blockCacheBytes the size of the block cache shared by all keyspaces (uncompressed blocks)
 * @param writeBufferBytes the size of one memtable; RocksDB keeps a few of them per column family
 * @param syncCommits whether a commit waits for its write-ahead-log record to reach the disk
 *     (fsync). Off by default: a commit is then in the operating system's page cache when it
 *     returns, so killing the process (even with SIGKILL) loses nothing; only a crash of the
 *     operating system or a power loss can lose the last commits. Never a torn commit: a batch is
 *     replayed whole or not at all.
 * @param idBlockSize how many ids {@link IdAllocator} reserves with one durable write; the unused
 *     rest of a block is skipped after a restart
 */
public record StorageOptions(long blockCacheBytes, long writeBufferBytes, boolean syncCommits, int idBlockSize) {
    private static final long MIB = 1024L * 1024L;

    public StorageOptions {
        if (blockCacheBytes < 0) {
            throw new IllegalArgumentException(format("blockCacheBytes is negative: %d", blockCacheBytes));
        }
        if (writeBufferBytes < MIB) {
            throw new IllegalArgumentException(format("writeBufferBytes below 1 MiB: %d", writeBufferBytes));
        }
        if (idBlockSize < 1) {
            throw new IllegalArgumentException(format("idBlockSize must be positive: %d", idBlockSize));
        }
    }

    /** 256 MiB block cache, 64 MiB memtables, no fsync per commit, ids reserved 1000 at a time. */
    public static StorageOptions defaults() {
        return new StorageOptions(256 * MIB, 64 * MIB, false, 1000);
    }

    public StorageOptions withBlockCacheBytes(long blockCacheBytes) {
        return new StorageOptions(blockCacheBytes, writeBufferBytes, syncCommits, idBlockSize);
    }

    public StorageOptions withWriteBufferBytes(long writeBufferBytes) {
        return new StorageOptions(blockCacheBytes, writeBufferBytes, syncCommits, idBlockSize);
    }

    public StorageOptions withSyncCommits(boolean syncCommits) {
        return new StorageOptions(blockCacheBytes, writeBufferBytes, syncCommits, idBlockSize);
    }

    public StorageOptions withIdBlockSize(int idBlockSize) {
        return new StorageOptions(blockCacheBytes, writeBufferBytes, syncCommits, idBlockSize);
    }
}
