package dev.freshet.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import dev.freshet.executor.source.nexmark.NexmarkConfig;
import dev.freshet.executor.source.nexmark.NexmarkGenerator;
import dev.freshet.executor.source.nexmark.NexmarkTable;

/**
 * The row counts some queries must end with, worked out from the generator the {@code nexmark}
 * connector reads (with the connector's defaults for the options the benchmark leaves out: seed
 * 42, event times 10 M events per second apart). A cheap check that a view read every event
 * once: q0 and q1 keep every bid of the first N events, q2 those whose auction is a multiple of
 * 123.
 *
 * <p>Counting makes every bid of the stream for q2, so it takes a while for large N; the answers
 * are kept per N. Not thread-safe.
 */
final class NexmarkExpectedCounts {
    private static final long Q2_MODULUS = 123;

    private final Map<Long, Counts> counts = new HashMap<>();

    /** The rows query {@code name} must end with over the first {@code events} events, or empty when unknown. */
    OptionalLong rows(String name, long events) {
        return switch (name) {
            case "q0", "q1" -> OptionalLong.of(countsFor(events).bids());
            case "q2" -> OptionalLong.of(countsFor(events).q2Bids());
            default -> OptionalLong.empty();
        };
    }

    private record Counts(long bids, long q2Bids) {
    }

    private Counts countsFor(long events) {
        return counts.computeIfAbsent(events, NexmarkExpectedCounts::count);
    }

    private static Counts count(long events) {
        NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.defaults().withEvents(0, events));
        long bids = 0;
        long q2Bids = 0;
        for (long event = 0; event < events; event++) {
            if (generator.tableOf(event) == NexmarkTable.BID) {
                bids++;
                if (generator.bid(event).auction() % Q2_MODULUS == 0) {
                    q2Bids++;
                }
            }
        }
        return new Counts(bids, q2Bids);
    }
}
