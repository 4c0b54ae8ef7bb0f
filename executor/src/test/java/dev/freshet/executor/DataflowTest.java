package dev.freshet.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.Catalog;
import dev.freshet.planner.CatalogObject;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;
import dev.freshet.planner.MaterializedViewDescriptor;
import dev.freshet.planner.ObjectKind;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.planner.WatermarkDescriptor;
import dev.freshet.planner.stream.AggregateCall;
import dev.freshet.planner.stream.CompiledExpressions;
import dev.freshet.planner.stream.StreamAggregate;
import dev.freshet.planner.stream.StreamCalc;
import dev.freshet.planner.stream.StreamNode;
import dev.freshet.planner.stream.StreamPlan;
import dev.freshet.planner.stream.StreamScan;
import dev.freshet.storage.CloseableIterator;
import dev.freshet.storage.ReadView;
import dev.freshet.storage.StateTables;
import dev.freshet.storage.StorageEngine;
import dev.freshet.storage.StorageEngines;
import dev.freshet.storage.StorageOptions;
import dev.freshet.storage.StorageWriter;

/**
 * The dataflow over a real RocksDB: epochs apply committed table changes to a view, a read waits
 * for them, a restart replays what was committed but not applied, and a view whose operator fails
 * stops alone and stays stopped across restarts.
 */
class DataflowTest {
    private static final DataType BIGINT = DataType.of(DataType.Kind.BIGINT);
    private static final TableDescriptor TABLE = new TableDescriptor(1, "t",
            List.of(new ColumnDescriptor("id", BIGINT, false, null), new ColumnDescriptor("g", BIGINT, true, null)),
            List.of(0), null, "CREATE TABLE t (id BIGINT PRIMARY KEY, g BIGINT)");

    @TempDir
    Path directory;

    private StorageEngine storage;
    private Dataflow dataflow;

