package dev.freshet.storage.internal;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.rocksdb.AbstractWriteBatch;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Filter;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.freshet.storage.CatalogStore;
import dev.freshet.storage.IdAllocator;
import dev.freshet.storage.ReadView;
import dev.freshet.storage.StorageEngine;
import dev.freshet.storage.StorageException;
import dev.freshet.storage.StorageOptions;
import dev.freshet.storage.StorageTransaction;
import dev.freshet.storage.StorageWriter;

/**
 * The storage engine over one RocksDB database with two column families: the default one for
 * keyspace data, and {@value KeyLayout#SYSTEM_COLUMN_FAMILY} for the format version, the catalog
 * and sequences (see {@link KeyLayout}). A write batch spans both, which is what makes catalog
 * changes atomic with data.
 *
 * <p>Tuning: one LRU block cache shared by both column families, whole-key Bloom filters (point
 * lookups on primary keys and state keys dominate), index and filter blocks in the cache so
 * memory stays within the budget, LZ4 on the upper levels and ZSTD on the bottom level where most
 * data rests, dynamic level sizes. The write-ahead log is always on.
 */
public final class RocksStorageEngine implements StorageEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RocksStorageEngine.class);
    private static final long SYSTEM_WRITE_BUFFER_BYTES = 4L * 1024 * 1024;

    private final Path directory;
    private final RocksDB db;
    private final ColumnFamilyHandle dataFamily;
    private final ColumnFamilyHandle systemFamily;
    private final WriteOptions writeOptions;
    private final WriteOptions syncWriteOptions;
    private final List<AutoCloseable> nativeResources;
    private final Map<Object, Runnable> openResources = new ConcurrentHashMap<>();
    private final RocksCatalogStore catalog;
    private final RocksIdAllocator ids;
    private volatile boolean closed;

    private RocksStorageEngine(Path directory, RocksDB db, ColumnFamilyHandle dataFamily,
            ColumnFamilyHandle systemFamily, boolean syncCommits, int idBlockSize,
            List<AutoCloseable> nativeResources) {
        this.directory = directory;
        this.db = db;
        this.dataFamily = dataFamily;
        this.systemFamily = systemFamily;
        this.writeOptions = new WriteOptions().setSync(syncCommits);
        this.syncWriteOptions = new WriteOptions().setSync(true);
        this.nativeResources = nativeResources;
        this.catalog = new RocksCatalogStore(this);
        this.ids = new RocksIdAllocator(this, idBlockSize);
    }

    public static RocksStorageEngine open(Path directory, StorageOptions options) {
        requireNonNull(directory, "directory is null");
        requireNonNull(options, "options is null");
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new StorageException(format("cannot create data directory %s: %s", directory, e.getMessage()), e);
        }
        // Closed in reverse order on failure and on close; the database goes first.
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Cache cache = track(resources, new LRUCache(options.blockCacheBytes()));
            Filter filter = track(resources, new BloomFilter(10));
            BlockBasedTableConfig tableConfig = new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setFilterPolicy(filter)
                    .setBlockSize(16 * 1024)
                    .setCacheIndexAndFilterBlocks(true)
                    .setPinL0FilterAndIndexBlocksInCache(true);
            ColumnFamilyOptions dataOptions = track(resources,
                    familyOptions(tableConfig, options.writeBufferBytes()));
            ColumnFamilyOptions systemOptions = track(resources,
                    familyOptions(tableConfig, SYSTEM_WRITE_BUFFER_BYTES));
            DBOptions dbOptions = track(resources, new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(Math.max(2, Runtime.getRuntime().availableProcessors() / 2))
                    .setBytesPerSync(1024 * 1024)
                    .setKeepLogFileNum(5)
                    .setInfoLogLevel(InfoLogLevel.WARN_LEVEL));
            List<ColumnFamilyDescriptor> descriptors = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, dataOptions),
                    new ColumnFamilyDescriptor(KeyLayout.SYSTEM_COLUMN_FAMILY.getBytes(UTF_8), systemOptions));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
            // Column family handles must close before the database: closing runs in reverse.
            resources.add(db);
            resources.addAll(handles);
            RocksStorageEngine engine = new RocksStorageEngine(directory, db, handles.get(0), handles.get(1),
                    options.syncCommits(), options.idBlockSize(), resources);
            try {
                engine.checkFormatVersion();
            }
            catch (RuntimeException e) {
                engine.close();
                throw e;
            }
            LOG.info("Opened storage at {} (block cache {} bytes, sync commits {})", directory,
                    options.blockCacheBytes(), options.syncCommits());
            return engine;
        }
        catch (RocksDBException e) {
            closeAll(resources);
            throw new StorageException(format("cannot open data directory %s: %s", directory, e.getMessage()), e);
        }
    }

    private static ColumnFamilyOptions familyOptions(BlockBasedTableConfig tableConfig, long writeBufferBytes) {
        return new ColumnFamilyOptions()
                .setTableFormatConfig(tableConfig)
                .setWriteBufferSize(writeBufferBytes)
                .setMaxWriteBufferNumber(3)
                .setLevelCompactionDynamicLevelBytes(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION);
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    private void checkFormatVersion() {
        byte[] key = KeyLayout.formatVersionKey();
        byte[] stored;
        try {
            stored = db.get(systemFamily, key);
            if (stored == null) {
                db.put(systemFamily, syncWriteOptions, key, KeyLayout.longValue(FORMAT_VERSION));
                return;
            }
        }
        catch (RocksDBException e) {
            throw failure("check format version of", "system area", e);
        }
        long version = KeyLayout.readLong(stored, 0);
        if (version != FORMAT_VERSION) {
            throw new StorageException(format(
                    "data directory %s has storage format version %d but this Freshet reads only version %d: "
                    + "open it with the Freshet release that wrote it, or start with an empty directory",
                    directory, version, FORMAT_VERSION));
        }
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public ReadView openReadView() {
        checkOpen();
        return register(new RocksReadView(this));
    }

    @Override
    public StorageTransaction beginTransaction() {
        checkOpen();
        return register(new RocksTransaction(this));
    }

    @Override
    public StorageWriter beginBatch() {
        checkOpen();
        return register(new RocksWriteBatch(this));
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    @Override
    public IdAllocator ids() {
        return ids;
    }

    private <T extends AutoCloseable> T register(T resource) {
        openResources.put(resource, () -> {
            try {
                resource.close();
            }
            catch (Exception e) {
                LOG.warn("Failed to close {} while closing storage at {}", resource, directory, e);
            }
        });
        return resource;
    }

    /** Runs a resource's release once, unless the engine has already released everything. */
    void closeResource(Object resource, Runnable release) {
        if (openResources.remove(resource) != null) {
            release.run();
        }
    }

    RocksDB db() {
        return db;
    }

    ColumnFamilyHandle dataFamily() {
        return dataFamily;
    }

    ColumnFamilyHandle systemFamily() {
        return systemFamily;
    }

    void write(AbstractWriteBatch batch) {
        checkOpen();
        try {
            if (batch instanceof WriteBatchWithIndex) {
                db.write(writeOptions, (WriteBatchWithIndex) batch);
            }
            else {
                db.write(writeOptions, (WriteBatch) batch);
            }
        }
        catch (RocksDBException e) {
            throw failure("commit", "write batch", e);
        }
    }

    /** Writes one system value and waits for it to reach the disk. */
    void putSystemDurably(byte[] rawKey, byte[] value, String what) {
        checkOpen();
        try {
            db.put(systemFamily, syncWriteOptions, rawKey, value);
        }
        catch (RocksDBException e) {
            throw failure("put", what, e);
        }
    }

    byte[] getSystemLatest(byte[] rawKey, String what) {
        checkOpen();
        try {
            return db.get(systemFamily, rawKey);
        }
        catch (RocksDBException e) {
            throw failure("get", what, e);
        }
    }

    void checkOpen() {
        if (closed) {
            throw new StorageException(format("storage at %s is closed", directory));
        }
    }

    String describe(String what) {
        return format("%s of storage at %s", what, directory);
    }

    StorageException failure(String operation, String what, RocksDBException cause) {
        return wrap(operation, describe(what), cause);
    }

    static StorageException wrap(String operation, String description, Exception cause) {
        return new StorageException(format("RocksDB failed to %s %s: %s", operation, description,
                cause.getMessage()), cause);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        // Release what is still open while the database is alive, then refuse further use.
        for (Object resource : new ArrayList<>(openResources.keySet())) {
            Runnable release = openResources.get(resource);
            if (release != null) {
                release.run();
            }
        }
        closed = true;
        writeOptions.close();
        syncWriteOptions.close();
        closeAll(nativeResources);
        LOG.info("Closed storage at {}", directory);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            }
            catch (Exception e) {
                LOG.warn("Failed to release a native storage resource", e);
            }
        }
    }
}
