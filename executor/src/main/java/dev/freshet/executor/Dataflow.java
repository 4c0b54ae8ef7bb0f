package dev.freshet.executor;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.apache.calcite.avatica.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.executor.internal.ChangeBatch;
import dev.freshet.executor.internal.ChangeLog;
import dev.freshet.executor.internal.OperatorState;
import dev.freshet.executor.internal.SinkDelivery;
import dev.freshet.executor.internal.CommittedEpoch;
import dev.freshet.executor.internal.SinkRuntime;
import dev.freshet.executor.internal.SourceCounts;
import dev.freshet.executor.internal.SourceFeed;
import dev.freshet.executor.internal.StepExecutor;
import dev.freshet.executor.internal.ViewRuntime;
import dev.freshet.planner.Catalog;
import dev.freshet.planner.CatalogObject;
import dev.freshet.executor.sink.SinkConnectors;
import dev.freshet.executor.source.SourceConnectors;
import dev.freshet.executor.source.SourceReader;
import dev.freshet.planner.MaterializedViewDescriptor;
import dev.freshet.planner.SinkDescriptor;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.planner.stream.StreamPlan;
import dev.freshet.storage.CloseableIterator;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.ReadView;
import dev.freshet.storage.RowCodec;
import dev.freshet.storage.RowSchema;
import dev.freshet.storage.StateTable;
import dev.freshet.storage.StateTables;
import dev.freshet.storage.StorageEngine;
import dev.freshet.storage.StorageWriter;
import dev.freshet.storage.ValueType;

/**
 * The dataflow that keeps every materialized view equal to its query.
 *
 * <p><b>Input.</b> A write transaction that changes tables read by views appends its changes to
 * the {@link ChangeLog} in its own commit ({@link #append}), then hands them over
 * ({@link #committed}). The coordinator thread collects them.
 *
 * <p><b>Epochs.</b> Every {@link DataflowOptions#epochIntervalMillis()} while changes wait, or at
 * once when a reader needs them ({@link #awaitApplied}), the coordinator runs an epoch: it pushes
 * the waiting changes through every view in creation order (a view's output feeds the views
 * reading it within the same step), in steps of at most {@link DataflowOptions#stepRows()} rows,
 * each operator's instances running on the worker pool. Then it commits, in one RocksDB write
 * batch, every operator's state changes, every view's row changes and the log's applied mark.
 * A crash at any moment leaves either the whole epoch or none of it, and the log still holds
 * what is not applied, so recovery replays exactly that.
 *
 * <p><b>Sources.</b> A view reading a source has its own {@link SourceFeed} per source, reading
 * from where the view's last committed epoch ended. While any feed has rows to read, epochs run
 * every epoch interval (back to back while the sources have more ready at once); each step of an
 * epoch polls every feed for up to a step's rows, and the epoch's commit holds the feeds'
 * positions with the state they produced, so a restart resumes exactly there.
 *
 * <p><b>Sinks.</b> A sink gathers the changes of its input (a table, a view, or a view of its own
 * for {@code AS query}) over an epoch; the epoch's commit writes them, as numbered batches of
 * records, to the sink's outbox, and a {@link SinkDelivery} thread takes them to the external
 * system exactly once.
 *
 * <p><b>Subscriptions.</b> A {@link Subscription} to a view gets the view's net changes of each
 * committed epoch, labelled with the epoch's number ({@link CommittedEpoch}), after its rows as of
 * the epoch it began at. The coordinator hands them over without ever waiting for a subscriber.
 *
 * <p><b>Reads.</b> Views and tables are read through {@link #openConsistentView}: a snapshot in
 * which every committed table change is also applied to the views, so a read never sees a table
 * ahead of a view that reads it, and a session sees its own writes in every view.
 *
 * <p><b>DDL.</b> Creating and dropping views runs on the coordinator thread between epochs;
 * the caller holds the database's write permit, so no table changes arrive meanwhile.
 *
 * <p><b>Status.</b> The watermarks and state tables that system tables show
 * ({@link DataflowStatus}) are copies the coordinator publishes after each epoch, backfill and
 * drop, so other threads never read what the coordinator is changing.
 */
