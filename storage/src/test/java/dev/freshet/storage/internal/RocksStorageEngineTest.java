package dev.freshet.storage.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

import dev.freshet.storage.StorageEngine;
import dev.freshet.storage.StorageEngines;
import dev.freshet.storage.StorageException;
import dev.freshet.storage.StorageOptions;

class RocksStorageEngineTest {
    @TempDir
    Path directory;

    @Test
    void shouldRefuseADataDirectoryOfAnotherFormatVersionWithAClearError() throws Exception {
        StorageEngines.open(directory, StorageOptions.defaults()).close();
        overwriteFormatVersion(StorageEngine.FORMAT_VERSION + 1);
        assertThatThrownBy(() -> StorageEngines.open(directory, StorageOptions.defaults()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("format version " + (StorageEngine.FORMAT_VERSION + 1))
                .hasMessageContaining(directory.toString());
    }

    private void overwriteFormatVersion(long version) throws Exception {
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions();
                RocksDB db = RocksDB.open(options, directory.toString(), List.of(
                        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                        new ColumnFamilyDescriptor(KeyLayout.SYSTEM_COLUMN_FAMILY.getBytes(UTF_8))), handles)) {
            db.put(handles.get(1), KeyLayout.formatVersionKey(), KeyLayout.longValue(version));
            for (ColumnFamilyHandle handle : handles) {
                handle.close();
            }
        }
    }
}
