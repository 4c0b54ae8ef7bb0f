package dev.freshet.storage.internal;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatchWithIndex;

import dev.freshet.storage.KvIterator;
import dev.freshet.storage.KvReader;

/**
 * Reads at one snapshot, optionally with a transaction's uncommitted batch merged on top: the part
 * a read view and a transaction share. Owns the snapshot and the iterators opened through it.
 */
final class RocksReads implements KvReader {
    private final RocksStorageEngine engine;
    private final WriteBatchWithIndex batch;
    private final Snapshot snapshot;
    private final ReadOptions readOptions;
    private final Set<RocksKvIterator> openIterators = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Takes a snapshot now; {@code batch} is null for a read-only view. */
    RocksReads(RocksStorageEngine engine, WriteBatchWithIndex batch) {
        this.engine = requireNonNull(engine, "engine is null");
        this.batch = batch;
        this.snapshot = engine.db().getSnapshot();
        this.readOptions = new ReadOptions().setSnapshot(snapshot);
    }

    RocksStorageEngine engine() {
        return engine;
    }

    @Override
    public byte[] get(long keyspace, byte[] key) {
        requireNonNull(key, "key is null");
        return getRaw(engine.dataFamily(), KeyLayout.dataKey(keyspace, key), "get", () -> keyspaceName(keyspace));
    }

    @Override
    public KvIterator scan(long keyspace, byte[] lowerInclusive, byte[] upperExclusive) {
        return scanData(keyspace, lowerInclusive, upperExclusive, false);
    }

    @Override
    public KvIterator scanReverse(long keyspace, byte[] lowerInclusive, byte[] upperExclusive) {
        return scanData(keyspace, lowerInclusive, upperExclusive, true);
    }

    @Override
    public KvIterator scanPrefix(long keyspace, byte[] prefix) {
        requireNonNull(prefix, "prefix is null");
        return scanData(keyspace, prefix, KeyLayout.prefixSuccessor(prefix), false);
    }

    private KvIterator scanData(long keyspace, byte[] lowerInclusive, byte[] upperExclusive, boolean reverse) {
        KeyLayout.checkKeyspace(keyspace);
        return iterator(engine.dataFamily(), KeyLayout.dataLowerBound(keyspace, lowerInclusive),
                KeyLayout.dataUpperBound(keyspace, upperExclusive), reverse, KeyLayout.KEYSPACE_PREFIX_LENGTH,
                () -> keyspaceName(keyspace));
    }

    byte[] getSystem(byte[] rawKey, String what) {
        return getRaw(engine.systemFamily(), rawKey, "get", () -> what);
    }

    /** Iterates raw system keys in {@code [lower, upper)}, returning them whole. */
    KvIterator scanSystem(byte[] rawLower, byte[] rawUpper, String what) {
        return iterator(engine.systemFamily(), rawLower, rawUpper, false, 0, () -> what);
    }

    /** {@code what} names the data for an error message; it is only called when reading fails. */
    private byte[] getRaw(ColumnFamilyHandle family, byte[] rawKey, String operation, Supplier<String> what) {
        checkOpen();
        try {
            if (batch == null) {
                return engine.db().get(family, readOptions, rawKey);
            }
            return batch.getFromBatchAndDB(engine.db(), family, readOptions, rawKey);
        }
        catch (RocksDBException e) {
            throw engine.failure(operation, what.get(), e);
        }
    }

    private KvIterator iterator(ColumnFamilyHandle family, byte[] rawLower, byte[] rawUpper, boolean reverse,
            int prefixLength, Supplier<String> what) {
        checkOpen();
        ReadOptions options = new ReadOptions().setSnapshot(snapshot);
        RocksKvIterator.IteratorFactory factory;
        if (batch == null) {
            factory = bounded -> engine.db().newIterator(family, bounded);
        }
        else {
            factory = bounded -> {
                RocksIterator base = engine.db().newIterator(family, bounded);
                return batch.newIteratorWithBase(family, base, bounded);
            };
        }
        RocksKvIterator[] holder = new RocksKvIterator[1];
        RocksKvIterator iterator = new RocksKvIterator(factory, options, rawLower, rawUpper, reverse, prefixLength,
                () -> openIterators.remove(holder[0]), () -> engine.describe(what.get()));
        holder[0] = iterator;
        openIterators.add(iterator);
        return iterator;
    }

    void checkOpen() {
        engine.checkOpen();
        if (closed) {
            throw new IllegalStateException("read view or transaction is closed");
        }
    }

    /** Closes open iterators and releases the snapshot. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RocksKvIterator iterator : new ArrayList<>(openIterators)) {
            iterator.close();
        }
        readOptions.close();
        engine.db().releaseSnapshot(snapshot);
    }

    static String keyspaceName(long keyspace) {
        return format("keyspace %d", keyspace);
    }
}
