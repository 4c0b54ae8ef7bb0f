package dev.freshet.storage;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

import dev.freshet.storage.internal.RocksStorageEngine;

/** Opens storage engines. */
public final class StorageEngines {
    private StorageEngines() {
    }

    /**
     * Opens (creating it when missing) the data directory.
     *
     * @throws StorageException when the directory is in use by another process, is corrupt, or was
     *     written by a Freshet with another {@link StorageEngine#FORMAT_VERSION}
     */
    public static StorageEngine open(Path directory, StorageOptions options) {
        requireNonNull(directory, "directory is null");
        requireNonNull(options, "options is null");
        return RocksStorageEngine.open(directory, options);
    }
}
