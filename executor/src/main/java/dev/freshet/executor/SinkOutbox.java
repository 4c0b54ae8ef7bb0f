package dev.freshet.executor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.freshet.executor.format.EncodedRecord;
import dev.freshet.executor.internal.ChangeLog;
import dev.freshet.storage.KvIterator;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.StorageWriter;

/**
 * The records a sink has still to deliver. An epoch writes its sinks' records here in the same
 * commit as the views' state, numbered per sink; a delivery takes them to the external system in
 * one transaction that also records the number delivered, and only then are they deleted. A crash
 * anywhere leaves each batch either delivered (the external system says so) or still here, so a
 * restart delivers exactly the ones missing.
 *
 * <p>Stored in the change log's keyspace: key {@code 0x09}, sink id, batch number (8 bytes each,
 * big-endian); value the record count, then per record the key's and the value's length (-1 for
 * null) and bytes. Key {@code 0x0A} and the sink id hold the number of the last batch written,
 * which outlives the batches: numbers are never reused, since the external system remembers the
 * last one it took.
 */
public final class SinkOutbox {
    private static final byte TAG = 0x09;
    private static final byte LAST_TAG = 0x0A;

    private SinkOutbox() {
    }

    /**
     * A batch of records to deliver together.
     *
     * @param sequence its number, growing by one per batch of the sink from 1
     * @param records the records, in order
     */
    public record Batch(long sequence, List<EncodedRecord> records) {
        public Batch {
            records = List.copyOf(records);
        }
    }

    /** Stores a batch in the writer's commit. */
    public static void write(StorageWriter writer, long sinkId, Batch batch) {
        int size = 4;
        for (EncodedRecord record : batch.records()) {
            size += 8 + length(record.key()) + length(record.value());
        }
        ByteBuffer value = ByteBuffer.allocate(size).putInt(batch.records().size());
        for (EncodedRecord record : batch.records()) {
            put(value, record.key());
            put(value, record.value());
        }
        writer.put(ChangeLog.KEYSPACE, key(sinkId, batch.sequence()), value.array());
        writer.put(ChangeLog.KEYSPACE, lastKey(sinkId), ByteBuffer.allocate(8).putLong(batch.sequence()).array());
    }

    /** The sink's batch of this number, or null when it is not (or no longer) in the outbox. */
    public static Batch read(KvReader reader, long sinkId, long sequence) {
        byte[] value = reader.get(ChangeLog.KEYSPACE, key(sinkId, sequence));
        return value == null ? null : new Batch(sequence, records(ByteBuffer.wrap(value)));
    }

    /** The sink's batches not yet deleted, in order. */
    public static List<Batch> pending(KvReader reader, long sinkId) {
        List<Batch> batches = new ArrayList<>();
        try (KvIterator iterator = reader.scanPrefix(ChangeLog.KEYSPACE, prefix(sinkId))) {
            while (iterator.next()) {
                long sequence = ByteBuffer.wrap(iterator.key(), 9, 8).getLong();
                batches.add(new Batch(sequence, records(ByteBuffer.wrap(iterator.value()))));
            }
        }
        return batches;
    }

    /** The number of the sink's last batch written, or 0 when it has written none. */
    public static long lastSequence(KvReader reader, long sinkId) {
        byte[] value = reader.get(ChangeLog.KEYSPACE, lastKey(sinkId));
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    /** Deletes the sink's batches up to {@code sequence} inclusive (they are delivered). */
    public static void deleteUpTo(StorageWriter writer, long sinkId, long sequence) {
        writer.deleteRange(ChangeLog.KEYSPACE, prefix(sinkId), key(sinkId, sequence + 1));
    }

    /** Deletes every batch of the sink and its numbering (it is dropped). */
    public static void deleteAll(StorageWriter writer, long sinkId) {
        writer.deleteRange(ChangeLog.KEYSPACE, prefix(sinkId), ByteBuffer.allocate(9).put(TAG).putLong(sinkId + 1)
                .array());
        writer.delete(ChangeLog.KEYSPACE, lastKey(sinkId));
    }

    private static byte[] lastKey(long sinkId) {
        return ByteBuffer.allocate(9).put(LAST_TAG).putLong(sinkId).array();
    }

    private static List<EncodedRecord> records(ByteBuffer value) {
        int count = value.getInt();
        List<EncodedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new EncodedRecord(get(value), get(value)));
        }
        return records;
    }

    private static byte[] prefix(long sinkId) {
        return ByteBuffer.allocate(9).put(TAG).putLong(sinkId).array();
    }

    private static byte[] key(long sinkId, long sequence) {
        return ByteBuffer.allocate(17).put(TAG).putLong(sinkId).putLong(sequence).array();
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void put(ByteBuffer buffer, byte[] bytes) {
        if (bytes == null) {
            buffer.putInt(-1);
        } else {
            buffer.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] get(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
