package dev.freshet.storage.internal;

import static java.util.Objects.requireNonNull;

import org.rocksdb.AbstractWriteBatch;
import org.rocksdb.RocksDBException;

import dev.freshet.storage.StorageWriter;

/** Puts, deletes and the commit lifecycle shared by write batches and transactions. */
abstract class AbstractRocksWriter implements StorageWriter {
    private enum State { OPEN, COMMITTED, CLOSED }

    protected final RocksStorageEngine engine;
    private final AbstractWriteBatch batch;
    private int size;
    private State state = State.OPEN;

    AbstractRocksWriter(RocksStorageEngine engine, AbstractWriteBatch batch) {
        this.engine = requireNonNull(engine, "engine is null");
        this.batch = requireNonNull(batch, "batch is null");
    }

    @Override
    public void put(long keyspace, byte[] key, byte[] value) {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        checkWritable();
        try {
            batch.put(engine.dataFamily(), KeyLayout.dataKey(keyspace, key), value);
        }
        catch (RocksDBException e) {
            throw engine.failure("put", RocksReads.keyspaceName(keyspace), e);
        }
        size++;
    }

    @Override
    public void delete(long keyspace, byte[] key) {
        requireNonNull(key, "key is null");
        checkWritable();
        try {
            batch.delete(engine.dataFamily(), KeyLayout.dataKey(keyspace, key));
        }
        catch (RocksDBException e) {
            throw engine.failure("delete", RocksReads.keyspaceName(keyspace), e);
        }
        size++;
    }

    @Override
    public void dropKeyspace(long keyspace) {
        deleteRange(keyspace, null, null);
    }

    void putSystem(byte[] rawKey, byte[] value, String what) {
        checkWritable();
        try {
            batch.put(engine.systemFamily(), rawKey, value);
        }
        catch (RocksDBException e) {
            throw engine.failure("put", what, e);
        }
        size++;
    }

    void deleteSystem(byte[] rawKey, String what) {
        checkWritable();
        try {
            batch.delete(engine.systemFamily(), rawKey);
        }
        catch (RocksDBException e) {
            throw engine.failure("delete", what, e);
        }
        size++;
    }

    /** For subclasses recording writes of their own (range deletions). */
    void countWrite() {
        size++;
    }

    AbstractWriteBatch batch() {
        return batch;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void commit() {
        checkWritable();
        // Spent whether or not the write succeeds: a failed write applied nothing, and retrying
        // the same batch is the caller's decision to make with a new writer.
        state = State.COMMITTED;
        engine.write(batch);
    }

    void checkWritable() {
        engine.checkOpen();
        if (state != State.OPEN) {
            throw new IllegalStateException("writer is " + (state == State.COMMITTED ? "committed" : "closed"));
        }
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        engine.closeResource(this, this::release);
    }

    /** Releases native memory. Called once, while the engine is still open. */
    protected abstract void release();
}
