package dev.freshet.storage.internal;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** A write-only batch: no index, so cheaper per write than a transaction; range deletes are tombstones. */
final class RocksWriteBatch extends AbstractRocksWriter {
    private final WriteBatch writeBatch;

    RocksWriteBatch(RocksStorageEngine engine) {
        this(engine, new WriteBatch());
    }

    private RocksWriteBatch(RocksStorageEngine engine, WriteBatch writeBatch) {
        super(engine, writeBatch);
        this.writeBatch = writeBatch;
    }

    @Override
    public void deleteRange(long keyspace, byte[] lowerInclusive, byte[] upperExclusive) {
        checkWritable();
        try {
            writeBatch.deleteRange(engine.dataFamily(), KeyLayout.dataLowerBound(keyspace, lowerInclusive),
                    KeyLayout.dataUpperBound(keyspace, upperExclusive));
        }
        catch (RocksDBException e) {
            throw engine.failure("delete range", RocksReads.keyspaceName(keyspace), e);
        }
        countWrite();
    }

    @Override
    protected void release() {
        writeBatch.close();
    }
}
