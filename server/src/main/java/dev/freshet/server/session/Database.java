package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import dev.freshet.executor.Dataflow;
import dev.freshet.executor.Subscription;
import dev.freshet.executor.DataflowOptions;
import dev.freshet.executor.DataflowStatus;
import dev.freshet.executor.BadRecords;
import dev.freshet.executor.LateRows;
import dev.freshet.executor.sink.SinkConnectors;
import dev.freshet.executor.source.SourceConnectors;
import dev.freshet.executor.TableChanges;
import dev.freshet.executor.TableStorage;
import dev.freshet.executor.TableWatermarks;
import dev.freshet.parser.FreshetSqlParser;
import dev.freshet.parser.ddl.SqlCreateMaterializedView;
import dev.freshet.planner.BatchModify;
import dev.freshet.planner.Catalog;
import dev.freshet.planner.CatalogCodec;
import dev.freshet.planner.CatalogObject;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.KeyRange;
import dev.freshet.planner.MaterializedViewDescriptor;
import dev.freshet.planner.PlannerSession;
import dev.freshet.planner.SqlPlanner;
import dev.freshet.planner.ObjectKind;
import dev.freshet.planner.SinkDescriptor;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.planner.TableReader;
import dev.freshet.planner.stream.RowFunction;
import dev.freshet.planner.stream.StreamPlan;
import dev.freshet.server.catalog.PgCatalogExtension;
import dev.freshet.server.catalog.StorageTableReader;
import dev.freshet.server.metrics.PlanCounters;
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
import org.apache.calcite.sql.SqlNode;

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
    private final Dataflow dataflow;
    private final String defaultTimeZone;
    private final Semaphore writePermit = new Semaphore(1, true);
    private final Map<Long, StateTable> stateTables = new ConcurrentHashMap<>();
    /** The committed watermark of each table with one that a write has touched, loaded on first use. */
    private final Map<Long, Long> tableWatermarks = new ConcurrentHashMap<>();
    private final IdleWatermarks idleWatermarks;
    private final SourceConnectors sourceConnectors;
    private final SinkConnectors sinkConnectors;
    private final PlanCounters planCounters = new PlanCounters();
    private volatile Catalog catalog;

    private Database(StorageEngine storage, Dataflow dataflow, Catalog catalog, String defaultTimeZone,
            SourceConnectors sourceConnectors, SinkConnectors sinkConnectors) {
        this.storage = storage;
        this.sourceConnectors = sourceConnectors;
        this.sinkConnectors = sinkConnectors;
        this.dataflow = dataflow;
        this.catalog = catalog;
        this.defaultTimeZone = requireNonNull(defaultTimeZone, "defaultTimeZone is null");
        this.idleWatermarks = new IdleWatermarks(this, System::currentTimeMillis);
    }

    /**
     * Opens (creating when missing) the data directory and loads the catalog.
     *
     * @throws FreshetException {@code IO_ERROR} when the directory cannot be opened, for example
     *     because another server uses it
     */
    public static Database open(Path directory, String defaultTimeZone) {
        return open(directory, defaultTimeZone, DataflowOptions.defaults());
    }

    /** Opens the data directory with the given dataflow options. */
    public static Database open(Path directory, String defaultTimeZone, DataflowOptions dataflowOptions) {
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
            Catalog catalog = Catalog.of(objects);
            SourceConnectors connectors = SourceConnectors.builtIn();
            SinkConnectors sinkConnectors = SinkConnectors.builtIn();
            Dataflow dataflow = Dataflow.open(storage, dataflowOptions, connectors, sinkConnectors);
            try {
                restoreViews(catalog, dataflow, defaultTimeZone);
                dataflow.start(catalog);
            } catch (RuntimeException e) {
                dataflow.close();
                throw e;
            }
            Database database = new Database(storage, dataflow, catalog, defaultTimeZone, connectors, sinkConnectors);
            database.idleWatermarks.start();
            return database;
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /**
     * Plans every materialized view again, in creation order, and hands it to the dataflow with its
     * committed state. A view whose plan differs from the one its state was built for is not
     * maintained (its rows stay readable) and the log says so.
     */
    private static void restoreViews(Catalog catalog, Dataflow dataflow, String timeZone) {
        List<MaterializedViewDescriptor> views = new ArrayList<>();
        Map<Long, SinkDescriptor> sinksByView = new HashMap<>();
        List<SinkDescriptor> sinksFromObjects = new ArrayList<>();
        for (CatalogObject object : catalog.objects()) {
            if (object instanceof MaterializedViewDescriptor view) {
                views.add(view);
            } else if (object instanceof SinkDescriptor sink && sink.view() != null) {
                views.add(sink.view());
                sinksByView.put(sink.view().id(), sink);
            } else if (object instanceof SinkDescriptor sink) {
                sinksFromObjects.add(sink);
            }
        }
        views.sort(java.util.Comparator.comparingLong(MaterializedViewDescriptor::id));
        List<Future<StreamPlan>> plans = planInParallel(views, catalog, timeZone);
        for (int i = 0; i < views.size(); i++) {
            MaterializedViewDescriptor view = views.get(i);
            StreamPlan plan;
            try {
                plan = plans.get(i).get();
            } catch (ExecutionException e) {
                LOG.error("materialized view {} is not maintained: its query no longer plans: {}", view.name(),
                        e.getCause().getMessage());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FreshetException(ErrorCode.ADMIN_SHUTDOWN, "interrupted while planning materialized views", e);
            }
            if (!plan.explain(view.name()).equals(view.plan())) {
                LOG.error("materialized view {} is not maintained: this version of Freshet plans its query differently "
                        + "from the version that created it. Drop and create it again.\nstored plan:\n{}\nnew plan:\n{}",
                        view.name(), view.plan(), plan.explain(view.name()));
                continue;
            }
            SinkDescriptor sink = sinksByView.get(view.id());
            if (sink != null) {
                dataflow.restoreSink(sink, plan, catalog);
            } else {
                dataflow.restore(view, plan, catalog);
            }
        }
        for (SinkDescriptor sink : sinksFromObjects) {
            dataflow.restoreSink(sink, null, catalog);
        }
    }

    /**
     * Plans the views' queries again, on as many threads as there are cores: planning (Calcite,
     * then Janino for each view's expressions) dominates a restart with many views, and the plans
     * are independent of one another.
     */
    private static List<Future<StreamPlan>> planInParallel(List<MaterializedViewDescriptor> views,
            Catalog catalog, String timeZone) {
        int threads = Math.max(1, Math.min(views.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService planners = Executors.newFixedThreadPool(threads,
                runnable -> {
                    Thread thread = new Thread(runnable, "freshet-view-planner");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<StreamPlan>> plans = new ArrayList<>();
            for (MaterializedViewDescriptor view : views) {
                plans.add(planners.submit(() -> planView(catalog, timeZone, view.query(), emitsOnWindowClose(view))));
            }
            return plans;
        } finally {
            planners.shutdown();
        }
    }

    /** Whether the view's CREATE statement asked for EMIT ON WINDOW CLOSE. */
    private static boolean emitsOnWindowClose(MaterializedViewDescriptor view) {
        return new FreshetSqlParser().parseStatement(view.definition()) instanceof SqlCreateMaterializedView create
                && create.emitOnWindowClose();
    }

    /**
     * Plans a materialized view's query text. Views are planned in the server's default time zone,
     * not the creating session's, so that planning again after a restart gives the same plan.
     */
    static StreamPlan planView(Catalog catalog, String timeZone, String query, boolean emitOnWindowClose) {
        SqlNode node = new FreshetSqlParser().parseStatement(query);
        // The catalog's functions (date_trunc, …) resolve as in sessions; those reading the
        // statement's context are refused by the translator.
        SqlPlanner planner = new SqlPlanner(new PlannerSession(catalog, FreshetSqlParser.config(),
                List.of(new PgCatalogExtension(Map::of)),
                TimeZone.getTimeZone(timeZone), "freshet", "freshet"));
        return planner.planStream(node, query, emitOnWindowClose);
    }

    /** Plans a materialized view's query against the current catalog (see {@link #planView}). */
    public StreamPlan planView(String query, boolean emitOnWindowClose) {
        return planView(catalog, defaultTimeZone, query, emitOnWindowClose);
    }

    /**
     * Creates a materialized view: allocates its id and state keyspaces, fills it from its inputs'
     * current rows and commits it with its catalog entry, holding the write permit throughout, so
     * no write slips between the fill and the view's first epoch.
     */
    public MaterializedViewDescriptor createMaterializedView(WriteTransaction held, String name,
            List<ColumnDescriptor> columns, String query, StreamPlan plan, List<Long> dependencies, String definition) {
        return underWritePermit(held, () -> {
            long id = storage.ids().nextId(OBJECT_ID_SEQUENCE);
            List<Long> keyspaces = new ArrayList<>();
            for (int i = 0; i < plan.stateTableCount(); i++) {
                keyspaces.add(storage.ids().nextId(OBJECT_ID_SEQUENCE));
            }
            MaterializedViewDescriptor view = new MaterializedViewDescriptor(id, name, columns, query,
                    dependencies, definition, plan.key(), plan.appendOnly(), keyspaces, plan.explain(name),
                    plan.root().watermarkColumns(),
                    MaterializedViewDescriptor.storesRowIds(plan.key(), plan.appendOnly()));
            dataflow.create(view, plan, catalog,
                    batch -> storage.catalog().put(batch, view.id(), CatalogCodec.encode(view)));
            catalog = catalog.with(view);
            LOG.info("created materialized view {} (id {}, {} state tables)", name, id, keyspaces.size());
            return view;
        });
    }

    /**
     * The query of a {@code CREATE SINK ... AS query}: the sink maintains it as a view of its own.
     *
     * @param query the query text, planned again at every start
     * @param plan its plan
     * @param dependencies the objects it reads
     */
    public record SinkQuery(String query, StreamPlan plan, List<Long> dependencies) {
    }

    /**
     * Creates a sink: allocates its id (and, for {@code AS query}, the ids and keyspaces of its
     * view), writes its input's current rows to its outbox and commits that with its catalog entry,
     * under the write permit so no write slips between.
     *
     * @param input the table or view it pushes, or null with {@code query}
     * @param query the query it pushes, or null with {@code input}
     */
    public SinkDescriptor createSink(WriteTransaction held, String name, CatalogObject input, SinkQuery query,
            List<ColumnDescriptor> columns, List<Integer> key, boolean appendOnly, String connector,
            Map<String, String> options, String definition) {
        return underWritePermit(held, () -> {
            MaterializedViewDescriptor view = null;
            if (query != null) {
                long viewId = storage.ids().nextId(OBJECT_ID_SEQUENCE);
                List<Long> keyspaces = new ArrayList<>();
                for (int i = 0; i < query.plan().stateTableCount(); i++) {
                    keyspaces.add(storage.ids().nextId(OBJECT_ID_SEQUENCE));
                }
                view = new MaterializedViewDescriptor(viewId, name, columns, query.query(), query.dependencies(),
                        definition, query.plan().key(), query.plan().appendOnly(), keyspaces,
                        query.plan().explain(name), query.plan().root().watermarkColumns(),
                        MaterializedViewDescriptor.storesRowIds(query.plan().key(), query.plan().appendOnly()));
            }
            long id = storage.ids().nextId(OBJECT_ID_SEQUENCE);
            SinkDescriptor sink = new SinkDescriptor(id, name, view == null ? input.id() : view.id(), view, columns,
                    key, appendOnly, connector, options, definition);
            dataflow.createSink(sink, query == null ? null : query.plan(), catalog,
                    batch -> storage.catalog().put(batch, sink.id(), CatalogCodec.encode(sink)));
            catalog = catalog.with(sink);
            LOG.info("created sink {} (id {})", name, id);
            return sink;
        });
    }

    /** The connectors CREATE SINK may name. */
    public SinkConnectors sinkConnectors() {
        return sinkConnectors;
    }

    /** Waits until every committed write is in every materialized view. */
    public void flush() {
        dataflow.flush();
    }

    /**
     * {@link #flush()}, calling {@code checkCanceled} while it waits for sources, which throws to
     * end the wait.
     */
    public void flush(Runnable checkCanceled) {
        dataflow.flush(checkCanceled);
    }

    /** The names of the materialized views whose maintenance failed, by name. */
    /**
     * Subscribes to a materialized view's change stream, from its rows as of the last committed
     * epoch (or, without snapshot, from the next epoch's changes on).
     */
    public Subscription subscribe(MaterializedViewDescriptor view, boolean withSnapshot) {
        return dataflow.subscribe(view, withSnapshot);
    }

    public List<String> failedViewNames() {
        List<String> names = new ArrayList<>();
        for (long id : dataflow.failedViews()) {
            catalog.findById(id).ifPresent(object -> names.add(object.name()));
        }
        names.sort(null);
        return names;
    }

    /** The dataflow's watermarks and state tables, for the {@code freshet_catalog} tables. */
    public DataflowStatus dataflowStatus() {
        return dataflow;
    }

    /**
     * How many rows ever arrived late at each table and source declared with a watermark, by
     * name, as committed now (for the {@code freshet_late_rows_total} metric).
     */
    public Map<String, Long> lateRowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        try (ReadView view = storage.openReadView()) {
            for (CatalogObject object : catalog.objects()) {
                if (object instanceof TableDescriptor table && table.watermark() != null
                        || object instanceof SourceDescriptor source && source.watermark() != null) {
                    counts.put(object.name(), LateRows.count(view, object.id()));
                }
            }
        }
        return counts;
    }

    /**
     * How many records of each source could not be turned into rows, by source name, as committed
     * now (for the {@code freshet_bad_records_total} metric).
     */
    public Map<String, Long> badRecordCounts() {
        Map<String, Long> counts = new TreeMap<>();
        try (ReadView view = storage.openReadView()) {
            for (CatalogObject object : catalog.objects(ObjectKind.SOURCE)) {
                counts.put(object.name(), BadRecords.count(view, object.id()));
            }
        }
        return counts;
    }

    /** The connectors CREATE SOURCE may name. */
    public SourceConnectors sourceConnectors() {
        return sourceConnectors;
    }

    /** The current catalog snapshot. */
    /** How often this server's sessions planned statements and reused cached plans. */
    public PlanCounters planCounters() {
        return planCounters;
    }

    public Catalog catalog() {
        return catalog;
    }

    public String defaultTimeZone() {
        return defaultTimeZone;
    }

    /** A consistent read of every table as of now; close it to release the snapshot. */
    public Read snapshot() {
        ReadView view = dataflow.openConsistentView();
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
     * Starts a write transaction if no other one is open; empty, at once, when one is. For work
     * that can wait for a later turn rather than make a session wait.
     */
    Optional<WriteTransaction> tryBeginWrite() {
        if (!writePermit.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WriteTransaction(storage.beginTransaction()));
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
            List<MaterializedViewDescriptor> views = new ArrayList<>();
            List<SinkDescriptor> sinks = new ArrayList<>();
            for (CatalogObject object : objects) {
                if (object instanceof MaterializedViewDescriptor view) {
                    views.add(view);
                } else if (object instanceof SinkDescriptor sink) {
                    sinks.add(sink);
                }
            }
            java.util.function.Consumer<StorageWriter> drop = batch -> {
                for (CatalogObject object : objects) {
                    storage.catalog().delete(batch, object.id());
                    if (object instanceof TableDescriptor) {
                        batch.dropKeyspace(object.id());
                        TableWatermarks.delete(batch, object.id());
                        LateRows.deleteCount(batch, object.id());
                    } else if (object instanceof SourceDescriptor) {
                        LateRows.deleteCount(batch, object.id());
                        BadRecords.deleteCount(batch, object.id());
                    }
                }
            };
            if (views.isEmpty() && sinks.isEmpty()) {
                try (StorageWriter batch = storage.beginBatch()) {
                    drop.accept(batch);
                    batch.commit();
                }
            } else {
                dataflow.drop(views, sinks, drop);
            }
            Catalog next = catalog;
            for (CatalogObject object : objects) {
                next = next.without(object.name());
                stateTables.remove(object.id());
                tableWatermarks.remove(object.id());
                idleWatermarks.forget(object.id());
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
        return stateTables.computeIfAbsent(table.id(), id -> {
            if (catalog.findById(id).orElse(null) instanceof MaterializedViewDescriptor view) {
                return StateTables.create(TableStorage.viewLayout(view));
            }
            return StateTables.create(TableStorage.tableLayout(table));
        });
    }

    /** True when rows of the object are stored once with a count of their copies. */
    private boolean counted(long id) {
        return catalog.findById(id).orElse(null) instanceof MaterializedViewDescriptor view && view.counted();
    }

    @Override
    public void close() {
        try {
            idleWatermarks.close();
            dataflow.close();
        } finally {
            storage.close();
        }
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
        private final TableChanges changes = new TableChanges();
        /** The watermarks this transaction raises, per table id; published when it commits. */
        private final Map<Long, Long> raisedWatermarks = new HashMap<>();
        /** The tables with a watermark this transaction wrote rows to, per id: they are not idle. */
        private final Map<Long, TableDescriptor> arrivals = new HashMap<>();
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
        public Applied apply(BatchModify modify, List<Object> parameters, TimeZone timeZone, String user,
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
            boolean feedsViews = Dataflow.feedsViews(catalog, table.id());
            EventTime eventTime = table.watermark() == null ? null : new EventTime(table, modify);
            long count = 0;
            long late = 0;
            for (Object[] row : rows) {
                switch (modify.operation()) {
                    case INSERT -> {
                        Object[] stored = StoredRows.toStored(table, row, rowId(table));
                        Object[] visible = visible(table, stored);
                        if (eventTime != null && eventTime.isLate(visible)) {
                            eventTime.recordLate(visible);
                            late++;
                            continue;
                        }
                        insert(table, state, stored);
                        if (eventTime != null) {
                            eventTime.accept(visible);
                        }
                        if (feedsViews) {
                            changes.add(table.id(), visible, 1);
                        }
                    }
                    case DELETE -> {
                        if (eventTime != null) {
                            eventTime.checkChangeable(row, "delete");
                        }
                        state.delete(transaction, key(table, row));
                        if (feedsViews) {
                            changes.add(table.id(), Arrays.copyOf(row, width), -1);
                        }
                    }
                    case UPDATE -> {
                        Object[] updated = Arrays.copyOf(row, width);
                        for (int i = 0; i < modify.updatedColumns().size(); i++) {
                            updated[modify.updatedColumns().get(i)] = row[oldWidth + i];
                        }
                        long rowId = table.hasHiddenRowId() ? ((Number) row[width]).longValue() : 0;
                        Object[] stored = StoredRows.toStored(table, updated, rowId);
                        Object[] visible = visible(table, stored);
                        if (eventTime != null) {
                            eventTime.checkChangeable(row, "update");
                            eventTime.checkChangeable(visible, "move");
                            eventTime.accept(visible);
                        }
                        if (feedsViews) {
                            changes.add(table.id(), Arrays.copyOf(row, width), -1);
                            changes.add(table.id(), visible, 1);
                        }
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
            if (late > 0) {
                LateRows.addToCount(transaction, transaction, table.id(), late);
            }
            return new Applied(count, late, eventTime == null ? TableWatermarks.NONE : eventTime.watermark);
        }

        /**
         * The event time of a table declared with {@code WATERMARK FOR} during one statement: which
         * rows are late, and how far the transaction raises the watermark. A row is late when its
         * event time is below the watermark the table had when this transaction began (rows of one
         * transaction never make each other late); rows at or above it may be changed freely.
         */
        private final class EventTime {
            private final TableDescriptor table;
            private final int timeColumn;
            private final RowFunction candidate;
            private final long watermark;

            EventTime(TableDescriptor table, BatchModify modify) {
                this.table = table;
                this.timeColumn = table.columnIndex(table.watermark().column());
                this.candidate = modify.watermark().newFunction();
                this.watermark = committedWatermark(table.id());
            }

            boolean isLate(Object[] row) {
                return row[timeColumn] instanceof Long time && time < watermark;
            }

            /** Raises the transaction's watermark of the table by an accepted row. */
            void accept(Object[] row) {
                arrivals.put(table.id(), table);
                if (candidate.apply(row)[0] instanceof Long value && value > watermark) {
                    raisedWatermarks.merge(table.id(), value, Math::max);
                }
            }

            void recordLate(Object[] row) {
                long sequence = storage.ids().nextId(LateRows.SEQUENCE);
                LateRows.record(transaction, new LateRows.LateRow(sequence, table.id(),
                        StoredRows.describeRow(table, row), (Long) row[timeColumn], watermark,
                        System.currentTimeMillis()));
            }

            /** Refuses to change a row behind the watermark: the windows holding it are final. */
            void checkChangeable(Object[] row, String action) {
                if (isLate(row)) {
                    String what = action.equals("move")
                            ? "cannot move a row of table \"" + table.name() + "\" behind its watermark"
                            : "cannot " + action + " a row of table \"" + table.name() + "\" behind its watermark";
                    throw new FreshetException(ErrorCode.OBJECT_NOT_IN_PREREQUISITE_STATE, what)
                            .withDetail("The row's " + table.watermark().column() + " is "
                                    + StoredRows.describeTimestamp((Long) row[timeColumn]) + "; the watermark is "
                                    + StoredRows.describeTimestamp(watermark) + ".")
                            .withHint("Rows behind the watermark belong to windows that are final; only rows at "
                                    + "or after the watermark can change.");
                }
            }
        }

        /**
         * Raises the table's watermark to the given value, if that is higher than the committed
         * one; {@link #commit()} stores it and hands it to the dataflow like a raise by rows. For
         * watermarks that advance with the clock: it is no arrival of a row.
         */
        void raiseWatermark(long tableId, long watermark) {
            if (watermark > committedWatermark(tableId)) {
                raisedWatermarks.merge(tableId, watermark, Math::max);
            }
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

        /**
         * Makes the transaction's writes visible, atomically and durably. Changes to tables that
         * materialized views read go to the dataflow's log in the same commit.
         */
        public void commit() {
            raisedWatermarks.forEach((table, watermark) -> {
                TableWatermarks.write(transaction, table, watermark);
                changes.watermark(table, watermark);
            });
            if (changes.isEmpty()) {
                transaction.commit();
            } else {
                long sequence = dataflow.append(transaction, changes, catalog);
                transaction.commit();
                dataflow.committed(sequence, changes);
            }
            tableWatermarks.putAll(raisedWatermarks);
            idleWatermarks.arrived(arrivals.values());
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

    /**
     * What a DML statement did.
     *
     * @param count the rows it inserted, updated or deleted
     * @param lateRows the rows an INSERT left out because they were behind the table's watermark
     * @param watermark the table's watermark they were behind ({@link TableWatermarks#NONE} when none)
     */
    public record Applied(long count, long lateRows, long watermark) {
    }

    /** A table's watermark as of the last committed write, or {@link TableWatermarks#NONE}. */
    public long committedWatermark(long tableId) {
        return tableWatermarks.computeIfAbsent(tableId, id -> {
            try (ReadView view = storage.openReadView()) {
                return TableWatermarks.read(view, id);
            }
        });
    }

    /** A stored row as the dataflow sees it: the visible columns in plan form, without the hidden row id. */
    private static Object[] visible(TableDescriptor table, Object[] stored) {
        return StoredRows.toPlan(table, Arrays.copyOf(stored, table.columns().size()));
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
    private final class StoredTableReader implements StorageTableReader {
        private final KvReader reader;

        StoredTableReader(KvReader reader) {
            this.reader = reader;
        }

        @Override
        public KvReader storage() {
            return reader;
        }

        @Override
        public Enumerable<Object[]> scan(TableDescriptor table, KeyRange range) {
            StateTable state = stateTable(table);
            boolean counted = counted(table.id());
            int width = table.columns().size();
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
                        private long copiesLeft;

                        @Override
                        public Object[] current() {
                            return current;
                        }

                        @Override
                        public boolean moveNext() {
                            if (copiesLeft > 0) {
                                copiesLeft--;
                                return true;
                            }
                            if (!rows.hasNext()) {
                                return false;
                            }
                            Object[] stored = rows.next();
                            if (counted) {
                                // A view row stored once with its number of copies: return each copy.
                                copiesLeft = (Long) stored[width] - 1;
                                stored = Arrays.copyOf(stored, width);
                            }
                            current = StoredRows.toPlan(table, stored);
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
