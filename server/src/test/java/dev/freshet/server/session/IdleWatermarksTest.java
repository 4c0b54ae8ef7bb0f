package dev.freshet.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.freshet.executor.TableWatermarks;

class IdleWatermarksTest {
    private static final long ARRIVAL = 1_000_000;
    private static final long WATERMARK = 5_000;

    @Test
    void shouldKeepWatermarkUntilTimeoutHasPassed() {
        IdleWatermarks.Arrival last = new IdleWatermarks.Arrival(ARRIVAL, WATERMARK);

        assertThat(IdleWatermarks.idleWatermark(last, 30_000, ARRIVAL + 30_000)).isEqualTo(TableWatermarks.NONE);
    }

    @Test
    void shouldAdvanceWatermarkByTimeIdlePastTimeout() {
        IdleWatermarks.Arrival last = new IdleWatermarks.Arrival(ARRIVAL, WATERMARK);

        assertThat(IdleWatermarks.idleWatermark(last, 30_000, ARRIVAL + 32_500)).isEqualTo(WATERMARK + 2_500);
    }

    @Test
    void shouldNotAdvanceTableThatNeverHadWatermark() {
        IdleWatermarks.Arrival last = new IdleWatermarks.Arrival(ARRIVAL, TableWatermarks.NONE);

        assertThat(IdleWatermarks.idleWatermark(last, 30_000, ARRIVAL + 90_000)).isEqualTo(TableWatermarks.NONE);
    }

    @Test
    void shouldStopAtEndOfTimeInsteadOfOverflowing() {
        IdleWatermarks.Arrival last = new IdleWatermarks.Arrival(ARRIVAL, Long.MAX_VALUE - 10);

        assertThat(IdleWatermarks.idleWatermark(last, 30_000, ARRIVAL + 90_000)).isEqualTo(Long.MAX_VALUE);
    }
}
