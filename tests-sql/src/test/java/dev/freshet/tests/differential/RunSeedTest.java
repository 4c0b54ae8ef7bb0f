package dev.freshet.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunSeedTest {
    private static final String PROPERTY = "freshet.runseedtest.seed";

    @Test
    void shouldSayHowToReplayTheRun() {
        assertThat(new RunSeed("freshet.windows.seed", -42).replay())
                .isEqualTo("replay with -Dfreshet.windows.seed=-42");
    }

    @Test
    void shouldTakeTheSeedTheSystemPropertyGives() {
        System.setProperty(PROPERTY, "1234");
        try {
            assertThat(RunSeed.read(PROPERTY)).isEqualTo(new RunSeed(PROPERTY, 1234));
        }
        finally {
            System.clearProperty(PROPERTY);
        }
    }

    @Test
    void shouldDrawANewSeedWhenThePropertyIsNotSet() {
        RunSeed first = RunSeed.read(PROPERTY);

        assertThat(RunSeed.read(PROPERTY).value()).isNotEqualTo(first.value());
    }
}
