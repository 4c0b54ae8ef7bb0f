package dev.freshet.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CatalogCodecTest {
    @Test
    void shouldRoundTripTableWithKeyDefaultAndWatermark() {
        TableDescriptor table = new TableDescriptor(42, "bids", List.of(
                new ColumnDescriptor("auction", DataType.of(DataType.Kind.BIGINT), false, null),
                new ColumnDescriptor("price", DataType.decimal(10, 2), true, "0"),
                new ColumnDescriptor("date_time", DataType.of(DataType.Kind.TIMESTAMP), true, null)),
                List.of(0), new WatermarkDescriptor("date_time", "date_time - INTERVAL '4' SECOND"),
                "CREATE TABLE bids (...)");

        assertThat(CatalogCodec.decode(CatalogCodec.encode(table))).isEqualTo(table);
    }

    @Test
    void shouldRoundTripWatermarkIdleTimeout() {
        TableDescriptor table = new TableDescriptor(42, "bids", List.of(
                new ColumnDescriptor("date_time", DataType.of(DataType.Kind.TIMESTAMP), true, null)),
                List.of(), new WatermarkDescriptor("date_time", "date_time", 0), "CREATE TABLE bids (...)");

        assertThat(CatalogCodec.decode(CatalogCodec.encode(table))).isEqualTo(table);
    }

    @Test
    void shouldGiveTablesStoredWithoutIdleTimeoutTheDefault() {
        // What a version without idle timeouts wrote.
        String stored = "{\"kind\":\"table\",\"id\":42,\"name\":\"bids\",\"columns\":[{\"name\":\"date_time\","
                + "\"type\":{\"kind\":\"TIMESTAMP\",\"precision\":-1,\"scale\":-1},\"nullable\":true,"
                + "\"defaultExpression\":null}],"
                + "\"primaryKey\":[],\"watermark\":{\"column\":\"date_time\",\"expression\":\"date_time\"},"
                + "\"definition\":\"CREATE TABLE bids (...)\"}";

        TableDescriptor table = (TableDescriptor) CatalogCodec.decode(stored.getBytes(StandardCharsets.UTF_8));

        assertThat(table.watermark()).isEqualTo(new WatermarkDescriptor("date_time", "date_time",
                WatermarkDescriptor.DEFAULT_IDLE_TIMEOUT_MILLIS));
    }

    @Test
    void shouldKeepTheCountedLayoutOfAppendOnlyViewsStoredBeforeRowIds() {
        // What a version without row ids wrote for SELECT * FROM a source: append-only, no key.
        String stored = "{\"kind\":\"materialized_view\",\"id\":44,\"name\":\"raw\",\"columns\":[{\"name\":\"n\","
                + "\"type\":{\"kind\":\"BIGINT\",\"precision\":-1,\"scale\":-1},\"nullable\":true,"
                + "\"defaultExpression\":null}],\"query\":\"SELECT n FROM s\",\"dependencies\":[42],"
                + "\"definition\":\"CREATE MATERIALIZED VIEW raw AS SELECT n FROM s\",\"key\":[],\"appendOnly\":true,"
                + "\"stateKeyspaces\":[],\"plan\":\"StreamScan\",\"watermarkColumns\":{}}";

        MaterializedViewDescriptor view = (MaterializedViewDescriptor) CatalogCodec.decode(
                stored.getBytes(StandardCharsets.UTF_8));

        assertThat(view.rowIds()).isFalse();
        assertThat(view.counted()).isTrue();
        MaterializedViewDescriptor stamped = new MaterializedViewDescriptor(45, "raw2", view.columns(), view.query(),
                view.dependencies(), view.definition(), List.of(), true, List.of(), view.plan(), Map.of(), true);
        assertThat(CatalogCodec.decode(CatalogCodec.encode(stamped))).isEqualTo(stamped);
        assertThat(stamped.counted()).isFalse();
        assertThat(stamped.storedTable().hasHiddenRowId()).isTrue();
    }

    @Test
    void shouldRoundTripViewWithDependencies() {
        ViewDescriptor view = new ViewDescriptor(43, "v", List.of(
                new ColumnDescriptor("n", DataType.of(DataType.Kind.BIGINT), false, null)),
                "SELECT count(*) AS n FROM bids", List.of(42L), "CREATE VIEW v AS SELECT count(*) AS n FROM bids");

        assertThat(CatalogCodec.decode(CatalogCodec.encode(view))).isEqualTo(view);
    }

    @Test
    void shouldRefuseBytesThatAreNoCatalogObject() {
        assertThatThrownBy(() -> CatalogCodec.decode("{\"kind\":\"nope\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corrupt catalog entry");
    }
}
