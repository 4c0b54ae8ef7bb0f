package dev.freshet.server.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.calcite.DataContext;

import dev.freshet.executor.BadRecords;
import dev.freshet.executor.LateRows;
import dev.freshet.executor.SinkStatus;
import dev.freshet.executor.SubscriptionStatus;
import dev.freshet.executor.SourceProgress;
import dev.freshet.executor.StateTableInfo;
import dev.freshet.executor.TableWatermarks;
import dev.freshet.planner.CatalogObject;
import dev.freshet.planner.MaterializedViewDescriptor;
import dev.freshet.planner.SinkDescriptor;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.planner.TableReader;
import dev.freshet.storage.KvReader;

/**
 * Freshet's own system tables, in schema {@code freshet_catalog}: what event time and the
 * dataflow are doing. Like the PostgreSQL catalogs they are views computed per scan, never
 * stored, and they appear in {@code pg_class} and {@code information_schema.tables}.
 *
 * <p>What is stored with the data (tables' watermarks, late rows and their counts, state table
 * rows) is read in the statement's own storage read, so it agrees with the tables and views the
 * same statement reads. What only the running dataflow knows (a view's output watermark, which
 * state tables a view has) is its latest published copy, which may be an epoch newer.
 *
 * <p>Column names avoid {@code row} and {@code rows}, which Freshet's grammar reserves: a column
 * named so could only be selected quoted.
 */
final class FreshetCatalogTables {
    private static final String SCHEMA = PgCatalogSnapshot.FRESHET_CATALOG;

    static final SystemTableDefinition WATERMARKS = view("watermarks", 13201)
            .column("object_name", PgType.TEXT).column("object_kind", PgType.TEXT)
            .column("watermark", PgType.TIMESTAMP).column("watermark_column", PgType.TEXT)
            .column("late_rows", PgType.INT8).build();

    static final SystemTableDefinition LATE_ROWS = view("late_rows", 13202)
            .column("object_name", PgType.TEXT).column("row_text", PgType.TEXT)
            .column("event_time", PgType.TIMESTAMP).column("watermark", PgType.TIMESTAMP)
            .column("arrived_at", PgType.TIMESTAMPTZ).build();

    static final SystemTableDefinition STATE_TABLES = view("state_tables", 13203)
            .column("view_name", PgType.TEXT).column("operator", PgType.TEXT).column("keyspace", PgType.INT8)
            .column("row_count", PgType.INT8).build();

    static final SystemTableDefinition SOURCE_OFFSETS = view("source_offsets", 13204)
            .column("source_name", PgType.TEXT).column("view_name", PgType.TEXT).column("split", PgType.INT4)
            .column("read_offset", PgType.INT8).column("backlog", PgType.INT8).column("finished", PgType.BOOL)
            .column("watermark", PgType.TIMESTAMP).column("problem", PgType.TEXT).build();

    static final SystemTableDefinition BAD_RECORDS = view("bad_records", 13205)
            .column("source_name", PgType.TEXT).column("view_name", PgType.TEXT).column("split", PgType.INT4)
            .column("record_offset", PgType.INT8).column("raw_text", PgType.TEXT).column("reason", PgType.TEXT)
            .column("arrived_at", PgType.TIMESTAMPTZ).build();

    static final SystemTableDefinition SINKS = view("sinks", 13206)
            .column("sink_name", PgType.TEXT).column("input_name", PgType.TEXT).column("connector", PgType.TEXT)
            .column("batches_written", PgType.INT8).column("batches_delivered", PgType.INT8)
            .column("problem", PgType.TEXT).build();

    static final SystemTableDefinition SUBSCRIPTIONS = view("subscriptions", 13208)
            .column("view_name", PgType.TEXT).column("start_epoch", PgType.INT8).column("last_epoch", PgType.INT8)
            .column("buffered_rows", PgType.INT8).column("problem", PgType.TEXT).build();

    /** One row: the server's plans made and cached plans reused since it started. */
    static final SystemTableDefinition PLAN_CACHE = view("plan_cache", 13207)
            .column("plans", PgType.INT8).column("cache_hits", PgType.INT8).build();

    private FreshetCatalogTables() {
    }

    /** Every table of freshet_catalog, with its rows. */
    static List<SystemTableSource> sources() {
        return List.of(
                new SystemTableSource(WATERMARKS, FreshetCatalogTables::watermarks),
                new SystemTableSource(LATE_ROWS, FreshetCatalogTables::lateRows),
                new SystemTableSource(STATE_TABLES, FreshetCatalogTables::stateTables),
                new SystemTableSource(SOURCE_OFFSETS, FreshetCatalogTables::sourceOffsets),
                new SystemTableSource(BAD_RECORDS, FreshetCatalogTables::badRecords),
                new SystemTableSource(SINKS, FreshetCatalogTables::sinks),
                new SystemTableSource(SUBSCRIPTIONS, FreshetCatalogTables::subscriptions),
                new SystemTableSource(PLAN_CACHE, FreshetCatalogTables::planCache));
    }

