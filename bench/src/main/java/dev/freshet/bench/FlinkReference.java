package dev.freshet.bench;

import java.util.Map;
import java.util.Optional;

/**
 * Apache Flink 1.20.1 SQL's events per second per core on this machine class, from the table in
 * NEXMARK.md §3 (measured 2026-11-22 by the side-by-side harness in {@code bench/flink-nexmark}
 * beside that file): the RocksDB state backend where it was measured, else the heap one. Flink
 * ran with parallelism 2, mini-batch on and no checkpoints, each figure the median of 3 fresh
 * JVMs after a 1 M-event warm-up, at the event count given here. Update this table when
 * NEXMARK.md's changes.
 */
final class FlinkReference {
    /** One figure: events/s per core, the state backend, and how many events that run had. */
    record Figure(long eventsPerSecondPerCore, String backend, long events) {
    }

    private static final long M = 1_000_000L;

    private static final Map<String, Figure> FIGURES = Map.ofEntries(
            Map.entry("q0", new Figure(389_408, "rocksdb", 10 * M)),
            Map.entry("q1", new Figure(423_908, "hashmap", 10 * M)),
            Map.entry("q2", new Figure(459_982, "hashmap", 10 * M)),
            Map.entry("q3", new Figure(353_357, "rocksdb", 5 * M)),
            Map.entry("q4", new Figure(62_170, "rocksdb", 2 * M)),
            Map.entry("q5", new Figure(108_178, "rocksdb", 5 * M)),
            Map.entry("q7", new Figure(59_648, "rocksdb", 2 * M)),
            Map.entry("q8", new Figure(235_682, "rocksdb", 10 * M)),
            Map.entry("q9", new Figure(50_063, "rocksdb", 2 * M)),
            Map.entry("q11", new Figure(69_881, "rocksdb", 5 * M)),
            Map.entry("q12", new Figure(259_808, "hashmap", 10 * M)),
            Map.entry("q14", new Figure(387_747, "hashmap", 10 * M)),
            Map.entry("q15", new Figure(104_188, "rocksdb", 5 * M)),
            Map.entry("q16", new Figure(29_326, "rocksdb", 1 * M)),
            Map.entry("q17", new Figure(193_949, "rocksdb", 5 * M)),
            Map.entry("q18", new Figure(125_945, "rocksdb", 2 * M)),
            Map.entry("q19", new Figure(93_738, "hashmap", 5 * M)),
            Map.entry("q20", new Figure(99_280, "hashmap", 4 * M)),
            Map.entry("q21", new Figure(225_836, "hashmap", 10 * M)),
            Map.entry("q22", new Figure(330_688, "hashmap", 10 * M)));

    private FlinkReference() {
    }

    /** Flink's figure for {@code query}, or empty when NEXMARK.md has none. */
    static Optional<Figure> of(String query) {
        return Optional.ofNullable(FIGURES.get(query));
    }
}
