package dev.freshet.storage.internal;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import dev.freshet.storage.BufferedStateTable;
import dev.freshet.storage.CloseableIterator;
import dev.freshet.storage.KvIterator;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.MemcomparableCodec;
import dev.freshet.storage.RowCodec;
import dev.freshet.storage.StateTableDescriptor;
import dev.freshet.storage.StorageWriter;

/**
 * A {@link BufferedStateTable} over the layout of {@link EncodedStateTable} (key = the
 * memcomparable encoding of the key columns, value = the {@link RowCodec} encoding of the whole
 * row), so the two read each other's data.
 *
 * <p>State, all keyed by encoded key bytes:
 * <ul>
 *   <li>{@code buffer}: the writes since the last flush, sorted by unsigned byte order (the order
 *       storage iterates in, so a prefix scan can merge it with storage). A put holds the row and
 *       its encoded value, encoded once when put; a delete holds {@link #TOMBSTONE}.
 *   <li>{@code cache}: an LRU map, in access order, of rows known to be committed (read from storage
 *       or flushed) to the row, or to {@link #ABSENT} for keys known to have no row. At most
 *       {@code cacheCapacity} entries once a public method returns.
 * </ul>
 *
 * <p>Invariant: a key is in the buffer or in the cache, never both. A put or delete drops the key's
 * cache entry, because the buffer shadows it until the flush replaces it anyway. The cache is only
 * trusted because this instance is the single writer of its keys (see {@link BufferedStateTable}).
 * It caches flushed rows before their commit, which is why {@link #discard} clears it too.
 *
 * <p>Rows are copied on the way in and out: the caller may reuse the array it put, and a row it
 * got must not change the cache. The copies are shallow; BYTES values are shared and must not be
 * changed.
 */
public final class BufferedEncodedStateTable implements BufferedStateTable {
    /** Cache value for a key storage has no row for. Compared by identity. */
    private static final Object[] ABSENT = new Object[0];
    private static final BufferedWrite TOMBSTONE = new BufferedWrite(null, null);

    private final StateTableDescriptor descriptor;
    private final long keyspace;
    private final MemcomparableCodec keyCodec;
    private final RowCodec rowCodec;
    private final int[] keyColumns;
    private final int cacheCapacity;
    private final TreeMap<byte[], BufferedWrite> buffer = new TreeMap<>(Arrays::compareUnsigned);
    private final LinkedHashMap<CacheKey, Object[]> cache = new LinkedHashMap<>(16, 0.75f, true);
    private KvReader reader;

    public BufferedEncodedStateTable(StateTableDescriptor descriptor, int cacheCapacity) {
        this.descriptor = requireNonNull(descriptor, "descriptor is null");
        if (cacheCapacity < 0) {
            throw new IllegalArgumentException(format("cache capacity must not be negative: %d", cacheCapacity));
        }
        this.keyspace = descriptor.keyspace();
        this.keyCodec = new MemcomparableCodec(descriptor.keyTypes(), descriptor.keyOrders());
        this.rowCodec = new RowCodec(descriptor.rowSchema());
        this.keyColumns = descriptor.keyColumns().stream().mapToInt(Integer::intValue).toArray();
        this.cacheCapacity = cacheCapacity;
    }

    @Override
    public StateTableDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void setReader(KvReader reader) {
        this.reader = requireNonNull(reader, "reader is null");
    }

    @Override
    public Object[] get(Object[] key) {
        byte[] encoded = keyCodec.encode(key);
        BufferedWrite write = buffer.get(encoded);
        if (write != null) {
            return write == TOMBSTONE ? null : write.row().clone();
        }
        CacheKey cacheKey = new CacheKey(encoded);
        Object[] cached = cache.get(cacheKey);
        if (cached == null) {
            byte[] value = checkedReader().get(keyspace, encoded);
            cached = value == null ? ABSENT : rowCodec.decode(value);
            cache.put(cacheKey, cached);
            evictToCapacity();
        }
        return cached == ABSENT ? null : cached.clone();
    }

    @Override
    public void put(Object[] row) {
        Object[] copy = requireNonNull(row, "row is null").clone();
        byte[] value = rowCodec.encode(copy);
        byte[] key = keyCodec.encodeColumns(copy, keyColumns);
        buffer.put(key, new BufferedWrite(copy, value));
        cache.remove(new CacheKey(key));
    }

    @Override
    public void delete(Object[] key) {
        byte[] encoded = keyCodec.encode(key);
        buffer.put(encoded, TOMBSTONE);
        cache.remove(new CacheKey(encoded));
    }

