package dev.freshet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.freshet.bench.NexmarkOutcome.Failed;
import dev.freshet.bench.NexmarkOutcome.Measured;
import dev.freshet.bench.NexmarkOutcome.Refused;

class NexmarkReportTest {
    private static final ForkedServer.HeapMarks HEAP = new ForkedServer.HeapMarks(300L << 20, 100L << 20, 1L << 30);

    @Test
    void shouldTakeTheMedianOfTheRunsAndCompareItsPerCoreFigureWithFlinks() {
        NexmarkReport report = new NexmarkReport();
        // 1 M events in 4, 2 and 5 s, each on 1.6 cores: 250, 500 and 200 K events/s.
        report.add("q0", measured(4.0, 6.4, 920_000));
        report.add("q0", measured(2.0, 3.2, 920_000));
        report.add("q0", measured(5.0, 8.0, 920_000));

        // Median 250,000 events/s, 1.60 cores, 156,250 per core; Flink's q0 is 389,408 per core.
        assertThat(report.summaryTable()).contains(
                "| q0 | 1 M | 3 | 250,000 | 200–500 K | 1.60 | 156,250 | 389,408 (rocksdb, 10 M) | 0.40× |");
    }

    @Test
    void shouldShowTheErrorOfARefusedQueryInsteadOfFigures() {
        NexmarkReport report = new NexmarkReport();
        report.add("q21", new Refused("42883", "function regexp_match(<CHARACTER>, <CHARACTER>) does not exist"));

        assertThat(report.summaryTable()).contains("| q21 | | 0 of 1 | refused: 42883 function regexp_match(");
        assertThat(report.problems()).containsExactly(
                "q21: refused by Freshet: SQLSTATE 42883: function regexp_match(<CHARACTER>, <CHARACTER>) does not exist");
        assertThat(report.hasFailures()).isFalse();
    }

    @Test
    void shouldCountAWrongRowCountAndAFailedRunAsFailures() {
        NexmarkReport report = new NexmarkReport();
        report.add("q0", new Measured(1_000_000, 2.0, 0.1, 3.0, 0.1, 0.0, HEAP, 1L << 29, 919_999,
                OptionalLong.of(920_000)));
        report.add("q4", new Failed("FLUSH failed: XX000 boom", Path.of("q4-run1/server.log")));

        assertThat(report.problems()).containsExactly(
                "q0 run 1: WARNING: the view has 919,999 rows, but the first 1,000,000 events call for 920,000",
                "q4 run 1: FAILED: FLUSH failed: XX000 boom (server log: q4-run1/server.log)");
        assertThat(report.hasFailures()).isTrue();
        assertThat(report.summaryTable()).contains("| q4 | | 0 of 1 | FAILED (see below) |");
    }

    @Test
    void shouldWriteEventCountsInMillionsAsNexmarkMdDoes() {
        assertThat(NexmarkReport.millions(10_000_000)).isEqualTo("10 M");
        assertThat(NexmarkReport.millions(20_000)).isEqualTo("0.02 M");
    }

    private static Measured measured(double seconds, double cpuSeconds, long rows) {
        return new Measured(1_000_000, seconds, 0.1, cpuSeconds, 0.1, 0.0, HEAP, 1L << 29, rows, OptionalLong.of(rows));
    }
}
