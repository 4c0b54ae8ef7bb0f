package dev.freshet.bench;

import static java.lang.String.format;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latency samples in nanoseconds and their percentiles.
 *
 * <p>Percentiles are nearest-rank: the p-th percentile of n samples is the ⌈p·n/100⌉-th smallest,
 * always a latency that was measured (no interpolation), so p99 of 500 samples is the 495th and
 * five samples were slower.
 */
final class Latencies {
    private long[] nanos = new long[64];
    private int count;

    void add(long sampleNanos) {
        if (sampleNanos < 0) {
            throw new IllegalArgumentException("a latency cannot be negative: " + sampleNanos);
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = sampleNanos;
    }

    int count() {
        return count;
    }

    /**
     * The nearest-rank percentile in milliseconds.
     *
     * @throws IllegalStateException when there are no samples
     */
    double percentileMillis(double percentile) {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
        }
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        // Multiply first: 99.9 / 100 * 1000 is 999.0000000000001, whose ceiling would skip a rank.
        int rank = (int) Math.ceil(percentile * count / 100);
        return sorted[Math.max(rank, 1) - 1] / 1_000_000.0;
    }

    /** {@code p50 1.23 ms, p90 …, p99 …, max …}. */
    String summary() {
        return format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)",
                percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(100), count);
    }
}
