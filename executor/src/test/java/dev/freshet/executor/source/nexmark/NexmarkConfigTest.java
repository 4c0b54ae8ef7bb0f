package dev.freshet.executor.source.nexmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/** The configuration's defaults are the Flink harness's, and nonsense is refused with a reason. */
class NexmarkConfigTest {
    @Test
    void shouldDefaultToTheHarnessParameters() {
        NexmarkConfig config = NexmarkConfig.defaults();

        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.firstEvent()).isZero();
        assertThat(config.eventCount()).isEqualTo(10_000_000L);
        assertThat(config.eventsPerSecond()).isEqualTo(10_000_000L);
        assertThat(config.baseTimeMillis()).isEqualTo(1_704_067_200_000L);
        assertThat(config.totalProportion()).isEqualTo(50);
        assertThat(config.endEvent()).isEqualTo(10_000_000L);
    }

    @Test
    void shouldRefuseANegativeEventCount() {
        assertThatThrownBy(() -> NexmarkConfig.defaults().withEvents(0, -1))
                .isInstanceOf(FreshetException.class)
                .hasMessage("nexmark: the number of events must not be negative: -1")
                .extracting(error -> ((FreshetException) error).errorCode())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void shouldRefuseARangePastTheLargestEventNumber() {
        assertThatThrownBy(() -> NexmarkConfig.defaults().withEvents(10, Long.MAX_VALUE))
                .isInstanceOf(FreshetException.class)
                .hasMessageContaining("run past the largest event number");
    }

    @Test
    void shouldRefuseAZeroEventTimeRate() {
        assertThatThrownBy(() -> NexmarkConfig.defaults().withEventsPerSecond(0))
                .isInstanceOf(FreshetException.class)
                .hasMessage("nexmark: the event-time rate must be at least 1 event per second: 0");
    }

    @Test
    void shouldRefuseAZeroProportion() {
        assertThatThrownBy(() -> NexmarkConfig.defaults().withProportions(1, 0, 46))
                .isInstanceOf(FreshetException.class)
                .hasMessage("nexmark: the person, auction and bid proportions must each be at least 1: 1:0:46");
    }

    @Test
    void shouldMakeEventsInOtherProportions() {
        NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.defaults().withProportions(2, 2, 6));

        assertThat(generator.person(1).id()).isEqualTo(1001);
        assertThat(generator.auction(3).id()).isEqualTo(1001);
        assertThat(generator.tableOf(4)).isEqualTo(NexmarkTable.BID);
        assertThat(generator.person(10).id()).isEqualTo(1002);
    }
}
