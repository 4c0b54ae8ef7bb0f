package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.BatchModify;
import dev.freshet.planner.Catalog;
import dev.freshet.planner.CatalogCodec;
import dev.freshet.planner.CatalogObject;
import dev.freshet.planner.KeyRange;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.planner.TableReader;
import dev.freshet.storage.CloseableIterator;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.ReadView;
import dev.freshet.storage.StateTable;
import dev.freshet.storage.StateTables;
import dev.freshet.storage.StorageEngine;
import dev.freshet.storage.StorageEngines;
import dev.freshet.storage.StorageException;
import dev.freshet.storage.StorageOptions;
import dev.freshet.storage.StorageTransaction;
import dev.freshet.storage.StorageWriter;

/**
 * The database a server serves: the catalog and the tables' rows, kept in RocksDB.
 *
 * <p>Consistency: every read runs on one RocksDB snapshot ({@link #snapshot()}), so it sees each
 * committed statement whole or not at all. Writes are serialized: one write transaction at a time
 * holds the write permit, from its first write to its commit or rollback, and DDL takes the same
 * permit; a transaction waiting longer than {@link #LOCK_WAIT_SECONDS} fails with
 * {@code 55P03}. The catalog is an immutable snapshot published after each DDL commit.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** How long a writer waits for another session's open write transaction. */
    static final long LOCK_WAIT_SECONDS = 30;

    /** The sequence hidden row ids come from. */
    private static final String ROW_ID_SEQUENCE = "row_id";

    /** The sequence catalog object ids (and so table keyspaces) come from. */
    private static final String OBJECT_ID_SEQUENCE = "object_id";

    private final StorageEngine storage;
    private final String defaultTimeZone;
    private final Semaphore writePermit = new Semaphore(1, true);
    private final Map<Long, StateTable> stateTables = new ConcurrentHashMap<>();
    private volatile Catalog catalog;

    private Database(StorageEngine storage, Catalog catalog, String defaultTimeZone) {
        this.storage = storage;
        this.catalog = catalog;
        this.defaultTimeZone = requireNonNull(defaultTimeZone, "defaultTimeZone is null");
    }

    /**
     * Opens (creating when missing) the data directory and loads the catalog.
     *
     * @throws FreshetException {@code IO_ERROR} when the directory cannot be opened, for example
     *     because another server uses it
     */
    public static Database open(Path directory, String defaultTimeZone) {
        StorageEngine storage;
        try {
            storage = StorageEngines.open(directory, StorageOptions.defaults());
        } catch (StorageException e) {
            throw new FreshetException(ErrorCode.IO_ERROR, "cannot open data directory " + directory.toAbsolutePath()
                    + ": " + e.getMessage(), e)
                    .withHint("Is another Freshet server using it? Each server needs its own --data-dir.");
        }
        try (ReadView view = storage.openReadView()) {
            List<CatalogObject> objects = new ArrayList<>();
            for (Map.Entry<Long, byte[]> entry : storage.catalog().list(view).entrySet()) {
                objects.add(CatalogCodec.decode(entry.getValue()));
            }
            LOG.info("opened data directory {}: {} objects in the catalog", directory.toAbsolutePath(), objects.size());
            return new Database(storage, Catalog.of(objects), defaultTimeZone);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /** The current catalog snapshot. */
    public Catalog catalog() {
        return catalog;
    }

    public String defaultTimeZone() {
        return defaultTimeZone;
    }

    /** A consistent read of every table as of now; close it to release the snapshot. */
    public Read snapshot() {
        ReadView view = storage.openReadView();
        return new Read() {
            @Override
            public TableReader reader() {
                return new StoredTableReader(view);
            }

            @Override
            public void close() {
                view.close();
            }
        };
    }

    /**
     * Starts a write transaction, waiting for the write permit.
     *
     * @throws FreshetException {@code LOCK_NOT_AVAILABLE} when another session keeps a write
     *     transaction open for longer than the wait
     */
    public WriteTransaction beginWrite() {
        acquireWritePermit();
        try {
            return new WriteTransaction(storage.beginTransaction());
        } catch (RuntimeException e) {
            writePermit.release();
            throw e;
        }
    }

    /**
     * Creates a catalog object: allocates its id, builds it, stores it and publishes the new
     * catalog, all while holding the write permit (unless the caller's transaction holds it).
     */
    public CatalogObject createObject(WriteTransaction held, LongFunction<CatalogObject> build) {
        return underWritePermit(held, () -> {
            CatalogObject object = build.apply(storage.ids().nextId(OBJECT_ID_SEQUENCE));
            try (StorageWriter batch = storage.beginBatch()) {
                storage.catalog().put(batch, object.id(), CatalogCodec.encode(object));
                batch.commit();
            }
            catalog = catalog.with(object);
            LOG.info("created {} {} (id {})", object.objectKind().displayName(), object.name(), object.id());
            return object;
        });
    }

    /** Replaces a catalog object (CREATE OR REPLACE VIEW), keeping its id. */
    public void replaceObject(WriteTransaction held, CatalogObject object) {
        underWritePermit(held, () -> {
            try (StorageWriter batch = storage.beginBatch()) {
                storage.catalog().put(batch, object.id(), CatalogCodec.encode(object));
                batch.commit();
            }
            catalog = catalog.with(object);
            return object;
        });
    }

    /** Drops objects and their data in one atomic commit. */
    public void dropObjects(WriteTransaction held, List<CatalogObject> objects) {
        underWritePermit(held, () -> {
            try (StorageWriter batch = storage.beginBatch()) {
                for (CatalogObject object : objects) {
                    storage.catalog().delete(batch, object.id());
                    if (object instanceof TableDescriptor) {
                        batch.dropKeyspace(object.id());
                    }
                }
                batch.commit();
            }
            Catalog next = catalog;
            for (CatalogObject object : objects) {
                next = next.without(object.name());
                stateTables.remove(object.id());
                LOG.info("dropped {} {} (id {})", object.objectKind().displayName(), object.name(), object.id());
            }
            catalog = next;
            return null;
        });
    }

    private <T> T underWritePermit(WriteTransaction held, Supplier<T> action) {
        if (held != null) {
            return action.get();
        }
        acquireWritePermit();
        try {
            return action.get();
        } finally {
            writePermit.release();
        }
    }

    private void acquireWritePermit() {
        try {
            if (!writePermit.tryAcquire(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new FreshetException(ErrorCode.LOCK_NOT_AVAILABLE,
                        "could not start writing: another session has kept a write transaction open for "
                                + LOCK_WAIT_SECONDS + " seconds")
                        .withHint("Freshet runs one write transaction at a time; end long transactions with COMMIT "
                                + "or ROLLBACK.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException(ErrorCode.QUERY_CANCELED, "canceled while waiting to write", e);
        }
    }

    private StateTable stateTable(TableDescriptor table) {
        return stateTables.computeIfAbsent(table.id(), id -> StateTables.create(StoredRows.layout(table)));
    }

    @Override
    public void close() {
        storage.close();
    }

    /** A consistent read, open until closed. */
    public interface Read extends AutoCloseable {
        TableReader reader();

        @Override
        void close();
    }

    /**
     * A write transaction: its reads see the snapshot taken when it began plus its own writes;
     * its writes become visible to others at {@link #commit()}, atomically. Holds the write permit
     * until closed.
     */
    public final class WriteTransaction implements AutoCloseable {
        private final StorageTransaction transaction;
        private boolean closed;

        private WriteTransaction(StorageTransaction transaction) {
            this.transaction = transaction;
        }

        /** A read of this transaction's view; closing it leaves the transaction open. */
        public Read read() {
            return new Read() {
                @Override
                public TableReader reader() {
                    return new StoredTableReader(transaction);
                }

                @Override
                public void close() {
                    // The transaction owns the view.
                }
            };
        }

        /**
         * Applies an INSERT, UPDATE or DELETE and returns the number of rows it changed. The rows
         * to change are computed completely before the first write, so a statement never sees
         * its own changes (an UPDATE that moves rows forward never revisits them).
         */
        public long apply(BatchModify modify, List<Object> parameters, TimeZone timeZone, String user,
                AtomicBoolean cancelFlag) {
            TableDescriptor table = modify.table();
            if (catalog.findById(table.id()).isEmpty()) {
                throw new FreshetException(ErrorCode.UNDEFINED_TABLE,
                        "relation \"" + table.name() + "\" does not exist")
                        .withHint("It was dropped after the statement was prepared.");
            }
            List<Object[]> rows = modify.source().execute(new StoredTableReader(transaction), parameters, timeZone,
                    user, cancelFlag).toList();
            StateTable state = stateTable(table);
            int width = table.columns().size();
            int oldWidth = width + (table.hasHiddenRowId() ? 1 : 0);
            long count = 0;
            for (Object[] row : rows) {
                switch (modify.operation()) {
                    case INSERT -> insert(table, state, StoredRows.toStored(table, row, rowId(table)));
                    case DELETE -> state.delete(transaction, key(table, row));
                    case UPDATE -> {
                        Object[] updated = Arrays.copyOf(row, width);
                        for (int i = 0; i < modify.updatedColumns().size(); i++) {
                            updated[modify.updatedColumns().get(i)] = row[oldWidth + i];
                        }
                        long rowId = table.hasHiddenRowId() ? ((Number) row[width]).longValue() : 0;
                        Object[] stored = StoredRows.toStored(table, updated, rowId);
                        Object[] oldKey = key(table, row);
                        if (Arrays.equals(oldKey, key(table, stored))) {
                            state.upsert(transaction, stored);
                        } else {
                            state.delete(transaction, oldKey);
                            insert(table, state, stored);
                        }
                    }
                }
                count++;
            }
            return count;
        }

        private void insert(TableDescriptor table, StateTable state, Object[] stored) {
            if (table.hasHiddenRowId()) {
                state.upsert(transaction, stored);
            } else if (!state.insert(transaction, stored)) {
                throw new FreshetException(ErrorCode.UNIQUE_VIOLATION,
                        "duplicate key value violates unique constraint \"" + table.name() + "_pkey\"")
                        .withDetail("Key " + StoredRows.describeKey(table, stored) + " already exists.");
            }
        }

        private long rowId(TableDescriptor table) {
            return table.hasHiddenRowId() ? storage.ids().nextId(ROW_ID_SEQUENCE) : 0;
        }

        /** Makes the transaction's writes visible, atomically and durably. */
        public void commit() {
            transaction.commit();
        }

        /** Discards the writes unless committed and releases the write permit. Idempotent. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    transaction.close();
                } finally {
                    writePermit.release();
                }
            }
        }
    }

    private static Object[] key(TableDescriptor table, Object[] row) {
        if (table.hasHiddenRowId()) {
            return new Object[] {row[table.columns().size()]};
        }
        Object[] key = new Object[table.primaryKey().size()];
        for (int i = 0; i < key.length; i++) {
            Object value = row[table.primaryKey().get(i)];
            key[i] = value instanceof ByteString bytes ? bytes.getBytes() : value;
        }
        return key;
    }

    /** Reads tables through one storage reader: a snapshot, or a transaction's view. */
    private final class StoredTableReader implements TableReader {
        private final KvReader reader;

        StoredTableReader(KvReader reader) {
            this.reader = reader;
        }

        @Override
        public Enumerable<Object[]> scan(TableDescriptor table, KeyRange range) {
            StateTable state = stateTable(table);
            Object[] lower = bound(range, range.lower());
            Object[] upper = bound(range, range.upper());
            boolean lowerInclusive = range.lower() == null || range.lower().inclusive();
            boolean upperInclusive = range.upper() == null || range.upper().inclusive();
            return new AbstractEnumerable<>() {
                @Override
                public Enumerator<Object[]> enumerator() {
                    CloseableIterator<Object[]> rows = state.scan(reader, lower, lowerInclusive, upper, upperInclusive);
                    return new Enumerator<>() {
                        private Object[] current;

                        @Override
                        public Object[] current() {
                            return current;
                        }

                        @Override
                        public boolean moveNext() {
                            if (!rows.hasNext()) {
                                return false;
                            }
                            current = StoredRows.toPlan(table, rows.next());
                            return true;
                        }

                        @Override
                        public void reset() {
                            throw new UnsupportedOperationException("a storage scan cannot be reset");
                        }

                        @Override
                        public void close() {
                            rows.close();
                        }
                    };
                }
            };
        }

        /** A bound of the scan: the prefix, followed by the bound's value when there is one. */
        private Object[] bound(KeyRange range, KeyRange.Bound bound) {
            if (bound == null && range.prefix().isEmpty()) {
                return null;
            }
            List<Object> values = new ArrayList<>(range.prefix());
            if (bound != null) {
                values.add(bound.value());
            }
            return values.toArray();
        }
    }
}
