package dev.freshet.storage.internal;

import dev.freshet.storage.KvIterator;
import dev.freshet.storage.ReadView;

/** A read view over a RocksDB snapshot. */
final class RocksReadView implements ReadView, RocksReader {
    private final RocksReads reads;

    RocksReadView(RocksStorageEngine engine) {
        this.reads = new RocksReads(engine, null);
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
    public void close() {
        reads.engine().closeResource(this, reads::close);
    }
}
