package dev.freshet.executor.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import org.apache.calcite.avatica.util.ByteString;

import dev.freshet.storage.KvIterator;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.RowCodec;
import dev.freshet.storage.RowSchema;
import dev.freshet.storage.StorageWriter;
import dev.freshet.storage.ValueType;

/**
 * The durable queue between committed table writes and the dataflow. A write transaction that
 * changes tables read by materialized views appends one entry, in the same RocksDB commit as its
 * rows; the epoch that applies the entry to the views deletes it and records its sequence number
 * as applied, again in one commit. So after a crash the entries after the applied mark are
 * exactly the committed writes the views have not seen yet: they are replayed, never lost and
 * never applied twice.
 *
 * <p>Layout, in keyspace {@value #KEYSPACE} (object ids, and so user keyspaces, start at 1):
 * key {@code 0x00} holds the applied sequence number (8 bytes, big-endian); key {@code 0x01}
 * followed by the big-endian sequence number holds an entry: a format byte {@code 0x01}, then for
 * each table its id (8 bytes), the table's watermark after the transaction (8 bytes;
 * {@code Long.MIN_VALUE} when the transaction did not raise it), its row count (4 bytes), then per
 * row its weight (8 bytes), the encoded row's length (4 bytes) and the row in {@link RowCodec}
 * form over the table's column types. (Entries written before watermarks lack the format byte and
 * the watermark, and still decode.) Key {@code 0x02}
 * followed by a view's id (big-endian) marks a view whose maintenance failed; the value is the
 * reason in UTF-8. The mark outlives restarts, so a view that missed changes is never resumed as
 * if it had not. Key {@code 0x03} holds tables' watermarks ({@code TableWatermarks}).
 */
public final class ChangeLog {
    public static final long KEYSPACE = 0;

    private static final byte[] APPLIED_KEY = {0x00};
    private static final byte ENTRY_TAG = 0x01;
    private static final byte[] ENTRIES_START = {ENTRY_TAG};
    private static final byte[] ENTRIES_END = {ENTRY_TAG + 1};
    private static final byte FAILED_TAG = 0x02;
    /**
     * The first byte of an entry that carries watermarks. Entries of earlier versions begin with a
     * table id, whose top byte is 0 (ids stay far below 2^56), so both decode.
     */
    private static final byte FORMAT_WITH_WATERMARKS = 0x01;

    private ChangeLog() {
    }

    /** Appends an entry for the changes of one transaction; {@code codecs} gives each table's row codec. */
    public static void append(StorageWriter writer, long sequence, Map<Long, ChangeBatch> changes,
            Map<Long, Long> watermarks, LongFunction<RowCodec> codecs) {
        Map<Long, ChangeBatch> tables = new LinkedHashMap<>(changes);
        for (long table : watermarks.keySet()) {
            tables.putIfAbsent(table, new ChangeBatch(1));
        }
        List<byte[]> encoded = new ArrayList<>();
        int size = 0;
        for (Map.Entry<Long, ChangeBatch> table : tables.entrySet()) {
            RowCodec codec = codecs.apply(table.getKey());
            ChangeBatch batch = table.getValue();
            for (int i = 0; i < batch.size(); i++) {
                byte[] row = codec.encode(toStored(batch.row(i)));
                encoded.add(row);
                size += 12 + row.length;
            }
            size += 20;
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 + size);
        buffer.put(FORMAT_WITH_WATERMARKS);
        int next = 0;
        for (Map.Entry<Long, ChangeBatch> table : tables.entrySet()) {
            ChangeBatch batch = table.getValue();
            buffer.putLong(table.getKey()).putLong(watermarks.getOrDefault(table.getKey(), Long.MIN_VALUE))
                    .putInt(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                byte[] row = encoded.get(next++);
                buffer.putLong(batch.weight(i)).putInt(row.length).put(row);
            }
        }
        writer.put(KEYSPACE, entryKey(sequence), buffer.array());
    }

    /** Records that every entry up to {@code sequence} is applied, and deletes them. */
    public static void markApplied(StorageWriter writer, long sequence) {
        writer.put(KEYSPACE, APPLIED_KEY, ByteBuffer.allocate(8).putLong(sequence).array());
        writer.deleteRange(KEYSPACE, ENTRIES_START, entryKey(sequence + 1));
    }

