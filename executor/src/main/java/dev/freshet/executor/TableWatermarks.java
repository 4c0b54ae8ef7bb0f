package dev.freshet.executor;

import java.nio.ByteBuffer;

import dev.freshet.executor.internal.ChangeLog;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.StorageWriter;

/**
 * The durable event-time watermark of each table declared with {@code WATERMARK FOR}: the largest
 * value its watermark expression has taken over the rows written to it, so the largest event
 * time seen minus the declared delay. It only grows. A write transaction that raises it stores
 * the new value in its own commit, next to its rows, so it survives any crash exactly as the rows
 * do; a table whose watermark was never set has {@link #NONE}.
 *
 * <p>Values are in the watermark column's internal form (milliseconds since the epoch). Stored in
 * the change log's keyspace under key {@code 0x03} followed by the table id (big-endian), with an
 * 8-byte big-endian value.
 */
public final class TableWatermarks {
    /** The watermark of a table no row has reached yet: below every time. */
    public static final long NONE = Long.MIN_VALUE;

    private static final byte TAG = 0x03;

    private TableWatermarks() {
    }

    /** The table's stored watermark, or {@link #NONE}. */
    public static long read(KvReader reader, long tableId) {
        byte[] value = reader.get(ChangeLog.KEYSPACE, key(tableId));
        return value == null ? NONE : ByteBuffer.wrap(value).getLong();
    }

    /** Stores the table's watermark in the writer's commit. */
    public static void write(StorageWriter writer, long tableId, long watermark) {
        writer.put(ChangeLog.KEYSPACE, key(tableId), ByteBuffer.allocate(8).putLong(watermark).array());
    }

    /** Forgets the table's watermark (the table is dropped). */
    public static void delete(StorageWriter writer, long tableId) {
        writer.delete(ChangeLog.KEYSPACE, key(tableId));
    }

    private static byte[] key(long tableId) {
        return ByteBuffer.allocate(9).put(TAG).putLong(tableId).array();
    }
}