    /**
     * Statements (queries and DML) the sessions planned, and those a session served from its plan
     * cache instead, since the server started: a statement sent again and again by a client
     * should add to {@code cache_hits}, not to {@code plans}.
     */
    private static List<Object[]> planCache(PgCatalogSnapshot snapshot, DataContext context) {
        SystemRows rows = new SystemRows(PLAN_CACHE);
        rows.add().set("plans", snapshot.planCounters().plans())
                .set("cache_hits", snapshot.planCounters().cacheHits());
        return rows.rows();
    }

    private static SystemTableDefinition.Builder view(String name, long oid) {
        return SystemTableDefinition.builder(SCHEMA, name, oid, "v");
    }

    /**
     * One row per table declared with {@code WATERMARK FOR} (its stored watermark and late-row
     * count), per source with a watermark (the least of the watermarks of the views reading it,
     * each of which reads at its own pace) and per materialized view (its output watermark as the
     * dataflow last applied it), in creation order.
     */
    private static List<Object[]> watermarks(PgCatalogSnapshot snapshot, DataContext context) {
        KvReader storage = storage(context);
        Map<Long, Long> applied = snapshot.dataflow().watermarks();
        SystemRows rows = new SystemRows(WATERMARKS);
        List<CatalogObject> objects = new ArrayList<>(snapshot.catalog().objects());
        objects.sort(Comparator.comparingLong(CatalogObject::id));
        for (CatalogObject object : objects) {
            if (object instanceof TableDescriptor table && table.watermark() != null) {
                rows.add().set("object_name", table.name()).set("object_kind", "table")
                        .set("watermark", knownTime(TableWatermarks.read(storage, table.id())))
                        .set("watermark_column", table.watermark().column())
                        .set("late_rows", LateRows.count(storage, table.id()));
            } else if (object instanceof SourceDescriptor source && source.watermark() != null) {
                long least = Long.MAX_VALUE;
                boolean read = false;
                for (SourceProgress progress : snapshot.dataflow().sources()) {
                    if (progress.sourceId() == source.id()) {
                        least = Math.min(least, progress.watermark());
                        read = true;
                    }
                }
                rows.add().set("object_name", source.name()).set("object_kind", "source")
                        .set("watermark", read ? knownTime(least) : null)
                        .set("watermark_column", source.watermark().column())
                        .set("late_rows", LateRows.count(storage, source.id()));
            } else if (object instanceof MaterializedViewDescriptor view) {
                rows.add().set("object_name", view.name()).set("object_kind", "materialized view")
                        .set("watermark", knownTime(applied.getOrDefault(view.id(), Long.MIN_VALUE)))
                        .set("late_rows", 0L);
            }
        }
        return rows.rows();
    }

    /** The retained late rows of the objects that still exist, in arrival order. */
    private static List<Object[]> lateRows(PgCatalogSnapshot snapshot, DataContext context) {
        Map<Long, String> names = names(snapshot);
        SystemRows rows = new SystemRows(LATE_ROWS);
        for (LateRows.LateRow late : LateRows.retained(storage(context))) {
            String name = names.get(late.objectId());
            // A dropped table's late rows stay stored until newer ones push them out.
            if (name != null) {
                rows.add().set("object_name", name).set("row_text", late.row()).set("event_time", late.eventTime())
                        .set("watermark", knownTime(late.watermark())).set("arrived_at", late.arrivedAt());
            }
        }
        return rows.rows();
    }

    /**
     * One row per split of every source each materialized view reads: where the view stands in
     * it as of the dataflow's last epoch, and what keeps it from reading, if anything (a source
     * whose splits are not known yet, say a Kafka topic that does not exist, has one row without
     * a split).
     */
    private static List<Object[]> sourceOffsets(PgCatalogSnapshot snapshot, DataContext context) {
        Map<Long, String> names = names(snapshot);
        SystemRows rows = new SystemRows(SOURCE_OFFSETS);
        for (SourceProgress progress : snapshot.dataflow().sources()) {
            boolean split = progress.split() != SourceProgress.NO_SPLIT;
            rows.add().set("source_name", names.get(progress.sourceId()))
                    .set("view_name", names.get(progress.viewId())).set("split", split ? progress.split() : null)
                    .set("read_offset", split ? progress.position() : null)
                    .set("backlog", progress.backlog() < 0 ? null : progress.backlog())
                    .set("finished", progress.finished()).set("watermark", knownTime(progress.watermark()))
                    .set("problem", progress.problem());
        }
        return rows.rows();
    }

