package dev.freshet.storage.internal;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;

import dev.freshet.storage.IdAllocator;
import dev.freshet.storage.StorageWriter;

/**
 * Hands out ids from blocks reserved with one synced write each: the system area holds, per
 * sequence, the first id not yet reserved (the high-water mark). The mark is on disk before any id
 * of its block is handed out, so no id is handed out twice across a crash; the unused rest of the
 * block is skipped after a restart. Synced because it is rare and cheap, and because the ids may
 * reach commits with a weaker durability than the mark.
 */
final class RocksIdAllocator implements IdAllocator {
    private static final long FIRST_ID = 1;

    private final RocksStorageEngine engine;
    private final int blockSize;
    private final Map<String, Block> blocks = new HashMap<>();

    RocksIdAllocator(RocksStorageEngine engine, int blockSize) {
        this.engine = requireNonNull(engine, "engine is null");
        this.blockSize = blockSize;
    }

    /** The ids of a sequence reserved on disk but not yet handed out: {@code [next, limit)}. */
    private static final class Block {
        long next;
        long limit;
    }

    @Override
    public synchronized long nextId(String sequenceName) {
        requireNonNull(sequenceName, "sequenceName is null");
        Block block = blocks.get(sequenceName);
        if (block == null) {
            block = new Block();
            byte[] mark = engine.getSystemLatest(KeyLayout.sequenceKey(sequenceName),
                    sequenceDescription(sequenceName));
            block.next = mark == null ? FIRST_ID : KeyLayout.readLong(mark, 0);
            block.limit = block.next;
            blocks.put(sequenceName, block);
        }
        if (block.next == block.limit) {
            long limit = Math.addExact(block.limit, blockSize);
            engine.putSystemDurably(KeyLayout.sequenceKey(sequenceName), KeyLayout.longValue(limit),
                    sequenceDescription(sequenceName));
            block.limit = limit;
        }
        return block.next++;
    }

    @Override
    public synchronized void dropSequence(StorageWriter writer, String sequenceName) {
        requireNonNull(sequenceName, "sequenceName is null");
        RocksCatalogStore.writerOf(engine, writer).deleteSystem(KeyLayout.sequenceKey(sequenceName),
                sequenceDescription(sequenceName));
        // Reloaded from disk on next use: still the old mark when the drop does not commit.
        blocks.remove(sequenceName);
    }

    private static String sequenceDescription(String sequenceName) {
        return format("sequence '%s'", sequenceName);
    }
}
