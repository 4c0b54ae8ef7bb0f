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
 * A counter per catalog object, read at each scrape from counts stored with the data:
 * {@code freshet_late_rows_total{object="<table or source>"}} (rows that arrived behind the
 * watermark and were left out) and {@code freshet_bad_records_total{object="<source>"}} (records a
 * source could not turn into rows).
 *
 * <p>Not counted in memory: the counter is exact after a restart or a crash, and it follows the
 * catalog with no registration as objects come and go (a new object's series starts at 0, a
 * dropped one's disappears). A scrape costs one storage read per object. Registered with the
 * Prometheus registry under Micrometer's, because Micrometer's meters are fixed once registered.
 */
public final class ObjectCountCollector implements Collector {
    static final String OBJECT_LABEL = "object";

    private final String name;
    private final String help;
    private final Supplier<Map<String, Long>> counts;

    /**
     * @param name the metric family; the text format adds {@code _total} to a counter's samples
     * @param counts the count of each object, by object name; called at each scrape
     */
    public ObjectCountCollector(String name, String help, Supplier<Map<String, Long>> counts) {
        this.name = requireNonNull(name, "name is null");
        this.help = requireNonNull(help, "help is null");
        this.counts = requireNonNull(counts, "counts is null");
    }

    /** {@code freshet_late_rows_total}, per table or source with a watermark. */
    public static ObjectCountCollector lateRows(Supplier<Map<String, Long>> counts) {
        return new ObjectCountCollector("freshet_late_rows",
                "Rows that arrived behind their table's or source's watermark and were left out", counts);
    }

    /** {@code freshet_bad_records_total}, per source. */
    public static ObjectCountCollector badRecords(Supplier<Map<String, Long>> counts) {
        return new ObjectCountCollector("freshet_bad_records",
                "Records a source could not decode or fit to its columns, skipped and kept in "
                        + "freshet_catalog.bad_records", counts);
    }

    @Override
    public MetricSnapshot collect() {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        counts.get().forEach((object, count) -> counter.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of(OBJECT_LABEL, object)).value(count).build()));
        return counter.build();
    }

    @Override
    public String getPrometheusName() {
        return name;
    }
}
