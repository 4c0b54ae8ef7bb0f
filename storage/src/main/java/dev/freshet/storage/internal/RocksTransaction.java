package dev.freshet.storage.internal;

import java.util.ArrayList;
import java.util.List;

import org.rocksdb.WriteBatchWithIndex;

import dev.freshet.storage.KvIterator;
import dev.freshet.storage.StorageTransaction;

/**
 * A write batch with an index, so reads merge the batch over the snapshot taken at begin. RocksDB's
 * indexed batch cannot hold range deletions, so {@link #deleteRange} deletes the keys it can see.
 */
final class RocksTransaction extends AbstractRocksWriter implements StorageTransaction, RocksReader {
    private final WriteBatchWithIndex indexedBatch;
    private final RocksReads reads;

    RocksTransaction(RocksStorageEngine engine) {
        this(engine, new WriteBatchWithIndex(true));
    }

    private RocksTransaction(RocksStorageEngine engine, WriteBatchWithIndex indexedBatch) {
        super(engine, indexedBatch);
        this.indexedBatch = indexedBatch;
        this.reads = new RocksReads(engine, indexedBatch);
    }

    @Override
    public RocksReads reads() {
        return reads;
    }

    @Override
    public byte[] get(long keyspace, byte[] key) {
        return reads.get(keyspace, key);
    }

    @Override
    public KvIterator scan(long keyspace, byte[] lowerInclusive, byte[] upperExclusive) {
        return reads.scan(keyspace, lowerInclusive, upperExclusive);
    }

    @Override
    public KvIterator scanReverse(long keyspace, byte[] lowerInclusive, byte[] upperExclusive) {
        return reads.scanReverse(keyspace, lowerInclusive, upperExclusive);
    }

    @Override
    public KvIterator scanPrefix(long keyspace, byte[] prefix) {
        return reads.scanPrefix(keyspace, prefix);
    }

    @Override
    public void deleteRange(long keyspace, byte[] lowerInclusive, byte[] upperExclusive) {
        checkWritable();
        // Collect first: changing the indexed batch while iterating over it is not safe.
        List<byte[]> keys = new ArrayList<>();
        try (KvIterator iterator = reads.scan(keyspace, lowerInclusive, upperExclusive)) {
            while (iterator.next()) {
                keys.add(iterator.key());
            }
        }
        for (byte[] key : keys) {
            delete(keyspace, key);
        }
    }

    @Override
    protected void release() {
        reads.close();
        indexedBatch.close();
    }
}
