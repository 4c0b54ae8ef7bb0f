package dev.freshet.storage;

/**
 * Storage failed: RocksDB reported an error (I/O, corruption, a data directory in use), the data
 * directory has a format this binary cannot read, or the engine was used after it closed. The
 * message names the data directory, the keyspace where there is one, and the operation.
 *
 * <p>Storage knows no SQLSTATEs: the server reports this error to clients as an I/O error
 * (58030) unless it knows better.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
