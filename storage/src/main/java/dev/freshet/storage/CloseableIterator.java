package dev.freshet.storage;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator over storage that holds native resources until closed. Not thread-safe. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    /** Releases the underlying storage iterator. Idempotent. */
    @Override
    void close();

    /** An iterator over nothing. */
    static <T> CloseableIterator<T> empty() {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public T next() {
                throw new NoSuchElementException();
            }

            @Override
            public void close() {
            }
        };
    }
}
