package dev.freshet.storage.internal;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;

/**
 * Where things live in RocksDB.
 *
 * <p>Data: one column family, each key prefixed by its keyspace id as 8 big-endian bytes. A key
 * prefix rather than a column family per keyspace because Freshet creates a keyspace per table,
 * materialized view and operator state table: thousands of column families would each carry
 * their own memtables and files, and dropping a keyspace is cheap either way (one DeleteRange
 * tombstone over the prefix, reclaimed by compaction).
 *
 * <p>System data (format version, catalog, sequences) lives in its own column family, so no data
 * range deletion can ever touch it, with a one-byte tag per kind.
 */
final class KeyLayout {
    static final int KEYSPACE_PREFIX_LENGTH = 8;
    static final String SYSTEM_COLUMN_FAMILY = "freshet_system";

    private static final byte FORMAT_TAG = 0x01;
    private static final byte CATALOG_TAG = 0x02;
    private static final byte SEQUENCE_TAG = 0x03;

    private KeyLayout() {
    }

    static void checkKeyspace(long keyspace) {
        if (keyspace < 0 || keyspace == Long.MAX_VALUE) {
            throw new IllegalArgumentException(format("keyspace must be in [0, %d): %d", Long.MAX_VALUE, keyspace));
        }
    }

    static byte[] dataKey(long keyspace, byte[] key) {
        checkKeyspace(keyspace);
        byte[] raw = new byte[KEYSPACE_PREFIX_LENGTH + key.length];
        writeLong(keyspace, raw, 0);
        System.arraycopy(key, 0, raw, KEYSPACE_PREFIX_LENGTH, key.length);
        return raw;
    }

    /** The raw lower bound of a scan: the keyspace's first key when {@code key} is null. */
    static byte[] dataLowerBound(long keyspace, byte[] key) {
        return key == null ? dataKey(keyspace, new byte[0]) : dataKey(keyspace, key);
    }

    /** The raw exclusive upper bound of a scan: the next keyspace's first key when {@code key} is null. */
    static byte[] dataUpperBound(long keyspace, byte[] key) {
        return key == null ? dataKey(keyspace + 1, new byte[0]) : dataKey(keyspace, key);
    }

    /**
     * The smallest byte string greater than every string starting with {@code prefix}, or null when
     * there is none (the prefix is empty or all 0xFF).
     */
    static byte[] prefixSuccessor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] successor = Arrays.copyOf(prefix, i + 1);
                successor[i]++;
                return successor;
            }
        }
        return null;
    }

    static byte[] formatVersionKey() {
        return new byte[] {FORMAT_TAG};
    }

    static byte[] catalogKey(long objectId) {
        byte[] raw = new byte[9];
        raw[0] = CATALOG_TAG;
        // Sign bit flipped so that negative ids, should anyone use them, still sort by value.
        writeLong(objectId ^ Long.MIN_VALUE, raw, 1);
        return raw;
    }

    static byte[] catalogLowerBound() {
        return new byte[] {CATALOG_TAG};
    }

    static byte[] catalogUpperBound() {
        return new byte[] {CATALOG_TAG + 1};
    }

    static long catalogObjectId(byte[] rawKey) {
        return readLong(rawKey, 1) ^ Long.MIN_VALUE;
    }

    static byte[] sequenceKey(String name) {
        byte[] utf8 = name.getBytes(UTF_8);
        byte[] raw = new byte[1 + utf8.length];
        raw[0] = SEQUENCE_TAG;
        System.arraycopy(utf8, 0, raw, 1, utf8.length);
        return raw;
    }

    static byte[] longValue(long value) {
        byte[] bytes = new byte[8];
        writeLong(value, bytes, 0);
        return bytes;
    }

    static long readLong(byte[] bytes, int position) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position + i] & 0xFF);
        }
        return value;
    }

    private static void writeLong(long value, byte[] target, int position) {
        for (int i = 0; i < 8; i++) {
            target[position + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
