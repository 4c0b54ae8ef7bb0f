package dev.freshet.storage.internal;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.NoSuchElementException;

import dev.freshet.storage.CloseableIterator;
import dev.freshet.storage.KvIterator;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.MemcomparableCodec;
import dev.freshet.storage.RowCodec;
import dev.freshet.storage.StateTable;
import dev.freshet.storage.StateTableDescriptor;
import dev.freshet.storage.StorageTransaction;
import dev.freshet.storage.StorageWriter;

/**
 * A state table as the bytes store sees it: key = the memcomparable encoding of the key columns,
 * value = the {@link RowCodec} encoding of the whole row. The value repeats the key columns because
 * the key encoding is not lossless for every type (it folds -0.0 into 0.0 and drops a decimal's
 * trailing zeros) and a table must return what was written.
 */
public final class EncodedStateTable implements StateTable {
    private final StateTableDescriptor descriptor;
    private final long keyspace;
    private final MemcomparableCodec keyCodec;
    private final RowCodec rowCodec;
    private final int[] keyColumns;

    public EncodedStateTable(StateTableDescriptor descriptor) {
        this.descriptor = requireNonNull(descriptor, "descriptor is null");
        this.keyspace = descriptor.keyspace();
        this.keyCodec = new MemcomparableCodec(descriptor.keyTypes(), descriptor.keyOrders());
        this.rowCodec = new RowCodec(descriptor.rowSchema());
        this.keyColumns = descriptor.keyColumns().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public StateTableDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Object[] get(KvReader reader, Object[] key) {
        byte[] value = reader.get(keyspace, keyCodec.encode(key));
        return value == null ? null : rowCodec.decode(value);
    }

    @Override
    public boolean insert(StorageTransaction transaction, Object[] row) {
        byte[] value = rowCodec.encode(row);
        byte[] key = keyCodec.encodeColumns(row, keyColumns);
        if (transaction.get(keyspace, key) != null) {
            return false;
        }
        transaction.put(keyspace, key, value);
        return true;
    }

    @Override
    public void upsert(StorageWriter writer, Object[] row) {
        byte[] value = rowCodec.encode(row);
        writer.put(keyspace, keyCodec.encodeColumns(row, keyColumns), value);
    }

    @Override
    public boolean delete(StorageTransaction transaction, Object[] key) {
        byte[] encoded = keyCodec.encode(key);
        if (transaction.get(keyspace, encoded) == null) {
            return false;
        }
        transaction.delete(keyspace, encoded);
        return true;
    }

    @Override
    public void remove(StorageWriter writer, Object[] key) {
        writer.delete(keyspace, keyCodec.encode(key));
    }

    @Override
    public CloseableIterator<Object[]> scan(KvReader reader, Object[] lowerBound, boolean lowerInclusive,
            Object[] upperBound, boolean upperInclusive) {
        return scan(reader, lowerBound, lowerInclusive, upperBound, upperInclusive, false);
    }

    @Override
    public CloseableIterator<Object[]> scanReverse(KvReader reader, Object[] lowerBound, boolean lowerInclusive,
            Object[] upperBound, boolean upperInclusive) {
        return scan(reader, lowerBound, lowerInclusive, upperBound, upperInclusive, true);
    }

    @Override
    public CloseableIterator<Object[]> prefixScan(KvReader reader, Object[] keyPrefix) {
        byte[] prefix = encodeBound(keyPrefix);
        return new RowIterator(reader.scanPrefix(keyspace, prefix));
    }

    @Override
    public void clear(StorageWriter writer) {
        writer.dropKeyspace(keyspace);
    }

    private CloseableIterator<Object[]> scan(KvReader reader, Object[] lowerBound, boolean lowerInclusive,
            Object[] upperBound, boolean upperInclusive, boolean reverse) {
        // Every key starting with an encoded prefix P lies in [P, successor(P)), because each
        // column's encoding is self-delimiting: so an exclusive lower or inclusive upper prefix
        // bound becomes its successor.
        byte[] lower = null;
        if (lowerBound != null) {
            byte[] encoded = encodeBound(lowerBound);
            if (lowerInclusive) {
                lower = encoded;
            }
            else {
                lower = KeyLayout.prefixSuccessor(encoded);
                if (lower == null) {
                    return new RowIterator(null);
                }
            }
        }
        byte[] upper = null;
        if (upperBound != null) {
            byte[] encoded = encodeBound(upperBound);
            upper = upperInclusive ? KeyLayout.prefixSuccessor(encoded) : encoded;
        }
        if (lower != null && upper != null && Arrays.compareUnsigned(lower, upper) >= 0) {
            return new RowIterator(null);
        }
        if (reverse) {
            return new RowIterator(reader.scanReverse(keyspace, lower, upper));
        }
        return new RowIterator(reader.scan(keyspace, lower, upper));
    }

    private byte[] encodeBound(Object[] bound) {
        requireNonNull(bound, "bound is null");
        if (bound.length > keyColumns.length) {
            throw new IllegalArgumentException(format("bound has %d values, the key only %d columns", bound.length,
                    keyColumns.length));
        }
        return keyCodec.encodePrefix(bound, bound.length);
    }

    /** Decodes rows from a bytes iterator; an empty iterator when {@code iterator} is null. */
    private final class RowIterator implements CloseableIterator<Object[]> {
        private final KvIterator iterator;
        private boolean ready;
        private boolean hasNext;

        RowIterator(KvIterator iterator) {
            this.iterator = iterator;
        }

        @Override
        public boolean hasNext() {
            if (!ready) {
                hasNext = iterator != null && iterator.next();
                ready = true;
            }
            return hasNext;
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ready = false;
            return rowCodec.decode(iterator.value());
        }

        @Override
        public void close() {
            if (iterator != null) {
                iterator.close();
            }
        }
    }
}
