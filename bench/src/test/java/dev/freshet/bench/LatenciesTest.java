package dev.freshet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {
    private static final long MILLISECOND = 1_000_000L;

    @Test
    void shouldReportNearestRankPercentilesWhateverTheOrderOfSamples() {
        Latencies latencies = new Latencies();
        for (long sample = 100; sample >= 1; sample--) {
            latencies.add(sample * MILLISECOND);
        }

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(90)).isEqualTo(90.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    }

    @Test
    void shouldRoundTheRankUpWhenItFallsBetweenSamples() {
        Latencies latencies = new Latencies();
        latencies.add(1 * MILLISECOND);
        latencies.add(2 * MILLISECOND);
        latencies.add(3 * MILLISECOND);

        // 50% of 3 samples is rank 1.5: the 2nd smallest.
        assertThat(latencies.percentileMillis(50)).isEqualTo(2.0);
        assertThat(latencies.percentileMillis(1)).isEqualTo(1.0);
    }

    @Test
    void shouldNotSkipARankWhenThePercentileTimesCountIsInexactInFloatingPoint() {
        Latencies latencies = new Latencies();
        for (long sample = 1; sample <= 1000; sample++) {
            latencies.add(sample * MILLISECOND);
        }

        // 99.9 / 100 * 1000 is 999.0000000000001 in doubles; the rank is 999.
        assertThat(latencies.percentileMillis(99.9)).isEqualTo(999.0);
    }

    @Test
    void shouldSummarizeInMillisecondsWithTheSampleCount() {
        Latencies latencies = new Latencies();
        latencies.add(1_500_000L);

        assertThat(latencies.summary())
                .isEqualTo("p50 1.50 ms, p90 1.50 ms, p99 1.50 ms, max 1.50 ms (1 samples)");
    }

    @Test
    void shouldRefusePercentilesWhenThereAreNoSamples() {
        assertThatThrownBy(() -> new Latencies().percentileMillis(50))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseANegativeLatency() {
        assertThatThrownBy(() -> new Latencies().add(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
