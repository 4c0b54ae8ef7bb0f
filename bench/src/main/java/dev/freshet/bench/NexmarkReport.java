package dev.freshet.bench;

import static java.lang.String.format;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import dev.freshet.bench.NexmarkOutcome.Failed;
import dev.freshet.bench.NexmarkOutcome.Measured;
import dev.freshet.bench.NexmarkOutcome.Refused;

/**
 * The benchmark's results as Markdown: a summary table shaped like NEXMARK.md §3's (a row per
 * query, medians over its measured runs, Flink's per-core figure beside Freshet's), a table of
 * every run, and the refusals, failures and row-count mismatches in words.
 *
 * <p>Each median is taken on its own column, as the Flink harness's summary does: the median
 * events/s, the median cores and the median events/s per core may come from different runs.
 */
final class NexmarkReport {
    private final Map<String, List<NexmarkOutcome>> outcomes = new LinkedHashMap<>();

    /** Adds the outcome of one run of {@code query}; a query's rows appear in the order first added. */
    void add(String query, NexmarkOutcome outcome) {
        outcomes.computeIfAbsent(query, name -> new ArrayList<>()).add(outcome);
    }

    /** The summary table: one row per query. */
    String summaryTable() {
        StringBuilder table = new StringBuilder();
        table.append("| query | events | runs | events/s (median) | min–max | cores used | events/s per core "
                + "| Flink per core (backend, events) | Freshet ÷ Flink |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<NexmarkOutcome>> entry : outcomes.entrySet()) {
            String query = entry.getKey();
            List<Measured> measured = measured(entry.getValue());
            String flink = FlinkReference.of(query)
                    .map(figure -> format(Locale.ROOT, "%,d (%s, %s)", figure.eventsPerSecondPerCore(),
                            figure.backend(), millions(figure.events())))
                    .orElse("");
            Optional<Refused> refused = first(entry.getValue(), Refused.class);
            if (measured.isEmpty()) {
                // A failure's message is long; the list under the tables has it.
                String why = refused.map(r -> "refused: " + r.sqlState() + " " + r.message())
                        .orElse("FAILED (see below)");
                table.append(format("| %s | | 0 of %d | %s | | | | %s | |%n", query, entry.getValue().size(),
                        cell(why), flink));
                continue;
            }
            double eventsPerSecond = median(measured, Measured::eventsPerSecond);
            double low = measured.stream().mapToDouble(Measured::eventsPerSecond).min().orElseThrow();
            double high = measured.stream().mapToDouble(Measured::eventsPerSecond).max().orElseThrow();
            double perCore = median(measured, Measured::eventsPerSecondPerCore);
            String runs = measured.size() == entry.getValue().size()
                    ? Integer.toString(measured.size())
                    : format("%d of %d", measured.size(), entry.getValue().size());
            String ratio = FlinkReference.of(query)
                    .map(figure -> format(Locale.ROOT, "%.2f×", perCore / figure.eventsPerSecondPerCore()))
                    .orElse("");
            table.append(format(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f–%,.0f K | %.2f | %,.0f | %s | %s |%n",
                    query, millions(measured.get(0).events()), runs, eventsPerSecond, low / 1e3, high / 1e3,
                    median(measured, Measured::cores), perCore, flink, ratio));
        }
        return table.toString();
    }

    /** The table of every measured run. */
    String runsTable() {
        StringBuilder table = new StringBuilder();
        table.append("| query | run | events | seconds | of which CREATE | CPU s | cores | events/s | events/s per core "
                + "| events/s after CREATE | per core after CREATE | other load (cores) | peak heap after GC "
                + "| peak heap | peak RSS | rows | expected rows |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<NexmarkOutcome>> entry : outcomes.entrySet()) {
            int run = 0;
            for (NexmarkOutcome outcome : entry.getValue()) {
                run++;
                if (outcome instanceof Measured m) {
                    table.append(format(Locale.ROOT, "| %s | %d | %,d | %.2f | %.2f | %.2f | %.2f | %,.0f | %,.0f "
                            + "| %,.0f | %,.0f | %s | %s | %s | %s | %,d | %s |%n", entry.getKey(), run, m.events(),
                            m.seconds(), m.createSeconds(), m.cpuSeconds(), m.cores(), m.eventsPerSecond(),
                            m.eventsPerSecondPerCore(), m.eventsPerSecondAfterCreate(),
                            m.eventsPerSecondPerCoreAfterCreate(), otherLoad(m), mebibytes(m.heap().peakAfterGc()),
                            mebibytes(m.heap().peakBeforeGc()), mebibytes(m.peakResidentBytes()), m.rows(),
                            expectedRows(m)));
                }
            }
        }
        return table.toString();
    }

    /** A line per refused query, failed run and row-count mismatch; empty when there is none. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<NexmarkOutcome>> entry : outcomes.entrySet()) {
            String query = entry.getKey();
            first(entry.getValue(), Refused.class).ifPresent(refused ->
                    problems.add(format("%s: refused by Freshet: SQLSTATE %s: %s", query, refused.sqlState(),
                            refused.message().replace('\n', ' '))));
            int run = 0;
            for (NexmarkOutcome outcome : entry.getValue()) {
                run++;
                if (outcome instanceof Failed failed) {
                    problems.add(format("%s run %d: FAILED: %s (server log: %s)", query, run, failed.message(),
                            failed.log()));
                } else if (outcome instanceof Measured measured && !measured.rowsAsExpected()) {
                    problems.add(format(Locale.ROOT, "%s run %d: WARNING: the view has %,d rows, but the first %,d "
                            + "events call for %,d", query, run, measured.rows(), measured.events(),
                            measured.expectedRows().getAsLong()));
                }
            }
        }
        return problems;
    }

    /** Whether a run failed or a view's rows were not those expected (a refused query is neither). */
    boolean hasFailures() {
        return outcomes.values().stream().flatMap(List::stream).anyMatch(outcome ->
                outcome instanceof Failed || outcome instanceof Measured m && !m.rowsAsExpected());
    }

    static String millions(long events) {
        return format(Locale.ROOT, "%s M", new BigDecimal(events).movePointLeft(6).stripTrailingZeros()
                .toPlainString());
    }

    /** The other load of a run in cores, or "?" when unknown. */
    static String otherLoad(Measured run) {
        if (run.otherCores() < 0) {
            return "?";
        }
        return format(Locale.ROOT, "%.2f", run.otherCores());
    }

    private static String expectedRows(Measured run) {
        if (run.expectedRows().isEmpty()) {
            return "";
        }
        return format(Locale.ROOT, "%,d", run.expectedRows().getAsLong());
    }

    static String mebibytes(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        return format(Locale.ROOT, "%,.0f MiB", bytes / (1024.0 * 1024.0));
    }

    /** The median of the values; the mean of the middle two for an even count. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        if (sorted.length % 2 == 1) {
            return sorted[middle];
        }
        return (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double median(List<Measured> runs, ToDoubleFunction<Measured> figure) {
        return median(runs.stream().mapToDouble(figure).toArray());
    }

    private static List<Measured> measured(List<NexmarkOutcome> runs) {
        return runs.stream().filter(Measured.class::isInstance).map(Measured.class::cast).toList();
    }

    private static <T extends NexmarkOutcome> Optional<T> first(List<NexmarkOutcome> runs, Class<T> kind) {
        return runs.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** Text made safe for one Markdown table cell. */
    private static String cell(String text) {
        return text.replace("\n", " ").replace("|", "\\|");
    }
}
