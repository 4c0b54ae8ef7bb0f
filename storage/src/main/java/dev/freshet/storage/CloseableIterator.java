package dev.freshet.storage;

import java.util.Iterator;

/** An iterator over storage that holds native resources until closed. Not thread-safe. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    /** Releases the underlying storage iterator. Idempotent. */
    @Override
    void close();
}