    /** The applied sequence number, 0 when nothing was ever applied. */
    public static long applied(KvReader reader) {
        byte[] value = reader.get(KEYSPACE, APPLIED_KEY);
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    /** The sequence number of the last entry, or -1 when there is none. */
    public static long lastEntry(KvReader reader) {
        try (KvIterator entries = reader.scanReverse(KEYSPACE, ENTRIES_START, ENTRIES_END)) {
            return entries.next() ? ByteBuffer.wrap(entries.key(), 1, 8).getLong() : -1;
        }
    }

    /**
     * The entries after {@code applied}, decoded, in sequence order. Tables {@code codecs} returns
     * null for (dropped since) are left out.
     */
    public static List<Entry> pending(KvReader reader, long applied, LongFunction<RowCodec> codecs) {
        List<Entry> entries = new ArrayList<>();
        try (KvIterator iterator = reader.scan(KEYSPACE, entryKey(applied + 1), ENTRIES_END)) {
            while (iterator.next()) {
                long sequence = ByteBuffer.wrap(iterator.key(), 1, 8).getLong();
                entries.add(decode(sequence, iterator.value(), codecs));
            }
        }
        return entries;
    }

    private static Entry decode(long sequence, byte[] value, LongFunction<RowCodec> codecs) {
        Map<Long, ChangeBatch> changes = new HashMap<>();
        Map<Long, Long> watermarks = new HashMap<>();
        ByteBuffer buffer = ByteBuffer.wrap(value);
        // Entries written before watermarks start with the first table id, whose top byte is 0.
        boolean withWatermarks = buffer.hasRemaining() && buffer.get(0) == FORMAT_WITH_WATERMARKS;
        if (withWatermarks) {
            buffer.get();
        }
        while (buffer.hasRemaining()) {
            long table = buffer.getLong();
            long watermark = withWatermarks ? buffer.getLong() : Long.MIN_VALUE;
            int count = buffer.getInt();
            RowCodec codec = codecs.apply(table);
            ChangeBatch batch = new ChangeBatch(Math.max(count, 1));
            for (int i = 0; i < count; i++) {
                long weight = buffer.getLong();
                byte[] row = new byte[buffer.getInt()];
                buffer.get(row);
                if (codec != null) {
                    batch.add(toPlan(codec.decode(row), codec.schema()), weight);
                }
            }
            if (codec != null) {
                if (!batch.isEmpty()) {
                    changes.put(table, batch);
                }
                if (watermark != Long.MIN_VALUE) {
                    watermarks.put(table, watermark);
                }
            }
        }
        return new Entry(sequence, changes, watermarks);
    }

    /** Marks a view as no longer maintained. */
    public static void markFailed(StorageWriter writer, long viewId, String reason) {
        writer.put(KEYSPACE, failedKey(viewId), reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Forgets a view's failure mark (the view is dropped). */
    public static void clearFailed(StorageWriter writer, long viewId) {
        writer.delete(KEYSPACE, failedKey(viewId));
    }

    /** Why a view stopped being maintained, or null when it did not. */
    public static String failure(KvReader reader, long viewId) {
        byte[] reason = reader.get(KEYSPACE, failedKey(viewId));
        return reason == null ? null : new String(reason, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] failedKey(long viewId) {
        return ByteBuffer.allocate(9).put(FAILED_TAG).putLong(viewId).array();
    }

    private static byte[] entryKey(long sequence) {
        return ByteBuffer.allocate(9).put(ENTRY_TAG).putLong(sequence).array();
    }

    private static Object[] toStored(Object[] row) {
        Object[] stored = row;
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof ByteString bytes) {
                if (stored == row) {
                    stored = row.clone();
                }
                stored[i] = bytes.getBytes();
            }
        }
        return stored;
    }

    private static Object[] toPlan(Object[] stored, RowSchema schema) {
        for (int i = 0; i < stored.length; i++) {
            if (schema.type(i) == ValueType.BYTES && stored[i] instanceof byte[] bytes) {
                stored[i] = new ByteString(bytes);
            }
        }
        return stored;
    }

    /**
     * One committed transaction's changes, and the watermarks it raised, per table id (tables it
     * did not raise the watermark of are absent).
     */
    public record Entry(long sequence, Map<Long, ChangeBatch> changes, Map<Long, Long> watermarks) {
    }
}
