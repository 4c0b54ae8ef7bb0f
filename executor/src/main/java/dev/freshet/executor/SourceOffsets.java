package dev.freshet.executor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.freshet.executor.internal.ChangeLog;
import dev.freshet.storage.KvIterator;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.StorageWriter;

/**
 * Where each materialized view stands in each source it reads: per split (a Kafka partition, a
 * generator's share), the position after the last row the view's committed state includes.
 * Written in the same commit as the epoch whose rows they follow, so after a crash a view resumes
 * exactly after its committed rows: nothing lost, nothing read twice.
 *
 * <p>Each split's watermark (the largest value its rows gave the source's watermark expression)
 * is kept beside its position, so a view does not take rows behind it for on-time ones after a
 * restart.
 *
 * <p>Stored in the change log's keyspace: key {@code 0x06}, view id, source id (8 bytes each,
 * big-endian), split (4 bytes); value the position and the watermark (8 bytes each).
 */
public final class SourceOffsets {
    private static final byte TAG = 0x06;

    private SourceOffsets() {
    }

    /**
     * A split's committed place.
     *
     * @param position the position after the rows the view has committed
     * @param watermark the split's watermark, {@link Long#MIN_VALUE} before any
     */
    public record SplitPosition(long position, long watermark) {
    }

    /**
     * One split's committed place, with whose it is.
     *
     * @param viewId the materialized view reading
     * @param sourceId the source read
     * @param split the split
     * @param place its position and watermark
     */
    public record Offset(long viewId, long sourceId, int split, SplitPosition place) {
    }

    /** The view's committed places in the source, by split; empty when it has none yet. */
    public static Map<Integer, SplitPosition> read(KvReader reader, long viewId, long sourceId) {
        Map<Integer, SplitPosition> positions = new TreeMap<>();
        byte[] prefix = ByteBuffer.allocate(17).put(TAG).putLong(viewId).putLong(sourceId).array();
        try (KvIterator iterator = reader.scanPrefix(ChangeLog.KEYSPACE, prefix)) {
            while (iterator.next()) {
                int split = ByteBuffer.wrap(iterator.key(), 17, 4).getInt();
                positions.put(split, place(iterator.value()));
            }
        }
        return positions;
    }

    /** Every committed position of every view, ordered by view, source and split. */
    public static List<Offset> all(KvReader reader) {
        List<Offset> offsets = new ArrayList<>();
        try (KvIterator iterator = reader.scanPrefix(ChangeLog.KEYSPACE, new byte[] {TAG})) {
            while (iterator.next()) {
                ByteBuffer key = ByteBuffer.wrap(iterator.key(), 1, 20);
                offsets.add(new Offset(key.getLong(), key.getLong(), key.getInt(), place(iterator.value())));
            }
        }
        return offsets;
    }

    /** Stores a split's place in the writer's commit. */
    public static void write(StorageWriter writer, long viewId, long sourceId, int split, SplitPosition place) {
        byte[] key = ByteBuffer.allocate(21).put(TAG).putLong(viewId).putLong(sourceId).putInt(split).array();
        writer.put(ChangeLog.KEYSPACE, key,
                ByteBuffer.allocate(16).putLong(place.position()).putLong(place.watermark()).array());
    }

    private static SplitPosition place(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return new SplitPosition(buffer.getLong(), buffer.getLong());
    }

    /** Forgets every position of the view (it is dropped). */
    public static void deleteView(StorageWriter writer, long viewId) {
        writer.deleteRange(ChangeLog.KEYSPACE, ByteBuffer.allocate(9).put(TAG).putLong(viewId).array(),
                ByteBuffer.allocate(9).put(TAG).putLong(viewId + 1).array());
    }
}
