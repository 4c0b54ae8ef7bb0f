package dev.freshet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NexmarkExpectedCountsTest {
    @Test
    void shouldCountFortySixBidsInEveryFiftyEventsForQ0AndQ1() {
        NexmarkExpectedCounts counts = new NexmarkExpectedCounts();

        assertThat(counts.rows("q0", 100).getAsLong()).isEqualTo(92);
        assertThat(counts.rows("q1", 120).getAsLong()).isEqualTo(92 + 16);
    }

    @Test
    void shouldCountOnlyTheBidsOnAuctionsThatAreMultiplesOf123ForQ2() {
        NexmarkExpectedCounts counts = new NexmarkExpectedCounts();

        long q2 = counts.rows("q2", 200_000).getAsLong();

        assertThat(q2).isPositive().isLessThan(counts.rows("q0", 200_000).getAsLong());
    }

    @Test
    void shouldCountTheRowsOfTheJoinsAsAServerComputedThemOver200000Events() {
        NexmarkExpectedCounts counts = new NexmarkExpectedCounts();

        assertThat(counts.rows("q3", 200_000).getAsLong()).isEqualTo(1_453);
        assertThat(counts.rows("q9", 200_000).getAsLong()).isEqualTo(11_988);
        assertThat(counts.rows("q17", 200_000).getAsLong()).isEqualTo(11_992);
        assertThat(counts.rows("q20", 200_000).getAsLong()).isEqualTo(32_156);
    }

    @Test
    void shouldNotKnowTheCountOfOtherQueries() {
        assertThat(new NexmarkExpectedCounts().rows("q5", 1000)).isEmpty();
    }
}
