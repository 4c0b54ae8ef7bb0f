package dev.freshet.server.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * The counter {@code freshet_late_rows_total{object="<table>"}}: how many rows ever arrived
 * behind the watermark of each table declared with {@code WATERMARK FOR}, and were left out.
 *
 * <p>Read at each scrape from the counts stored with the data, not counted in memory: it is
 * exact after a restart or a crash, and it follows the catalog with no registration as tables
 * come and go (a new table's series starts at 0, a dropped one's disappears). A scrape costs one
 * storage read per such table. Registered with the Prometheus registry under Micrometer's,
 * because Micrometer's meters are fixed once registered.
 */
public final class LateRowsCollector implements Collector {
    /** The metric family; the text format adds {@code _total} to a counter's samples. */
    static final String NAME = "freshet_late_rows";
    static final String OBJECT_LABEL = "object";

    private final Supplier<Map<String, Long>> counts;

    /** @param counts the late-row count of each table with a watermark, by table name; called at each scrape */
    public LateRowsCollector(Supplier<Map<String, Long>> counts) {
        this.counts = requireNonNull(counts, "counts is null");
    }

    @Override
    public MetricSnapshot collect() {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(NAME)
                .help("Rows that arrived behind their table's watermark and were left out, per table");
        counts.get().forEach((object, count) -> counter.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of(OBJECT_LABEL, object)).value(count).build()));
        return counter.build();
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }
}