public final class Dataflow implements DataflowStatus, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dataflow.class);

    /** How long a reader waits for an epoch before giving up with an error. */
    private static final long APPLY_TIMEOUT_SECONDS = 120;

    /** How often a backfill commits what it has built, so a big one holds bounded memory. */
    private static final int BACKFILL_STEPS_PER_COMMIT = 16;

    private static final long PROGRESS_LOG_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The sequence the row ids of views stored under row ids take their generations from. */
    private static final String ROW_ID_GENERATIONS = "view_row_id_generation";

    private final StorageEngine storage;
    private final DataflowOptions options;
    private final SourceConnectors connectors;
    private final SinkConnectors sinkConnectors;
    private final ExecutorService workers;
    private final StepExecutor stepExecutor;
    private final Thread coordinator;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ChangeLog.Entry> pending = new ArrayDeque<>();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean epochRequested;
    private boolean closing;
    /** Why the coordinator thread died, or null while it runs. */
    private Throwable stopped;
    private long nextSequence;
    private long lastCommitted;
    private volatile long applied;
    /** How many epochs have run (committed, or had nothing to commit); FLUSH watches it for progress. */
    private long committedEpochs;

    /** Only the coordinator thread touches these (and constructors/restore before it starts). */
    private final TreeMap<Long, ViewRuntime> views = new TreeMap<>();
    /**
     * The watermark of each table as far as the views have applied its changes, and of each
     * view after its last step; the source watermarks of the next step.
     */
    private final Map<Long, Long> watermarks = new HashMap<>();
    private final Set<Long> failedViews = new HashSet<>();
    /** Each view's readings of the sources it reads, by view id; views reading none are absent. */
    private final Map<Long, List<SourceFeed>> feeds = new HashMap<>();
    /** True when some feed may still have rows: epochs then run on the timer without table changes. */
    private boolean feedsActive;
    /** True when the last step's poll filled a feed's share: the next epoch starts at once. */
    private boolean feedsSaturated;
    /** Whether feeds are active, for other threads (FLUSH). */
    private volatile boolean readingSources;
    /** The sinks, by id: their epochs' changes; coordinator thread only. */
    private final TreeMap<Long, SinkRuntime> sinks = new TreeMap<>();
    /** The sinks' delivery threads, by sink id. */
    private final Map<Long, SinkDelivery> deliveries = new HashMap<>();
    /** {@link #sinks()}: the sinks' deliveries, published by the coordinator, in sink id order. */
    private volatile List<SinkDelivery> publishedDeliveries = List.of();
    /** The subscriptions not closed by their subscribers, in the order they began; any thread. */
    private final Set<Subscription> openSubscriptions = Collections.synchronizedSet(new LinkedHashSet<>());
    /** The subscriptions, by view id; coordinator thread only. */
    private final Map<Long, ViewSubscriptions> subscriptions = new HashMap<>();
    /** The number of the last committed epoch ({@link CommittedEpoch}); coordinator thread only. */
    private long epochNumber;
    /** FLUSH statements waiting for the feeds to catch up; checked after every epoch. */
    private final List<CatchUpWaiter> catchUpWaiters = new ArrayList<>();
    /** {@link #watermarks()}: a copy of {@code watermarks}, published by the coordinator. */
    private volatile Map<Long, Long> publishedWatermarks = Map.of();
    /** {@link #stateTables()}: the views' state tables, published by the coordinator. */
    private volatile List<StateTableInfo> publishedStateTables = List.of();
    /** {@link #sources()}: the feeds' progress, published by the coordinator. */
    private volatile List<SourceProgress> publishedSources = List.of();
    private ReadView current;
    private long epochs;
    private long rowsApplied;
    private long lastProgressLog = System.nanoTime();

    private Dataflow(StorageEngine storage, DataflowOptions options, SourceConnectors connectors,
            SinkConnectors sinkConnectors) {
        this.storage = requireNonNull(storage, "storage is null");
        this.options = requireNonNull(options, "options is null");
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.sinkConnectors = requireNonNull(sinkConnectors, "sinkConnectors is null");
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = options.workers() == 1 ? null : Executors.newFixedThreadPool(options.workers(), runnable -> {
            Thread thread = new Thread(runnable, "freshet-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.stepExecutor = new StepExecutor(workers);
        this.current = storage.openReadView();
        this.applied = ChangeLog.applied(current);
        this.lastCommitted = applied;
        this.epochNumber = CommittedEpoch.read(current);
        this.nextSequence = Math.max(applied, ChangeLog.lastEntry(current)) + 1;
        this.coordinator = new Thread(this::coordinate, "freshet-dataflow");
        this.coordinator.setDaemon(true);
    }

    /**
     * Opens the dataflow over a data directory. Add the existing views with {@link #restore},
     * then call {@link #start} to replay the changes they have not applied and begin epochs.
     */
    public static Dataflow open(StorageEngine storage, DataflowOptions options) {
        return open(storage, options, SourceConnectors.builtIn(), SinkConnectors.builtIn());
    }

    /** Opens the dataflow with these source and sink connectors. */
    public static Dataflow open(StorageEngine storage, DataflowOptions options, SourceConnectors connectors,
            SinkConnectors sinkConnectors) {
        return new Dataflow(storage, options, connectors, sinkConnectors);
    }

    /**
     * Adds a sink created before this start, with the view of its query (and that view's plan)
     * for {@code AS query}; its undelivered batches are delivered first. Before {@link #start} only.
     */
    public void restoreSink(SinkDescriptor sink, StreamPlan viewPlan, Catalog catalog) {
        if (sink.view() != null) {
            restore(sink.view(), viewPlan, catalog);
        }
        long lastSequence = SinkOutbox.lastSequence(current, sink.id());
        startSink(sinkRuntime(sink, lastSequence), lastSequence);
    }

    /** The sink's epoch side, numbering its batches on from {@code lastSequence}. */
    private SinkRuntime sinkRuntime(SinkDescriptor sink, long lastSequence) {
        return new SinkRuntime(sink, sinkConnectors.get(sink.connector()).envelope(sink), lastSequence);
    }

    /** Maintains the sink from now on and delivers its batches after {@code lastSequence}'s delivered ones. */
    private void startSink(SinkRuntime runtime, long lastSequence) {
        SinkDescriptor sink = runtime.sink();
        sinks.put(sink.id(), runtime);
        deliveries.put(sink.id(), new SinkDelivery(sink.name(), sink.id(), storage,
                sinkConnectors.get(sink.connector()).open(sink), lastSequence));
        publishDeliveries();
    }

    /** Publishes the sinks' deliveries for {@link #sinks()}; on the coordinator thread (or before it starts). */
    private void publishDeliveries() {
        List<SinkDelivery> published = new ArrayList<>();
        for (long id : sinks.keySet()) {
            published.add(deliveries.get(id));
        }
        publishedDeliveries = List.copyOf(published);
    }

    /**
     * Creates a sink: for {@code AS query}, builds the view of its query like {@link #create};
     * then writes the input's current rows to the outbox as the first records and commits that
     * with {@code alsoCommit}'s writes (the catalog entry). Blocks until done.
     */
    public void createSink(SinkDescriptor sink, StreamPlan viewPlan, Catalog catalog,
            Consumer<StorageWriter> alsoCommit) {
        runOnCoordinator(() -> {
            SinkRuntime runtime = sinkRuntime(sink, 0);
            List<SinkOutbox.Batch> first = new ArrayList<>();
            Consumer<StorageWriter> withFirstRecords = batch -> {
                first.addAll(runtime.drain(System.currentTimeMillis()));
                for (SinkOutbox.Batch records : first) {
                    SinkOutbox.write(batch, sink.id(), records);
                }
                alsoCommit.accept(batch);
            };
            if (sink.view() != null) {
                backfill(sink.view(), viewPlan, catalog, runtime::add, withFirstRecords);
            } else {
                refreshReaders();
                CatalogObject input = catalog.findById(sink.inputId()).orElseThrow();
                try (CloseableIterator<Object[]> rows = contents(input)) {
                    ChangeBatch chunk = new ChangeBatch();
                    while (rows.hasNext()) {
                        chunk.add(rows.next(), 1);
                    }
                    runtime.add(chunk);
                }
                try (StorageWriter batch = storage.beginBatch()) {
                    withFirstRecords.accept(batch);
                    batch.commit();
                }
                refreshReaders();
            }
            runtime.committed();
            startSink(runtime, first.isEmpty() ? 0 : first.get(first.size() - 1).sequence());
            LOG.info("sink {} created: {} batches of its input's current rows to deliver", sink.name(), first.size());
        });
    }

    /**
     * Adds a view created before this start, with its committed state and its committed places in
     * the sources it reads. Before {@link #start} only.
     */
    public void restore(MaterializedViewDescriptor view, StreamPlan plan, Catalog catalog) {
        ViewRuntime runtime = new ViewRuntime(view, plan, options.workers(), options.cacheEntries(),
                () -> storage.ids().nextId(ROW_ID_GENERATIONS));
        setReader(runtime.states(), current);
        views.put(view.id(), runtime);
        publishStateTables();
        String failure = ChangeLog.failure(current, view.id());
        if (failure != null) {
            failedViews.add(view.id());
            LOG.error("materialized view {} is not maintained since it failed: {}. Drop and create it again to "
                    + "rebuild it.", view.name(), failure);
            return;
        }
        openFeeds(view, plan, catalog);
    }

    /** Opens the view's feeds of the sources its plan reads, at the places its last epoch committed. */
    private void openFeeds(MaterializedViewDescriptor view, StreamPlan plan, Catalog catalog) {
        List<SourceDescriptor> sources = new ArrayList<>();
        for (long id : plan.dependencies()) {
            if (catalog.findById(id).orElse(null) instanceof SourceDescriptor source) {
                sources.add(source);
            }
        }
        openFeeds(view, plan, sources);
    }

    private void openFeeds(MaterializedViewDescriptor view, StreamPlan plan, List<SourceDescriptor> sources) {
        List<SourceFeed> viewFeeds = new ArrayList<>();
        try {
            for (SourceDescriptor source : sources) {
                Map<Integer, SourceOffsets.SplitPosition> committed = SourceOffsets.read(current, view.id(), source.id());
                Map<Integer, Long> positions = new HashMap<>();
                committed.forEach((split, place) -> positions.put(split, place.position()));
                List<SourceReader> readers = connectors.get(source.connector()).open(source, options.workers(),
                        positions);
                viewFeeds.add(new SourceFeed(view.id(), source, readers, plan.sourceWatermarks().get(source.id()),
                        committed));
            }
        } catch (RuntimeException e) {
            viewFeeds.forEach(SourceFeed::close);
            throw e;
        }
        if (!viewFeeds.isEmpty()) {
            feeds.put(view.id(), viewFeeds);
            feedsActive = true;
            readingSources = true;
        }
    }

    /**
     * Queues the committed changes the views have not applied yet (the log after the applied
     * mark) and starts the coordinator.
     */
    public void start(Catalog catalog) {
        List<ChangeLog.Entry> entries = ChangeLog.pending(current, applied, codecs(catalog));
        Set<Long> replayed = new HashSet<>();
        for (ChangeLog.Entry entry : entries) {
            replayed.addAll(entry.changes().keySet());
            replayed.addAll(entry.watermarks().keySet());
        }
        for (CatalogObject object : catalog.objects()) {
            // A table the replay changes starts below all times: its stored watermark may be ahead
            // of the replayed rows, and the replayed entries raise it step by step.
            if (object instanceof TableDescriptor table && table.watermark() != null && !replayed.contains(table.id())) {
                watermarks.put(table.id(), TableWatermarks.read(current, table.id()));
            }
        }
        // A restored view's state already reflects these watermarks (a table whose changes are
        // replayed is not among them yet): report them before the view's first epoch.
        for (ViewRuntime view : views.values()) {
            if (!failedViews.contains(view.view().id())) {
                watermarks.put(view.view().id(), view.watermarkAt(withFeedWatermarks(view.view().id(), watermarks)));
            }
        }
        publishWatermarks();
        publishSources();
        lock.lock();
        try {
            pending.addAll(entries);
            if (!entries.isEmpty()) {
                lastCommitted = entries.get(entries.size() - 1).sequence();
                epochRequested = true;
                LOG.info("replaying {} committed transactions the materialized views had not applied", entries.size());
            }
        } finally {
            lock.unlock();
        }
        coordinator.start();
        LOG.info("dataflow started: {} materialized views, {} workers, epochs every {} ms", views.size(),
                options.workers(), options.epochIntervalMillis());
    }

    /** True when the catalog's views read the table, so its writes must reach the dataflow. */
    public static boolean feedsViews(Catalog catalog, long tableId) {
        for (CatalogObject dependent : catalog.dependents(tableId)) {
            if (dependent instanceof MaterializedViewDescriptor || dependent instanceof SinkDescriptor) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes a transaction's table changes to the log within its commit and returns their
     * sequence number. The caller holds the database's write permit, so sequence numbers follow
     * commit order, and calls {@link #committed} once the writer committed.
     */
    public long append(StorageWriter writer, TableChanges changes, Catalog catalog) {
        long sequence;
        lock.lock();
        try {
            sequence = nextSequence++;
        } finally {
            lock.unlock();
        }
        ChangeLog.append(writer, sequence, changes.byTable(), changes.watermarks(), codecs(catalog));
        return sequence;
    }

    /** Hands over the changes of a committed {@link #append}. */
    public void committed(long sequence, TableChanges changes) {
        lock.lock();
        try {
            pending.add(new ChangeLog.Entry(sequence, new HashMap<>(changes.byTable()),
                    new HashMap<>(changes.watermarks())));
            lastCommitted = Math.max(lastCommitted, sequence);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The sequence number of the last committed table changes handed over. */
    public long lastCommitted() {
        lock.lock();
        try {
            return lastCommitted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every view has applied the changes up to {@code sequence}, asking for an epoch
     * at once.
     *
     * @throws FreshetException {@code QUERY_CANCELED} when interrupted, {@code INTERNAL_ERROR}
     *     when the dataflow does not get there in time
     */
    public void awaitApplied(long sequence) {
        if (applied >= sequence) {
            return;
        }
        lock.lock();
        try {
            epochRequested = true;
            changed.signalAll();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(APPLY_TIMEOUT_SECONDS);
            while (applied < sequence) {
                if (closing) {
                    throw new FreshetException(ErrorCode.ADMIN_SHUTDOWN, "the server is shutting down");
                }
                if (stopped != null) {
                    throw stoppedError();
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new FreshetException(ErrorCode.INTERNAL_ERROR, "materialized views did not catch up with "
                            + "the committed writes within " + APPLY_TIMEOUT_SECONDS + " seconds")
                            .withHint("The server log says what the dataflow is doing.");
                }
                changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException(ErrorCode.QUERY_CANCELED, "canceled while waiting for materialized views", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until everything committed so far is in every view (FLUSH); while views read sources,
     * also until each view has read and committed everything its sources had available when FLUSH
     * began (see {@link SourceReader#catchUpPoint}). That wait has no fixed limit while epochs keep
     * committing: only a dataflow that stops making progress for the apply timeout fails it.
     */
    public void flush() {
        flush(() -> { });
    }

    /**
     * {@link #flush()}, calling {@code checkCanceled} about every 100 ms while it waits for the
     * sources; it throws to end the wait (a CancelRequest).
     */
    public void flush(Runnable checkCanceled) {
        awaitApplied(lastCommitted());
        if (!readingSources) {
            return;
        }
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        runOnCoordinator(() -> {
            long now = System.nanoTime();
            Map<SourceFeed, BooleanSupplier> points = new IdentityHashMap<>();
            for (Map.Entry<Long, List<SourceFeed>> entry : feeds.entrySet()) {
                if (!failedViews.contains(entry.getKey())) {
                    for (SourceFeed feed : entry.getValue()) {
                        points.put(feed, feed.catchUpPoint(now));
                    }
                }
            }
            catchUpWaiters.add(new CatchUpWaiter(points, caughtUp));
            // Between epochs all that was read is committed: feeds already there need no epoch.
            checkCatchUpWaiters();
            epochRequested = true;
        });
        // No fixed limit while epochs commit: only a dataflow that stops making progress fails it.
        long[] progress = {-1, 0};
        await(caughtUp, () -> {
            checkCanceled.run();
            if (closing) {
                throw new FreshetException(ErrorCode.ADMIN_SHUTDOWN, "the server is shutting down");
            }
            if (committedEpochs != progress[0]) {
                progress[0] = committedEpochs;
                progress[1] = System.nanoTime() + TimeUnit.SECONDS.toNanos(APPLY_TIMEOUT_SECONDS);
            } else if (System.nanoTime() > progress[1]) {
                throw new FreshetException(ErrorCode.INTERNAL_ERROR, "materialized views committed no epoch for "
                        + APPLY_TIMEOUT_SECONDS + " seconds while FLUSH waited for them to read their sources")
                        .withHint("The server log says what the dataflow is doing.");
            }
        });
    }

    /** A FLUSH waiting until each feed has reached its catch-up point; coordinator thread only. */
    private record CatchUpWaiter(Map<SourceFeed, BooleanSupplier> points, CompletableFuture<Void> done) {
        /** Completes the FLUSH when every feed still read has caught up. */
        boolean check(Map<Long, List<SourceFeed>> open) {
            for (Map.Entry<SourceFeed, BooleanSupplier> point : points.entrySet()) {
                boolean stillRead = open.values().stream().anyMatch(list -> list.contains(point.getKey()));
                if (stillRead && !point.getKey().finished() && !point.getValue().getAsBoolean()) {
                    return false;
                }
            }
            done.complete(null);
            return true;
        }
    }

    /** {@link #subscribe(MaterializedViewDescriptor, boolean, int)} with the options' buffer bound. */
    public Subscription subscribe(MaterializedViewDescriptor view, boolean withSnapshot) {
        return subscribe(view, withSnapshot, options.subscriptionBufferRows());
    }

    /**
     * Subscribes to a materialized view's changes: its rows as of the last committed epoch, unless
     * {@code withSnapshot} is false, then the net changes of every later epoch. Every table change
     * committed before the call is in one or the other (the caller's own writes included).
     *
     * @param maxBufferedRows how many rows of changes may wait for the subscriber before the
     *     subscription is ended ({@link Subscription})
     * @throws FreshetException {@code 55000} when the view has stopped updating
     */
    public Subscription subscribe(MaterializedViewDescriptor view, boolean withSnapshot, int maxBufferedRows) {
        awaitApplied(lastCommitted());
        Subscription[] subscription = new Subscription[1];
        runOnCoordinator(() -> {
            if (!views.containsKey(view.id())) {
                throw new FreshetException(ErrorCode.UNDEFINED_TABLE, "materialized view " + view.name()
                        + " was dropped");
            }
            if (failedViews.contains(view.id())) {
                throw stoppedUpdating(view.name());
            }
            CloseableIterator<Subscription.Change> snapshot = null;
            if (withSnapshot) {
                ReadView read = storage.openReadView();
                snapshot = storedRows(view, read, epochNumber).onClose(read::close);
            }
            subscription[0] = new Subscription(view.name(), epochNumber, snapshot, maxBufferedRows);
            Subscription opened = subscription[0];
            openSubscriptions.add(opened);
            opened.onClose(() -> openSubscriptions.remove(opened));
            subscriptions.computeIfAbsent(view.id(), id -> new ViewSubscriptions(view.columns().size()))
                    .add(subscription[0]);
        });
        return subscription[0];
    }

    private static FreshetException stoppedUpdating(String viewName) {
        return new FreshetException(ErrorCode.OBJECT_NOT_IN_PREREQUISITE_STATE, "materialized view " + viewName
                + " has stopped updating after an error, so it has no changes to subscribe to")
                .withHint("The server log says why; DROP the view and CREATE it again to rebuild it.");
    }

    /**
     * A snapshot in which the views have applied every table change it contains. Tries a few
     * times when writers keep committing between the wait and the snapshot, then settles for
     * the last snapshot (views then lag its tables by the latest writes only).
     */
    public ReadView openConsistentView() {
        for (int attempt = 0; attempt < 5; attempt++) {
            awaitApplied(lastCommitted());
            ReadView view = storage.openReadView();
            if (ChangeLog.lastEntry(view) <= ChangeLog.applied(view)) {
                return view;
            }
            view.close();
        }
        LOG.debug("writers kept committing; reading a snapshot whose views lag its tables");
        return storage.openReadView();
    }

    /**
     * Creates a view: builds its operators, fills them from the current contents of the tables
     * and views it reads, and commits its state together with {@code alsoCommit}'s writes (the
     * catalog entry), so the view exists with its full contents or not at all. Blocks until done.
     */
    public void create(MaterializedViewDescriptor view, StreamPlan plan, Catalog catalog,
            Consumer<StorageWriter> alsoCommit) {
        runOnCoordinator(() -> backfill(view, plan, catalog, alsoCommit));
    }

    /**
     * Stops maintaining the views, deletes their rows and state, and commits that with
     * {@code alsoCommit}'s writes (catalog entries, tables dropped with them). Blocks until done.
     */
    public void drop(List<MaterializedViewDescriptor> dropped, Consumer<StorageWriter> alsoCommit) {
        drop(dropped, List.of(), alsoCommit);
    }

    /**
     * Stops maintaining the views and sinks, deletes their rows, state and undelivered records,
     * and commits that with {@code alsoCommit}'s writes. Blocks until done.
     */
    public void drop(List<MaterializedViewDescriptor> droppedViews, List<SinkDescriptor> droppedSinks,
            Consumer<StorageWriter> alsoCommit) {
        List<MaterializedViewDescriptor> dropped = new ArrayList<>(droppedViews);
        for (SinkDescriptor sink : droppedSinks) {
            if (sink.view() != null) {
                dropped.add(sink.view());
            }
        }
        runOnCoordinator(() -> {
            for (SinkDescriptor sink : droppedSinks) {
                sinks.remove(sink.id());
                SinkDelivery delivery = deliveries.remove(sink.id());
                if (delivery != null) {
                    delivery.close();
                }
            }
            publishDeliveries();
            try (StorageWriter batch = storage.beginBatch()) {
                for (SinkDescriptor sink : droppedSinks) {
                    SinkOutbox.deleteAll(batch, sink.id());
                }
                for (MaterializedViewDescriptor view : dropped) {
                    ChangeLog.clearFailed(batch, view.id());
                    SourceOffsets.deleteView(batch, view.id());
                    batch.dropKeyspace(view.id());
                    for (long keyspace : view.stateKeyspaces()) {
                        batch.dropKeyspace(keyspace);
                    }
                }
                alsoCommit.accept(batch);
                batch.commit();
            }
            for (MaterializedViewDescriptor view : dropped) {
                endSubscriptions(view.id(), () -> new FreshetException(ErrorCode.UNDEFINED_TABLE,
                        "materialized view " + view.name() + " was dropped: its subscription ended"));
                views.remove(view.id());
                failedViews.remove(view.id());
                watermarks.remove(view.id());
                List<SourceFeed> viewFeeds = feeds.remove(view.id());
                if (viewFeeds != null) {
                    viewFeeds.forEach(SourceFeed::close);
                }
            }
            updateFeedsActive();
            checkCatchUpWaiters();
            refreshReaders();
            publishWatermarks();
            publishStateTables();
            publishSources();
        });
    }

    @Override
    public Map<Long, Long> watermarks() {
        return publishedWatermarks;
    }

    @Override
    public List<StateTableInfo> stateTables() {
        return publishedStateTables;
    }

    @Override
    public List<SourceProgress> sources() {
        return publishedSources;
    }

    @Override
    public List<SubscriptionStatus> subscriptions() {
        List<Subscription> open;
        synchronized (openSubscriptions) {
            open = List.copyOf(openSubscriptions);
        }
        return open.stream().map(Subscription::status).toList();
    }

    @Override
    public List<SinkStatus> sinks() {
        List<SinkStatus> statuses = new ArrayList<>();
        for (SinkDelivery delivery : publishedDeliveries) {
            statuses.add(new SinkStatus(delivery.sinkId(), delivery.committedSequence(), delivery.delivered(),
                    delivery.problem()));
        }
        return statuses;
    }

    /** The ids of views whose maintenance failed; they keep their last committed rows. */
    public Set<Long> failedViews() {
        CompletableFuture<Set<Long>> result = new CompletableFuture<>();
        runOnCoordinator(() -> result.complete(Set.copyOf(failedViews)));
        return result.join();
    }

    private void runOnCoordinator(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (closing) {
                throw new FreshetException(ErrorCode.ADMIN_SHUTDOWN, "the server is shutting down");
            }
            if (stopped != null) {
                throw stoppedError();
            }
            tasks.add(() -> {
                try {
                    task.run();
                    done.complete(null);
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                }
            });
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        await(done, () -> { });
    }

    /**
     * Waits until the coordinator completes {@code done}, failing at once if it has died; runs
     * {@code check} every 100 ms, holding {@code lock}, to fail the wait for other reasons.
     */
    private void await(CompletableFuture<?> done, Runnable check) {
        try {
            while (true) {
                try {
                    done.get(100, TimeUnit.MILLISECONDS);
                    return;
                } catch (java.util.concurrent.TimeoutException e) {
                    lock.lock();
                    try {
                        if (stopped != null) {
                            throw stoppedError();
                        }
                        check.run();
                    } finally {
                        lock.unlock();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException(ErrorCode.QUERY_CANCELED, "canceled while the dataflow worked", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new FreshetException(ErrorCode.INTERNAL_ERROR, "the dataflow failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Runs epochs and tasks until closed. Should anything escape (a JVM error), the dataflow
     * stops for good and readers are told at once instead of waiting for epochs that never come.
     */
    private void coordinate() {
        try {
            run();
        } catch (Throwable e) {
            LOG.error("the dataflow stopped; materialized views no longer update until the server restarts", e);
            lock.lock();
            try {
                stopped = e;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    private void run() {
        while (true) {
            List<ChangeLog.Entry> entries = new ArrayList<>();
            Runnable task;
            lock.lock();
            try {
                long interval = TimeUnit.MILLISECONDS.toNanos(options.epochIntervalMillis());
                long waitStart = System.nanoTime();
                while (!closing && tasks.isEmpty()) {
                    if (pending.isEmpty() && !feedsActive) {
                        changed.awaitUninterruptibly();
                        waitStart = System.nanoTime();
                        continue;
                    }
                    long remaining = interval - (System.nanoTime() - waitStart);
                    if (epochRequested || feedsSaturated || remaining <= 0) {
                        break;
                    }
                    changed.awaitNanos(remaining);
                }
                entries.addAll(pending);
                pending.clear();
                epochRequested = false;
                task = tasks.poll();
                if (closing && entries.isEmpty() && task == null) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            try {
                if (!entries.isEmpty() || feedsActive && !closing) {
                    runEpoch(entries);
                }
            } catch (RuntimeException e) {
                // Nothing of the epoch committed: forget its state changes and try its input again,
                // so the applied mark never passes changes the views did not get.
                LOG.error("an epoch of {} transactions failed to commit; retrying in a second", entries.size(), e);
                discardAll();
                reopenFeeds();
                lock.lock();
                try {
                    for (int i = entries.size() - 1; i >= 0; i--) {
                        pending.addFirst(entries.get(i));
                    }
                    changed.awaitNanos(TimeUnit.SECONDS.toNanos(1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    lock.unlock();
                }
            }
            if (task != null) {
                task.run();
            }
        }
    }

    private void runEpoch(List<ChangeLog.Entry> entries) {
        Map<Long, Long> written = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.epochIntervalMillis());
        long last = entries.isEmpty() ? -1 : entries.get(entries.size() - 1).sequence();
        Map<Long, ChangeBatch> step = new HashMap<>();
        int stepRows = 0;
        // A step is due for entries that changed rows or only raised a watermark (windows may close).
        boolean stepDue = false;
        long rows = 0;
        for (ChangeLog.Entry entry : entries) {
            for (Map.Entry<Long, ChangeBatch> table : entry.changes().entrySet()) {
                step.computeIfAbsent(table.getKey(), id -> new ChangeBatch()).addAll(table.getValue());
                stepRows += table.getValue().size();
            }
            entry.watermarks().forEach((table, watermark) -> watermarks.merge(table, watermark, Math::max));
            stepDue = true;
            if (stepRows >= options.stepRows()) {
                rows += stepRows + runStep(step);
                step = new HashMap<>();
                stepRows = 0;
                stepDue = false;
            }
        }
        if (stepDue || feedsActive) {
            rows += stepRows + runStep(step);
        }
        // Sources with more rows ready keep the epoch stepping until its interval is up.
        while (feedsSaturated && System.nanoTime() < deadline && !stopRequested()) {
            rows += runStep(new HashMap<>());
        }
        if (entries.isEmpty() && rows == 0 && !hasChanges()) {
            // Sources were read and had nothing new (an idle topic, a throttled generator between
            // rows): there is nothing to commit, and no epoch number is used up.
            finishEpoch(-1);
            return;
        }
        try (StorageWriter batch = storage.beginBatch()) {
            for (ViewRuntime view : views.values()) {
                for (OperatorState state : view.states()) {
                    state.table().flush(batch);
                }
            }
            SourceCounts counts = new SourceCounts();
            for (List<SourceFeed> viewFeeds : feeds.values()) {
                for (SourceFeed feed : viewFeeds) {
                    feed.commit(batch, storage.ids(), counts);
                }
            }
            counts.write(batch, current);
            long now = System.currentTimeMillis();
            for (SinkRuntime sink : sinks.values()) {
                if (sink.hasChanges()) {
                    for (SinkOutbox.Batch records : sink.drain(now)) {
                        SinkOutbox.write(batch, sink.sink().id(), records);
                        written.put(sink.sink().id(), records.sequence());
                    }
                }
            }
            if (last >= 0) {
                ChangeLog.markApplied(batch, last);
            }
            CommittedEpoch.write(batch, epochNumber + 1);
            batch.commit();
        }
        sinks.values().forEach(SinkRuntime::committed);
        epochNumber++;
        publishSubscriptions();
        written.forEach((sinkId, sequence) -> deliveries.get(sinkId).committed(sequence));
        refreshReaders();
        epochs++;
        rowsApplied += rows;
        finishEpoch(last);
        long now = System.nanoTime();
        if (now - lastProgressLog >= PROGRESS_LOG_NANOS) {
            LOG.info("dataflow: {} epochs, {} row changes applied so far; last epoch {} changes up to transaction {}{}",
                    epochs, rowsApplied, rows, applied, describeFeeds());
            lastProgressLog = now;
        }
    }

    /** True when some view's state, feed or sink has something to commit. */
    private boolean hasChanges() {
        for (ViewRuntime view : views.values()) {
            for (OperatorState state : view.states()) {
                if (state.table().bufferedCount() > 0) {
                    return true;
                }
            }
        }
        for (List<SourceFeed> viewFeeds : feeds.values()) {
            for (SourceFeed feed : viewFeeds) {
                if (feed.hasChanges()) {
                    return true;
                }
            }
        }
        for (SinkRuntime sink : sinks.values()) {
            if (sink.hasChanges()) {
                return true;
            }
        }
        return false;
    }

    /**
     * After an epoch, committed or with nothing to commit: publishes what other threads read and
     * wakes the readers and FLUSH statements waiting; {@code last} is the last log entry applied, or -1.
     */
    private void finishEpoch(long last) {
        updateFeedsActive();
        // Before the applied mark moves: a reader that waited for this epoch sees its watermarks.
        publishWatermarks();
        publishSources();
        lock.lock();
        try {
            if (last >= 0) {
                applied = last;
            }
            committedEpochs++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        checkCatchUpWaiters();
    }

    /**
     * Pushes one step's table changes, and the rows each view's feeds read now, through every
     * view, in creation order; returns how many rows the feeds read.
     */
    private int runStep(Map<Long, ChangeBatch> tableChanges) {
        Map<Long, ChangeBatch> sources = new HashMap<>(tableChanges);
        Map<Long, Map<Long, ChangeBatch>> polled = pollFeeds();
        int polledRows = 0;
        for (Map<Long, ChangeBatch> batches : polled.values()) {
            for (ChangeBatch batch : batches.values()) {
                polledRows += batch.size();
            }
        }
        for (ViewRuntime view : views.values()) {
            long id = view.view().id();
            if (failedViews.contains(id)) {
                continue;
            }
            if (readsFailedView(view)) {
                fail(view, new IllegalStateException("a materialized view it reads failed"));
                continue;
            }
            try {
                Map<Long, ChangeBatch> input = sources;
                Map<Long, ChangeBatch> fromFeeds = polled.get(id);
                if (fromFeeds != null) {
                    input = new HashMap<>(sources);
                    input.putAll(fromFeeds);
                }
                sources.put(id, view.step(input, withFeedWatermarks(id, watermarks), false, stepExecutor));
                watermarks.put(id, view.watermark());
            } catch (RuntimeException | AssertionError e) {
                // An operator's bug (Calcite's generated code asserts, too) stops this view only.
                fail(view, e);
            }
        }
        for (SinkRuntime sink : sinks.values()) {
            ChangeBatch changes = sources.get(sink.sink().inputId());
            if (changes != null && !changes.isEmpty()) {
                sink.add(changes);
            }
        }
        subscriptions.forEach((viewId, subscribed) -> {
            ChangeBatch changes = sources.get(viewId);
            if (changes != null && !changes.isEmpty()) {
                subscribed.collect(changes);
            }
        });
        return polledRows;
    }

    /** Polls every maintained view's feeds for up to a step's rows each: by view id, by source id. */
    private Map<Long, Map<Long, ChangeBatch>> pollFeeds() {
        feedsSaturated = false;
        if (feeds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Map<Long, ChangeBatch>> polled = new HashMap<>();
        long now = System.nanoTime();
        for (Map.Entry<Long, List<SourceFeed>> entry : feeds.entrySet()) {
            if (failedViews.contains(entry.getKey())) {
                continue;
            }
            Map<Long, ChangeBatch> batches = new HashMap<>();
            for (SourceFeed feed : entry.getValue()) {
                batches.put(feed.sourceId(), feed.poll(options.stepRows(), now, stepExecutor));
                feedsSaturated |= feed.saturated();
            }
            polled.put(entry.getKey(), batches);
        }
        return polled;
    }

    /**
     * The watermarks a view's step sees: the shared ones, with the view's own feeds' watermarks for
     * the sources it reads (each view reads a source at its own pace).
     */
    private Map<Long, Long> withFeedWatermarks(long viewId, Map<Long, Long> shared) {
        List<SourceFeed> viewFeeds = feeds.get(viewId);
        if (viewFeeds == null) {
            return shared;
        }
        Map<Long, Long> combined = new HashMap<>(shared);
        for (SourceFeed feed : viewFeeds) {
            combined.put(feed.sourceId(), feed.watermark());
        }
        return combined;
    }

    /** Completes the FLUSH statements whose feeds have all caught up (or are no longer read). */
    private void checkCatchUpWaiters() {
        catchUpWaiters.removeIf(waiter -> waiter.check(feeds));
    }

    /** Notes whether any maintained view's feed may still have rows. */
    private void updateFeedsActive() {
        boolean active = false;
        for (Map.Entry<Long, List<SourceFeed>> entry : feeds.entrySet()) {
            if (!failedViews.contains(entry.getKey())) {
                for (SourceFeed feed : entry.getValue()) {
                    active |= !feed.finished();
                }
            }
        }
        feedsActive = active;
        readingSources = active;
    }

    /**
     * Opens every feed again at its committed places, after an epoch that read from them failed
     * to commit: what they read is read again.
     */
    private void reopenFeeds() {
        if (feeds.isEmpty()) {
            return;
        }
        refreshReaders();
        Map<Long, List<SourceFeed>> open = new HashMap<>(feeds);
        feeds.clear();
        for (Map.Entry<Long, List<SourceFeed>> entry : open.entrySet()) {
            entry.getValue().forEach(SourceFeed::close);
            ViewRuntime view = views.get(entry.getKey());
            openFeeds(view.view(), view.plan(), entry.getValue().stream().map(SourceFeed::source).toList());
        }
    }

    /** True when the coordinator should end a source epoch early: DDL, a reader or table changes wait. */
    private boolean stopRequested() {
        lock.lock();
        try {
            return closing || epochRequested || !tasks.isEmpty() || !pending.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** A word on the feeds for the progress log. */
    private String describeFeeds() {
        long rows = 0;
        int count = 0;
        for (List<SourceFeed> viewFeeds : feeds.values()) {
            for (SourceFeed feed : viewFeeds) {
                rows += feed.rowsRead();
                count++;
            }
        }
        return count == 0 ? "" : "; " + count + " source readers have read " + rows + " rows since the start";
    }

    private boolean readsFailedView(ViewRuntime view) {
        for (long dependency : view.view().dependencies()) {
            if (failedViews.contains(dependency)) {
                return true;
            }
        }
        return false;
    }

    private void fail(ViewRuntime view, Throwable e) {
        failedViews.add(view.view().id());
        List<SourceFeed> viewFeeds = feeds.remove(view.view().id());
        if (viewFeeds != null) {
            viewFeeds.forEach(SourceFeed::close);
        }
        for (OperatorState state : view.states()) {
            state.table().discard();
        }
        try (StorageWriter batch = storage.beginBatch()) {
            ChangeLog.markFailed(batch, view.view().id(), e.toString());
            batch.commit();
        } catch (RuntimeException markFailure) {
            LOG.error("could not record that materialized view {} failed", view.view().name(), markFailure);
        }
        LOG.error("materialized view {} stopped updating: {}. It keeps the rows of its last committed epoch; drop "
                + "and create it again to rebuild it.", view.view().name(), e.toString(), e);
        endSubscriptions(view.view().id(), () -> stoppedUpdating(view.view().name()));
    }

    private void backfill(MaterializedViewDescriptor view, StreamPlan plan, Catalog catalog,
            Consumer<StorageWriter> alsoCommit) {
        backfill(view, plan, catalog, changes -> { }, alsoCommit);
    }

    /** @param output receives the view's changes (its initial rows), step by step */
    private void backfill(MaterializedViewDescriptor view, StreamPlan plan, Catalog catalog,
            Consumer<ChangeBatch> output, Consumer<StorageWriter> alsoCommit) {
        // Writes to tables no view read yet committed without an epoch: read them in a fresh snapshot.
        refreshReaders();
        ViewRuntime runtime = new ViewRuntime(view, plan, options.workers(), options.cacheEntries(),
                () -> storage.ids().nextId(ROW_ID_GENERATIONS));
        setReader(runtime.states(), current);
        long started = System.nanoTime();
        long rows = 0;
        try {
            // The rows come in key order, not time order: the watermarks apply after the last of
            // them, or a window could close before all its rows arrived.
            Map<Long, Long> noWatermarks = Map.of();
            boolean first = true;
            int steps = 0;
            long lastLog = started;
            for (long source : plan.dependencies()) {
                CatalogObject object = catalog.findById(source).orElseThrow(() ->
                        new IllegalStateException("view " + view.name() + " reads object " + source
                                + ", which is not in the catalog"));
                try (CloseableIterator<Object[]> scan = contents(object)) {
                    ChangeBatch chunk = new ChangeBatch();
                    while (scan.hasNext()) {
                        chunk.add(scan.next(), 1);
                        if (chunk.size() >= options.stepRows() || !scan.hasNext()) {
                            output.accept(runtime.step(Map.of(source, chunk), noWatermarks, first, stepExecutor));
                            first = false;
                            rows += chunk.size();
                            chunk = new ChangeBatch();
                            if (++steps % BACKFILL_STEPS_PER_COMMIT == 0) {
                                commitBackfill(runtime, null);
                            }
                            long now = System.nanoTime();
                            if (now - lastLog >= PROGRESS_LOG_NANOS) {
                                LOG.info("materialized view {}: backfilled {} rows ({} rows/s)", view.name(), rows,
                                        rows * 1_000_000_000L / Math.max(now - started, 1));
                                lastLog = now;
                            }
                        }
                    }
                }
            }
            for (long source : plan.dependencies()) {
                if (catalog.findById(source).orElse(null) instanceof TableDescriptor table && table.watermark() != null) {
                    watermarks.merge(source, TableWatermarks.read(current, source), Math::max);
                }
            }
            output.accept(runtime.step(Map.of(), watermarks, first, stepExecutor));
            openFeeds(view, plan, catalog);
            List<SourceFeed> viewFeeds = feeds.getOrDefault(view.id(), List.of());
            commitBackfill(runtime, batch -> {
                // The view starts reading its sources here: their first places commit with it.
                SourceCounts counts = new SourceCounts();
                for (SourceFeed feed : viewFeeds) {
                    feed.commit(batch, storage.ids(), counts);
                }
                counts.write(batch, current);
                alsoCommit.accept(batch);
            });
        } catch (RuntimeException e) {
            List<SourceFeed> opened = feeds.remove(view.id());
            if (opened != null) {
                opened.forEach(SourceFeed::close);
            }
            updateFeedsActive();
            for (OperatorState state : runtime.states()) {
                state.table().discard();
            }
            try (StorageWriter batch = storage.beginBatch()) {
                batch.dropKeyspace(view.id());
                for (long keyspace : view.stateKeyspaces()) {
                    batch.dropKeyspace(keyspace);
                }
                batch.commit();
            }
            throw e;
        }
        views.put(view.id(), runtime);
        watermarks.put(view.id(), runtime.watermark());
        refreshReaders();
        publishWatermarks();
        publishStateTables();
        publishSources();
        LOG.info("materialized view {} created from {} input rows in {} ms", view.name(), rows,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void commitBackfill(ViewRuntime runtime, Consumer<StorageWriter> alsoCommit) {
        try (StorageWriter batch = storage.beginBatch()) {
            for (OperatorState state : runtime.states()) {
                state.table().flush(batch);
            }
            if (alsoCommit != null) {
                alsoCommit.accept(batch);
            }
            batch.commit();
        }
        ReadView view = storage.openReadView();
        setReader(runtime.states(), view);
        for (ViewRuntime other : views.values()) {
            setReader(other.states(), view);
        }
        current.close();
        current = view;
    }

    /** The current rows of a table or view in the plan's representation, each copy once. */
    private CloseableIterator<Object[]> contents(CatalogObject object) {
        return contents(object, current);
    }

    /** The rows of a table or view in a snapshot, in the plan's representation, each copy once (copies adjacent). */
    private static CloseableIterator<Object[]> contents(CatalogObject object, KvReader reader) {
        if (object instanceof TableDescriptor table) {
            StateTable rows = StateTables.create(TableStorage.tableLayout(table));
            return mapped(rows.prefixScan(reader, new Object[0]), table.columns().size(), false);
        }
        if (object instanceof MaterializedViewDescriptor view) {
            StateTable rows = StateTables.create(TableStorage.viewLayout(view));
            return mapped(rows.prefixScan(reader, new Object[0]), view.columns().size(), view.counted());
        }
        if (object instanceof SourceDescriptor) {
            // A source keeps no rows: the view reads it from its start through its feed.
            return CloseableIterator.empty();
        }
        throw new IllegalStateException(object.objectKind().displayName() + " " + object.name()
                + " cannot feed a materialized view");
    }

    /** Stored rows cut to {@code width} visible columns, BYTEA as ByteString, counted rows repeated. */
    private static CloseableIterator<Object[]> mapped(CloseableIterator<Object[]> stored, int width, boolean counted) {
        return new CloseableIterator<>() {
            private Object[] row;
            private long copiesLeft;

            @Override
            public boolean hasNext() {
                return copiesLeft > 0 || stored.hasNext();
            }

            @Override
            public Object[] next() {
                if (copiesLeft == 0) {
                    Object[] next = stored.next();
                    copiesLeft = counted ? (Long) next[width] : 1;
                    row = visible(next, width);
                }
                copiesLeft--;
                return row;
            }

            @Override
            public void close() {
                stored.close();
            }
        };
    }

    /**
     * A view's rows in a snapshot as a subscription's first changes: each stored row once, with
     * its copies as the diff (a counted view keeps them in its count column).
     */
    private static CloseableIterator<Subscription.Change> storedRows(MaterializedViewDescriptor view,
            KvReader reader, long epoch) {
        CloseableIterator<Object[]> stored = StateTables.create(TableStorage.viewLayout(view))
                .prefixScan(reader, new Object[0]);
        int width = view.columns().size();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return stored.hasNext();
            }

            @Override
            public Subscription.Change next() {
                Object[] next = stored.next();
                return new Subscription.Change(epoch, view.counted() ? (Long) next[width] : 1, visible(next, width));
            }

            @Override
            public void close() {
                stored.close();
            }
        };
    }

    /** A stored row cut to its {@code width} visible columns, BYTEA as the plan's ByteString. */
    private static Object[] visible(Object[] stored, int width) {
        Object[] row = Arrays.copyOf(stored, width);
        for (int i = 0; i < width; i++) {
            if (row[i] instanceof byte[] bytes) {
                row[i] = new ByteString(bytes);
            }
        }
        return row;
    }

    /** Publishes the feeds' progress for {@link #sources()}; on the coordinator thread (or before it starts). */
    private void publishSources() {
        List<SourceProgress> progress = new ArrayList<>();
        for (ViewRuntime view : views.values()) {
            for (SourceFeed feed : feeds.getOrDefault(view.view().id(), List.of())) {
                progress.addAll(feed.progress());
            }
        }
        publishedSources = List.copyOf(progress);
    }

    /** Publishes the watermarks for {@link #watermarks()}; on the coordinator thread (or before it starts). */
    private void publishWatermarks() {
        publishedWatermarks = Map.copyOf(watermarks);
    }

    /**
     * Publishes the views' state tables for {@link #stateTables()}; on the coordinator thread (or
     * before it starts).
     */
    private void publishStateTables() {
        List<StateTableInfo> tables = new ArrayList<>();
        for (ViewRuntime runtime : views.values()) {
            MaterializedViewDescriptor view = runtime.view();
            Set<Long> keyspaces = new HashSet<>();
            // Every instance of an operator has its own OperatorState over the operator's one keyspace.
            for (OperatorState state : runtime.states()) {
                long keyspace = state.table().descriptor().keyspace();
                if (keyspaces.add(keyspace)) {
                    String operator = keyspace == view.id() ? StateTableInfo.MATERIALIZE : state.layout().name();
                    tables.add(new StateTableInfo(view.id(), view.name(), operator, keyspace));
                }
            }
        }
        publishedStateTables = List.copyOf(tables);
    }

    private void refreshReaders() {
        ReadView view = storage.openReadView();
        for (ViewRuntime runtime : views.values()) {
            setReader(runtime.states(), view);
        }
        current.close();
        current = view;
    }

    private void discardAll() {
        for (ViewRuntime view : views.values()) {
            for (OperatorState state : view.states()) {
                state.table().discard();
            }
        }
        subscriptions.values().forEach(ViewSubscriptions::discard);
        sinks.values().forEach(SinkRuntime::discard);
    }

    /** Hands the epoch just committed to the subscriptions; forgets views no one subscribes to any more. */
    private void publishSubscriptions() {
        subscriptions.values().removeIf(subscribed -> !subscribed.publish(epochNumber));
    }

    /** Ends the view's subscriptions, if any, once they have taken what is buffered. */
    private void endSubscriptions(long viewId, Supplier<FreshetException> reason) {
        ViewSubscriptions subscribed = subscriptions.remove(viewId);
        if (subscribed != null) {
            subscribed.end(reason);
        }
    }

    private static void setReader(List<OperatorState> states, ReadView view) {
        for (OperatorState state : states) {
            state.table().setReader(view);
        }
    }

    /** The row codec of each table's log entries: its visible columns. Null for a table not in the catalog. */
    private static LongFunction<RowCodec> codecs(Catalog catalog) {
        Map<Long, RowCodec> codecs = new HashMap<>();
        return id -> codecs.computeIfAbsent(id, key -> {
            CatalogObject object = catalog.findById(key).orElse(null);
            if (!(object instanceof TableDescriptor table)) {
                return null;
            }
            List<ValueType> types = new ArrayList<>();
            table.columns().forEach(column -> types.add(TableStorage.valueType(column.type())));
            return new RowCodec(new RowSchema(types));
        });
    }

    /** Commits what is pending, stops the coordinator and the workers. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            epochRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (coordinator.isAlive()) {
            try {
                coordinator.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        for (SinkDelivery delivery : deliveries.values()) {
            delivery.close();
        }
        for (long viewId : List.copyOf(subscriptions.keySet())) {
            endSubscriptions(viewId, () -> new FreshetException(ErrorCode.ADMIN_SHUTDOWN,
                    "the server is shutting down: the subscription ended").withHint("Subscribe again once it is back."));
        }
        current.close();
    }

    /** The error of a reader or a DDL statement once the coordinator has died; call with {@code lock} held. */
    private FreshetException stoppedError() {
        return new FreshetException(ErrorCode.INTERNAL_ERROR, "materialized views stopped updating: " + stopped)
                .withHint("Restart the server; the server log has the details.");
    }
}