    @Override
    public CloseableIterator<Object[]> prefixScan(Object[] keyPrefix) {
        requireNonNull(keyPrefix, "keyPrefix is null");
        if (keyPrefix.length > keyColumns.length) {
            throw new IllegalArgumentException(format("prefix has %d values, the key only %d columns",
                    keyPrefix.length, keyColumns.length));
        }
        byte[] prefix = keyCodec.encodePrefix(keyPrefix, keyPrefix.length);
        KvReader storage = checkedReader();
        // Copied into fresh entries: TreeMap's own entries are live, and a put of a buffered key
        // overwrites the value in its entry, so holding them would let later writes leak in.
        List<Map.Entry<byte[], BufferedWrite>> buffered = new ArrayList<>();
        for (Map.Entry<byte[], BufferedWrite> entry : bufferRange(prefix).entrySet()) {
            buffered.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return new MergingIterator(buffered.iterator(), storage.scanPrefix(keyspace, prefix));
    }

    @Override
    public void flush(StorageWriter writer) {
        requireNonNull(writer, "writer is null");
        // Everything goes to the writer before anything moves, so a failing writer leaves the
        // buffer whole and the cache untouched for discard().
        for (Map.Entry<byte[], BufferedWrite> entry : buffer.entrySet()) {
            if (entry.getValue() == TOMBSTONE) {
                writer.delete(keyspace, entry.getKey());
            }
            else {
                writer.put(keyspace, entry.getKey(), entry.getValue().value());
            }
        }
        for (Map.Entry<byte[], BufferedWrite> entry : buffer.entrySet()) {
            Object[] row = entry.getValue() == TOMBSTONE ? ABSENT : entry.getValue().row();
            cache.put(new CacheKey(entry.getKey()), row);
        }
        buffer.clear();
        evictToCapacity();
    }

    @Override
    public void discard() {
        buffer.clear();
        cache.clear();
    }

    @Override
    public int bufferedCount() {
        return buffer.size();
    }

    @Override
    public int cachedCount() {
        return cache.size();
    }

    private KvReader checkedReader() {
        if (reader == null) {
            throw new IllegalStateException(format("state table %d read before setReader", keyspace));
        }
        return reader;
    }

    /** The buffered writes whose key starts with {@code prefix}: [prefix, successor(prefix)). */
    private NavigableMap<byte[], BufferedWrite> bufferRange(byte[] prefix) {
        byte[] successor = KeyLayout.prefixSuccessor(prefix);
        if (successor == null) {
            return buffer.tailMap(prefix, true);
        }
        return buffer.subMap(prefix, true, successor, false);
    }

    private void evictToCapacity() {
        Iterator<Map.Entry<CacheKey, Object[]>> eldest = cache.entrySet().iterator();
        while (cache.size() > cacheCapacity) {
            eldest.next();
            eldest.remove();
        }
    }

    /** A buffered put (row and its encoded value) or, as {@link #TOMBSTONE}, a delete. */
    private record BufferedWrite(Object[] row, byte[] value) {
    }

    /** Encoded key bytes compared by content, for hashing; the bytes are never changed. */
    private static final class CacheKey {
        private final byte[] bytes;
        private final int hash;

        CacheKey(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CacheKey && Arrays.equals(((CacheKey) other).bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Merges a snapshot of buffered writes with a storage iterator over the same prefix, both in
     * unsigned key order: on equal keys the buffered write wins, and a tombstone hides both.
     */
    private final class MergingIterator implements CloseableIterator<Object[]> {
        private final Iterator<Map.Entry<byte[], BufferedWrite>> buffered;
        private final KvIterator stored;
        private Map.Entry<byte[], BufferedWrite> bufferedEntry;
        private byte[] storedKey;
        private Object[] nextRow;

        MergingIterator(Iterator<Map.Entry<byte[], BufferedWrite>> buffered, KvIterator stored) {
            this.buffered = buffered;
            this.stored = stored;
            this.bufferedEntry = buffered.hasNext() ? buffered.next() : null;
            this.storedKey = stored.next() ? stored.key() : null;
        }

        @Override
        public boolean hasNext() {
            while (nextRow == null && (bufferedEntry != null || storedKey != null)) {
                nextRow = advance();
            }
            return nextRow != null;
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object[] row = nextRow;
            nextRow = null;
            return row;
        }

        @Override
        public void close() {
            stored.close();
        }

        /** Consumes the smallest key on either side; returns its row, or null when a tombstone hid it. */
        private Object[] advance() {
            int order;
            if (bufferedEntry == null) {
                order = 1;
            }
            else if (storedKey == null) {
                order = -1;
            }
            else {
                order = Arrays.compareUnsigned(bufferedEntry.getKey(), storedKey);
            }
            if (order > 0) {
                Object[] row = rowCodec.decode(stored.value());
                storedKey = stored.next() ? stored.key() : null;
                return row;
            }
            if (order == 0) {
                storedKey = stored.next() ? stored.key() : null;
            }
            BufferedWrite write = bufferedEntry.getValue();
            bufferedEntry = buffered.hasNext() ? buffered.next() : null;
            return write == TOMBSTONE ? null : write.row().clone();
        }
    }
}