    @AfterEach
    void close() {
        if (dataflow != null) {
            dataflow.close();
        }
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void shouldApplyCommittedChangesToTheViewBeforeAReadThatWaitsForThem() {
        open();
        Catalog catalog = createCountView(2, scan());
        commit(catalog, change(1, 10, 1), change(2, 10, 1), change(3, 20, 1));
        dataflow.awaitApplied(dataflow.lastCommitted());
        assertThat(viewRows(catalog)).containsExactlyInAnyOrder(List.of(10L, 2L), List.of(20L, 1L));

        commit(catalog, change(2, 10, -1), change(2, 20, 1));
        dataflow.flush();
        assertThat(viewRows(catalog)).containsExactlyInAnyOrder(List.of(10L, 1L), List.of(20L, 2L));
    }

    @Test
    void shouldReplayChangesCommittedButNotAppliedWhenRestarted() {
        open();
        Catalog catalog = createCountView(2, scan());
        commit(catalog, change(1, 10, 1));
        dataflow.flush();
        // A transaction whose log entry committed, but the server died before an epoch applied it.
        TableChanges lost = new TableChanges();
        lost.add(TABLE.id(), new Object[] {2L, 10L}, 1);
        try (StorageWriter writer = storage.beginBatch()) {
            dataflow.append(writer, lost, catalog);
            writer.commit();
        }
        reopen(catalog);
        dataflow.flush();
        assertThat(viewRows(catalog)).containsExactly(List.of(10L, 2L));
    }

    @Test
    void shouldStopOnlyTheFailingViewAndKeepItStoppedAfterRestart() {
        open();
        Catalog catalog = createCountView(2, scan());
        catalog = createCountView(catalog, 10, brokenCalc());
        commit(catalog, change(1, 10, 1));
        dataflow.flush();
        assertThat(viewRows(catalog)).containsExactly(List.of(10L, 1L));
        assertThat(dataflow.failedViews()).containsExactly(10L);

        reopen(catalog);
        assertThat(dataflow.failedViews()).containsExactly(10L);
        commit(catalog, change(2, 10, 1));
        dataflow.flush();
        assertThat(viewRows(catalog)).containsExactly(List.of(10L, 2L));
    }

    @Test
    void shouldListEachStateTableOnceWithTheRowsOfTheLastEpoch() {
        open();
        Catalog catalog = createCountView(2, scan());
        commit(catalog, change(1, 10, 1), change(2, 20, 1), change(3, 20, 1));
        dataflow.flush();

        assertThat(dataflow.stateTables()).containsExactly(
                new StateTableInfo(2, "v2", StateTableInfo.MATERIALIZE, 2),
                new StateTableInfo(2, "v2", "groups", 3));
        try (ReadView read = dataflow.openConsistentView()) {
            assertThat(dataflow.stateTables()).extracting(table -> table.countRows(read)).containsExactly(2L, 2L);
        }
    }

    @Test
    void shouldPublishTheWatermarksTheViewsApplied() {
        open();
        Catalog catalog = createCountView(2, scan());
        assertThat(dataflow.watermarks()).containsEntry(2L, Long.MAX_VALUE);

        TableChanges changes = new TableChanges();
        changes.add(TABLE.id(), new Object[] {1L, 10L}, 1);
        changes.watermark(TABLE.id(), 5_000L);
        long sequence;
        try (StorageWriter writer = storage.beginBatch()) {
            sequence = dataflow.append(writer, changes, catalog);
            writer.commit();
        }
        dataflow.committed(sequence, changes);
        dataflow.flush();
        assertThat(dataflow.watermarks()).containsEntry(TABLE.id(), 5_000L).containsEntry(2L, Long.MAX_VALUE);

        dataflow.drop(List.of((MaterializedViewDescriptor) catalog.findById(2).orElseThrow()), writer -> { });
        assertThat(dataflow.watermarks()).doesNotContainKey(2L);
        assertThat(dataflow.stateTables()).isEmpty();
    }

    @Test
    void shouldReportARestoredViewsWatermarkBeforeItsFirstEpoch() {
        open();
        StreamScan watermarked = new StreamScan(TABLE.id(), "t", ObjectKind.TABLE, List.of("id", "g"),
                List.of(BIGINT, BIGINT), List.of(0), false, Map.of(1, 0L));
        TableDescriptor table = new TableDescriptor(TABLE.id(), TABLE.name(), TABLE.columns(), TABLE.primaryKey(),
                new WatermarkDescriptor("g", "g"),
                "CREATE TABLE t (id BIGINT PRIMARY KEY, g BIGINT, WATERMARK FOR g AS g)");
        Catalog catalog = createCountView(Catalog.of(List.of(table)), 2, watermarked);
        TableChanges changes = new TableChanges();
        changes.add(TABLE.id(), new Object[] {1L, 10_000L}, 1);
        changes.watermark(TABLE.id(), 5_000L);
        long sequence;
        try (StorageWriter writer = storage.beginBatch()) {
            sequence = dataflow.append(writer, changes, catalog);
            TableWatermarks.write(writer, TABLE.id(), 5_000L);
            writer.commit();
        }
        dataflow.committed(sequence, changes);
        dataflow.flush();
        assertThat(dataflow.watermarks()).containsEntry(2L, 5_000L);

        dataflow.close();
        storage.close();
        storage = StorageEngines.open(directory, StorageOptions.defaults());
        dataflow = Dataflow.open(storage, DataflowOptions.defaults().withWorkers(2));
        dataflow.restore((MaterializedViewDescriptor) catalog.findById(2).orElseThrow(), plan(watermarked), catalog);
        dataflow.start(catalog);
        assertThat(dataflow.watermarks()).containsEntry(TABLE.id(), 5_000L).containsEntry(2L, 5_000L);
    }

    @Test
    void shouldStreamASubscriptionsSnapshotThenEachEpochsNetChangesInOrder() {
        open();
        Catalog catalog = createCountView(2, scan());
        commit(catalog, change(1, 10, 1), change(2, 10, 1), change(3, 20, 1));
        dataflow.flush();
        try (Subscription subscription = dataflow.subscribe(view(catalog), true, 1000)) {
            long start = subscription.startEpoch();
            assertThat(start).isPositive();
            assertThat(changes(subscription.poll(100, 0, () -> { })))
                    .containsExactlyInAnyOrder(List.of(start, 1L, 10L, 2L), List.of(start, 1L, 20L, 1L));

            // Two transactions in one epoch net to one change per row: group 10 goes 2 -> 1 -> 2.
            commit(catalog, change(1, 10, -1));
            commit(catalog, change(4, 10, 1), change(5, 30, 1));
            dataflow.flush();
            List<Subscription.Change> next = subscription.poll(100, TimeUnit.SECONDS.toNanos(5), () -> { });
            long epoch = next.get(0).epoch();
            assertThat(epoch).isGreaterThan(start);
            assertThat(changes(next)).containsExactly(List.of(epoch, 1L, 30L, 1L));

            commit(catalog, change(5, 30, -1), change(3, 20, -1), change(6, 20, 1), change(7, 20, 1));
            dataflow.flush();
            List<Subscription.Change> last = subscription.poll(100, TimeUnit.SECONDS.toNanos(5), () -> { });
            long later = last.get(0).epoch();
            assertThat(later).isGreaterThan(epoch);
            // Deletions first, then insertions.
            assertThat(changes(last)).containsExactly(List.of(later, -1L, 30L, 1L), List.of(later, -1L, 20L, 1L),
                    List.of(later, 1L, 20L, 2L));
            assertThat(subscription.poll(100, 0, () -> { })).isEmpty();
        }
    }

    @Test
    void shouldStartWithoutSnapshotAndNumberEpochsOnAcrossRestarts() {
        open();
        Catalog catalog = createCountView(2, scan());
        commit(catalog, change(1, 10, 1));
        dataflow.flush();
        long before;
        try (Subscription subscription = dataflow.subscribe(view(catalog), false, 1000)) {
            before = subscription.startEpoch();
            assertThat(subscription.poll(10, 0, () -> { })).isEmpty();
        }
        reopen(catalog);
        try (Subscription subscription = dataflow.subscribe(view(catalog), false, 1000)) {
            assertThat(subscription.startEpoch()).isEqualTo(before);
            commit(catalog, change(2, 10, 1));
            dataflow.flush();
            List<Subscription.Change> changes = subscription.poll(10, TimeUnit.SECONDS.toNanos(5), () -> { });
            assertThat(changes(changes)).containsExactly(List.of(before + 1, -1L, 10L, 1L),
                    List.of(before + 1, 1L, 10L, 2L));
        }
    }

    @Test
    void shouldEndASubscriberThatFallsBehindWithoutHoldingUpTheViews() {
        open();
        Catalog catalog = createCountView(2, scan());
        try (Subscription subscription = dataflow.subscribe(view(catalog), false, 3)) {
            commit(catalog, change(1, 10, 1), change(2, 20, 1));
            dataflow.flush();
            commit(catalog, change(3, 30, 1), change(4, 40, 1));
            dataflow.flush();
            assertThat(viewRows(catalog)).hasSize(4);
            assertThatThrownBy(() -> subscription.poll(10, 0, () -> { }))
                    .isInstanceOfSatisfying(FreshetException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(ErrorCode.CONFIGURATION_LIMIT_EXCEEDED))
                    .hasMessageContaining("fell 4 rows behind");
        }
    }

    @Test
    void shouldEndSubscriptionsOfADroppedViewAfterTheirBufferedChanges() {
        open();
        Catalog catalog = createCountView(2, scan());
        try (Subscription subscription = dataflow.subscribe(view(catalog), false, 100)) {
            commit(catalog, change(1, 10, 1));
            dataflow.flush();
            dataflow.drop(List.of(view(catalog)), writer -> { });
            assertThat(changes(subscription.poll(10, 0, () -> { }))).hasSize(1);
            assertThatThrownBy(() -> subscription.poll(10, 0, () -> { }))
                    .isInstanceOfSatisfying(FreshetException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(ErrorCode.UNDEFINED_TABLE))
                    .hasMessageContaining("v2 was dropped");
        }
    }

    @Test
    void shouldStopWaitingForChangesWhenTheStatementIsCanceled() {
        open();
        Catalog catalog = createCountView(2, scan());
        try (Subscription subscription = dataflow.subscribe(view(catalog), false, 100)) {
            assertThatThrownBy(() -> subscription.poll(10, -1, () -> {
                throw new FreshetException(ErrorCode.QUERY_CANCELED, "canceled");
            })).hasMessage("canceled");
        }
    }

    private static MaterializedViewDescriptor view(Catalog catalog) {
        return (MaterializedViewDescriptor) catalog.findById(2).orElseThrow();
    }

    private static List<List<Object>> changes(List<Subscription.Change> changes) {
        List<List<Object>> rows = new ArrayList<>();
        for (Subscription.Change change : changes) {
            List<Object> row = new ArrayList<>(List.of(change.epoch(), change.diff()));
            row.addAll(Arrays.asList(change.row()));
            rows.add(row);
        }
        return rows;
    }

    private void open() {
        storage = StorageEngines.open(directory, StorageOptions.defaults());
        dataflow = Dataflow.open(storage, DataflowOptions.defaults().withWorkers(2));
        dataflow.start(Catalog.of(List.of(TABLE)));
    }

    private void reopen(Catalog catalog) {
        dataflow.close();
        storage.close();
        storage = StorageEngines.open(directory, StorageOptions.defaults());
        dataflow = Dataflow.open(storage, DataflowOptions.defaults().withWorkers(2));
        for (CatalogObject object : catalog.objects()) {
            if (object instanceof MaterializedViewDescriptor view) {
                dataflow.restore(view, plan(view.id() == 2 ? scan() : brokenCalc()), catalog);
            }
        }
        dataflow.start(catalog);
    }

    /** A calc whose expressions fail as a bug in an operator would. */
    private static StreamNode brokenCalc() {
        CompiledExpressions failing = new CompiledExpressions("fails", 2, () -> row -> {
            throw new AssertionError("an operator bug");
        });
        return new StreamCalc(scan(), null, failing, List.of("id", "g"), List.of(BIGINT, BIGINT), List.of(),
                Map.of());
    }

    private static StreamScan scan() {
        return new StreamScan(TABLE.id(), "t", ObjectKind.TABLE, List.of("id", "g"), List.of(BIGINT, BIGINT),
                List.of(0), false, Map.of());
    }

    private static StreamPlan plan(StreamNode input) {
        StreamAggregate count = new StreamAggregate(input, List.of(1),
                List.of(new AggregateCall(AggregateCall.Function.COUNT, List.of(), false, -1, List.of(), BIGINT, "n")),
                List.of("g", "n"), List.of(BIGINT, BIGINT));
        return new StreamPlan(count, List.of(new ColumnDescriptor("g", BIGINT, true, null),
                new ColumnDescriptor("n", BIGINT, false, null)), List.of(0), List.of(TABLE.id()));
    }

    private Catalog createCountView(long viewId, StreamNode input) {
        return createCountView(Catalog.of(List.of(TABLE)), viewId, input);
    }

    private Catalog createCountView(Catalog catalog, long viewId, StreamNode input) {
        StreamPlan plan = plan(input);
        List<Long> keyspaces = new ArrayList<>();
        for (int i = 0; i < plan.stateTableCount(); i++) {
            keyspaces.add(viewId + 1 + i);
        }
        MaterializedViewDescriptor view = new MaterializedViewDescriptor(viewId, "v" + viewId, plan.columns(), "q",
                List.of(TABLE.id()), "CREATE MATERIALIZED VIEW", plan.key(), false, keyspaces, plan.explain("v"),
                Map.of(), false);
        dataflow.create(view, plan, catalog, writer -> { });
        return catalog.with(view);
    }

    private void commit(Catalog catalog, Object[]... changes) {
        TableChanges tableChanges = new TableChanges();
        for (Object[] change : changes) {
            tableChanges.add(TABLE.id(), Arrays.copyOf(change, 2), (Long) change[2]);
        }
        long sequence;
        try (StorageWriter writer = storage.beginBatch()) {
            sequence = dataflow.append(writer, tableChanges, catalog);
            writer.commit();
        }
        dataflow.committed(sequence, tableChanges);
    }

    private static Object[] change(long id, long group, long weight) {
        return new Object[] {id, group, weight};
    }

    private List<List<Object>> viewRows(Catalog catalog) {
        MaterializedViewDescriptor view = (MaterializedViewDescriptor) catalog.findById(2).orElseThrow();
        List<List<Object>> rows = new ArrayList<>();
        try (ReadView read = dataflow.openConsistentView();
                CloseableIterator<Object[]> iterator = StateTables.create(TableStorage.viewLayout(view))
                        .prefixScan(read, new Object[0])) {
            while (iterator.hasNext()) {
                rows.add(Arrays.asList(iterator.next()));
            }
        }
        return rows;
    }
}
