package dev.freshet.executor;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.freshet.executor.internal.ChangeLog;
import dev.freshet.storage.KvIterator;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.StorageWriter;

/**
 * Rows that arrived behind their table's (or source's) watermark and were left out: never lost
 * silently, each is kept here with its event time and the watermark it missed, and counted per
 * object. Written in the commit of the transaction that brought them, so the record is exactly as
 * durable as the rows that were accepted.
 *
 * <p>Retention is bounded: about the latest {@link #RETAINED} rows across all objects are kept (a
 * few more when the id allocator skipped numbers in a crash); the counts are kept for good. Stored
 * in the change log's keyspace: key {@code 0x04} followed by the big-endian sequence number holds
 * a row (object id, event time, watermark and arrival time, 8 bytes each, then the row's text in
 * UTF-8); key {@code 0x05} followed by the object id holds its count (8 bytes).
 */
public final class LateRows {
    /** The id allocator's sequence that numbers late rows ({@link LateRow#sequence}). */
    public static final String SEQUENCE = "late_row";

    /** How many late rows are kept, across all objects. */
    public static final int RETAINED = 10_000;

    private static final byte ROW_TAG = 0x04;
    private static final byte COUNT_TAG = 0x05;

    private LateRows() {
    }

    /**
     * One late row.
     *
     * @param sequence its place in arrival order
     * @param objectId the table or source it arrived at
     * @param row the row as text, {@code (v1, v2, ...)}
     * @param eventTime its event time, in milliseconds
     * @param watermark the object's watermark when it arrived, in milliseconds
     * @param arrivedAt the wall-clock time it arrived, in milliseconds since the epoch
     */
    public record LateRow(long sequence, long objectId, String row, long eventTime, long watermark, long arrivedAt) {
    }

    /**
     * Records a late row in the writer's commit; {@code sequence} must grow with every call (an id
     * allocator's sequence). Count it with {@link #addToCount}, once per statement.
     */
    public static void record(StorageWriter writer, LateRow late) {
        byte[] text = late.row().getBytes(UTF_8);
        byte[] value = ByteBuffer.allocate(32 + text.length).putLong(late.objectId()).putLong(late.eventTime())
                .putLong(late.watermark()).putLong(late.arrivedAt()).put(text).array();
        writer.put(ChangeLog.KEYSPACE, rowKey(late.sequence()), value);
        // Sequence numbers come from an id allocator, one apart: the row RETAINED places back leaves.
        writer.delete(ChangeLog.KEYSPACE, rowKey(late.sequence() - RETAINED));
    }

    /** Adds {@code rows} late rows to the object's count, in the writer's commit. */
    public static void addToCount(StorageWriter writer, KvReader reader, long objectId, long rows) {
        long count = count(reader, objectId) + rows;
        writer.put(ChangeLog.KEYSPACE, countKey(objectId), ByteBuffer.allocate(8).putLong(count).array());
    }

    /** How many rows ever arrived late at the object. */
    public static long count(KvReader reader, long objectId) {
        byte[] value = reader.get(ChangeLog.KEYSPACE, countKey(objectId));
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    /** The retained late rows, oldest first. */
    public static List<LateRow> retained(KvReader reader) {
        List<LateRow> rows = new ArrayList<>();
        try (KvIterator iterator = reader.scan(ChangeLog.KEYSPACE, new byte[] {ROW_TAG},
                new byte[] {ROW_TAG + 1})) {
            while (iterator.next()) {
                long sequence = ByteBuffer.wrap(iterator.key(), 1, 8).getLong();
                ByteBuffer value = ByteBuffer.wrap(iterator.value());
                long objectId = value.getLong();
                long eventTime = value.getLong();
                long watermark = value.getLong();
                long arrivedAt = value.getLong();
                String text = new String(iterator.value(), 32, iterator.value().length - 32, UTF_8);
                rows.add(new LateRow(sequence, objectId, text, eventTime, watermark, arrivedAt));
            }
        }
        return rows;
    }

    /** Forgets an object's count (the object is dropped); its retained rows age out with the others. */
    public static void deleteCount(StorageWriter writer, long objectId) {
        writer.delete(ChangeLog.KEYSPACE, countKey(objectId));
    }

    private static byte[] rowKey(long sequence) {
        return ByteBuffer.allocate(9).put(ROW_TAG).putLong(sequence).array();
    }

    private static byte[] countKey(long objectId) {
        return ByteBuffer.allocate(9).put(COUNT_TAG).putLong(objectId).array();
    }
}
