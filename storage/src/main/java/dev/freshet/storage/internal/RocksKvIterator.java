package dev.freshet.storage.internal;

import java.util.Arrays;
import java.util.function.Supplier;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

import dev.freshet.storage.KvIterator;

/**
 * A bounded cursor over raw RocksDB keys that strips a fixed prefix (the keyspace id) from the keys
 * it returns. RocksDB's own iterate bounds let it stop early over tombstones; the bounds are also
 * checked here because an iterator over a write batch merged with the database does not honour
 * them on the batch side.
 */
final class RocksKvIterator implements KvIterator {
    private final RocksIterator iterator;
    private final ReadOptions readOptions;
    private final Slice lowerSlice;
    private final Slice upperSlice;
    private final byte[] rawLower;
    private final byte[] rawUpper;
    private final boolean reverse;
    private final int prefixLength;
    private final Runnable onClose;
    private final Supplier<String> description;
    private byte[] currentKey;
    private boolean started;
    private boolean exhausted;
    private boolean closed;

    RocksKvIterator(IteratorFactory factory, ReadOptions readOptions, byte[] rawLower, byte[] rawUpper,
            boolean reverse, int prefixLength, Runnable onClose, Supplier<String> description) {
        this.readOptions = readOptions;
        this.rawLower = rawLower;
        this.rawUpper = rawUpper;
        this.reverse = reverse;
        this.prefixLength = prefixLength;
        this.onClose = onClose;
        this.description = description;
        this.lowerSlice = new Slice(rawLower);
        this.upperSlice = new Slice(rawUpper);
        readOptions.setIterateLowerBound(lowerSlice);
        readOptions.setIterateUpperBound(upperSlice);
        this.iterator = factory.create(readOptions);
    }

    /** Creates the native iterator once the read options carry the bounds. */
    interface IteratorFactory {
        RocksIterator create(ReadOptions readOptions);
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("iterator is closed");
        }
        if (exhausted) {
            return false;
        }
        if (!started) {
            started = true;
            if (reverse) {
                iterator.seekForPrev(rawUpper);
                if (iterator.isValid() && Arrays.equals(iterator.key(), rawUpper)) {
                    iterator.prev();
                }
            }
            else {
                iterator.seek(rawLower);
            }
        }
        else if (reverse) {
            iterator.prev();
        }
        else {
            iterator.next();
        }
        if (!iterator.isValid()) {
            checkStatus();
            return finish();
        }
        currentKey = iterator.key();
        boolean inRange = reverse
                ? Arrays.compareUnsigned(currentKey, rawLower) >= 0
                : Arrays.compareUnsigned(currentKey, rawUpper) < 0;
        return inRange || finish();
    }

    private boolean finish() {
        exhausted = true;
        currentKey = null;
        return false;
    }

    private void checkStatus() {
        try {
            iterator.status();
        }
        catch (RocksDBException e) {
            throw RocksStorageEngine.wrap("iterate", description.get(), e);
        }
    }

    @Override
    public byte[] key() {
        return Arrays.copyOfRange(current(), prefixLength, currentKey.length);
    }

    @Override
    public byte[] value() {
        current();
        return iterator.value();
    }

    private byte[] current() {
        if (currentKey == null) {
            throw new IllegalStateException("iterator is not on an entry: call next() first and check its result");
        }
        return currentKey;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        currentKey = null;
        iterator.close();
        readOptions.close();
        lowerSlice.close();
        upperSlice.close();
        onClose.run();
    }
}