    /** The retained bad records of the sources that still exist, in arrival order. */
    private static List<Object[]> badRecords(PgCatalogSnapshot snapshot, DataContext context) {
        Map<Long, String> names = names(snapshot);
        SystemRows rows = new SystemRows(BAD_RECORDS);
        for (BadRecords.BadRecord bad : BadRecords.retained(storage(context))) {
            String source = names.get(bad.sourceId());
            if (source != null) {
                rows.add().set("source_name", source).set("view_name", names.get(bad.viewId()))
                        .set("split", bad.split()).set("record_offset", bad.offset() < 0 ? null : bad.offset())
                        .set("raw_text", bad.raw()).set("reason", bad.reason()).set("arrived_at", bad.arrivedAt());
            }
        }
        return rows.rows();
    }

    /**
     * One row per sink: how many batches of records its epochs have written to its outbox, how
     * many the external system has taken (NULL until it has said), and why delivery stalls, if it
     * does. A {@code CREATE SINK ... AS query} sink's input is its own query, named after the sink.
     */
    private static List<Object[]> sinks(PgCatalogSnapshot snapshot, DataContext context) {
        Map<Long, String> names = names(snapshot);
        Map<Long, SinkStatus> statuses = new HashMap<>();
        for (SinkStatus status : snapshot.dataflow().sinks()) {
            statuses.put(status.sinkId(), status);
        }
        SystemRows rows = new SystemRows(SINKS);
        List<CatalogObject> objects = new ArrayList<>(snapshot.catalog().objects(dev.freshet.planner.ObjectKind.SINK));
        objects.sort(Comparator.comparingLong(CatalogObject::id));
        for (CatalogObject object : objects) {
            SinkDescriptor sink = (SinkDescriptor) object;
            SinkStatus status = statuses.get(sink.id());
            rows.add().set("sink_name", sink.name())
                    .set("input_name", sink.view() == null ? names.get(sink.inputId()) : sink.name())
                    .set("connector", sink.connector())
                    .set("batches_written", status == null ? null : status.written())
                    .set("batches_delivered", status == null || status.delivered() < 0 ? null : status.delivered())
                    .set("problem", status == null ? null : status.problem());
        }
        return rows.rows();
    }

    /**
     * One row per open subscription: its view, the epoch its snapshot is of, the last epoch whose
     * changes reached it, the rows waiting for its subscriber, and why it ended if it did (the
     * subscriber has not read that yet).
     */
    private static List<Object[]> subscriptions(PgCatalogSnapshot snapshot, DataContext context) {
        SystemRows rows = new SystemRows(SUBSCRIPTIONS);
        for (SubscriptionStatus status : snapshot.dataflow().subscriptions()) {
            rows.add().set("view_name", status.viewName()).set("start_epoch", status.startEpoch())
                    .set("last_epoch", status.lastEpoch()).set("buffered_rows", status.bufferedRows())
                    .set("problem", status.problem());
        }
        return rows.rows();
    }

    private static Map<Long, String> names(PgCatalogSnapshot snapshot) {
        Map<Long, String> names = new HashMap<>();
        for (CatalogObject object : snapshot.catalog().objects()) {
            names.put(object.id(), object.name());
            if (object instanceof SinkDescriptor sink && sink.view() != null) {
                // The view of a CREATE SINK ... AS query reads the sources for the sink.
                names.put(sink.view().id(), sink.name());
            }
        }
        return names;
    }

    /** One row per state table of every maintained view, with its committed row count. */
    private static List<Object[]> stateTables(PgCatalogSnapshot snapshot, DataContext context) {
        KvReader storage = storage(context);
        SystemRows rows = new SystemRows(STATE_TABLES);
        for (StateTableInfo table : snapshot.dataflow().stateTables()) {
            rows.add().set("view_name", table.viewName()).set("operator", table.operator())
                    .set("keyspace", table.keyspace()).set("row_count", table.countRows(storage));
        }
        return rows.rows();
    }

    /** A watermark as a timestamp value; NULL when none is known yet or none holds the object back. */
    private static Long knownTime(long watermark) {
        if (watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE) {
            return null;
        }
        return watermark;
    }

    private static KvReader storage(DataContext context) {
        if (TableReader.of(context) instanceof StorageTableReader reader) {
            return reader.storage();
        }
        throw new IllegalStateException("freshet_catalog was scanned by a statement that reads no storage");
    }
}
