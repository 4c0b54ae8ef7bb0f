package dev.freshet.storage;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator over storage that holds native resources until closed. Not thread-safe. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    /** Releases the underlying storage iterator. Idempotent. */
    @Override
    void close();

    /** The same rows, running {@code action} once this iterator has closed (to release what it was read from). */
    default CloseableIterator<T> onClose(Runnable action) {
        CloseableIterator<T> rows = this;
        return new CloseableIterator<>() {
            private boolean closed;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public T next() {
                return rows.next();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    try {
                        rows.close();
                    } finally {
                        action.run();
                    }
                }
            }
        };
    }

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
