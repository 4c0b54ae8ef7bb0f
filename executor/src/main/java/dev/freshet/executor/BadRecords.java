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
 * Records a source could not turn into rows (undecodable, or a value that does not fit its
 * column): skipped so the dataflow goes on, but never silently. Each is kept with where it was and
 * why it was refused, and counted per source, in the commit of the epoch that read past it.
 *
 * <p>Retention is bounded like {@link LateRows}': about the latest {@link #RETAINED} records
 * across all sources; the counts are kept for good. Stored in the change log's keyspace: key
 * {@code 0x07} followed by the big-endian sequence number holds a record (source id, view id,
 * split, offset, arrival time, then the lengths and UTF-8 bytes of the raw text and the reason);
 * key {@code 0x08} followed by the source id holds its count (8 bytes).
 */
public final class BadRecords {
    /** The id allocator's sequence that numbers bad records. */
    public static final String SEQUENCE = "bad_record";

    /** How many bad records are kept, across all sources. */
    public static final int RETAINED = 10_000;

    /** How much of a record's raw text is kept. */
    public static final int MAX_RAW_CHARS = 4_096;

    private static final byte ROW_TAG = 0x07;
    private static final byte COUNT_TAG = 0x08;

    private BadRecords() {
    }

    /**
     * One refused record.
     *
     * @param sequence its place in arrival order
     * @param sourceId the source it came from
     * @param viewId the materialized view that was reading it
     * @param split its split (a Kafka partition)
     * @param offset its offset in the split
     * @param raw the record as text, cut to {@link #MAX_RAW_CHARS}
     * @param reason why it was refused
     * @param arrivedAt the wall-clock time it was read, in milliseconds since the epoch
     */
    public record BadRecord(long sequence, long sourceId, long viewId, int split, long offset, String raw,
            String reason, long arrivedAt) {
    }

    /** Records a bad record in the writer's commit; {@code sequence} must grow with every call. */
    public static void record(StorageWriter writer, BadRecord record) {
        String rawText = record.raw().length() > MAX_RAW_CHARS ? record.raw().substring(0, MAX_RAW_CHARS)
                : record.raw();
        byte[] raw = rawText.getBytes(UTF_8);
        byte[] reason = record.reason().getBytes(UTF_8);
        byte[] value = ByteBuffer.allocate(44 + raw.length + reason.length).putLong(record.sourceId())
                .putLong(record.viewId()).putInt(record.split()).putLong(record.offset()).putLong(record.arrivedAt())
                .putInt(raw.length).put(raw).putInt(reason.length).put(reason).array();
        writer.put(ChangeLog.KEYSPACE, rowKey(record.sequence()), value);
        writer.delete(ChangeLog.KEYSPACE, rowKey(record.sequence() - RETAINED));
    }

    /** Adds {@code records} refused records to the source's count, in the writer's commit. */
    public static void addToCount(StorageWriter writer, KvReader reader, long sourceId, long records) {
        long count = count(reader, sourceId) + records;
        writer.put(ChangeLog.KEYSPACE, countKey(sourceId), ByteBuffer.allocate(8).putLong(count).array());
    }

    /** How many records of the source were ever refused. */
    public static long count(KvReader reader, long sourceId) {
        byte[] value = reader.get(ChangeLog.KEYSPACE, countKey(sourceId));
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    /** The retained records, oldest first. */
    public static List<BadRecord> retained(KvReader reader) {
        List<BadRecord> records = new ArrayList<>();
        try (KvIterator iterator = reader.scan(ChangeLog.KEYSPACE, new byte[] {ROW_TAG},
                new byte[] {ROW_TAG + 1})) {
            while (iterator.next()) {
                long sequence = ByteBuffer.wrap(iterator.key(), 1, 8).getLong();
                ByteBuffer value = ByteBuffer.wrap(iterator.value());
                long sourceId = value.getLong();
                long viewId = value.getLong();
                int split = value.getInt();
                long offset = value.getLong();
                long arrivedAt = value.getLong();
                byte[] raw = new byte[value.getInt()];
                value.get(raw);
                byte[] reason = new byte[value.getInt()];
                value.get(reason);
                records.add(new BadRecord(sequence, sourceId, viewId, split, offset, new String(raw, UTF_8),
                        new String(reason, UTF_8), arrivedAt));
            }
        }
        return records;
    }

    /** Forgets a source's count (the source is dropped); its records age out with the others. */
    public static void deleteCount(StorageWriter writer, long sourceId) {
        writer.delete(ChangeLog.KEYSPACE, countKey(sourceId));
    }

    private static byte[] rowKey(long sequence) {
        return ByteBuffer.allocate(9).put(ROW_TAG).putLong(sequence).array();
    }

    private static byte[] countKey(long sourceId) {
        return ByteBuffer.allocate(9).put(COUNT_TAG).putLong(sourceId).array();
    }
}
