package dev.freshet.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckCadenceTest {
    @Test
    void shouldCheckEveryFourToTenTransactions() {
        List<Integer> gaps = gapsBetweenChecks(new CheckCadence(42), 2_000);

        assertThat(gaps).isNotEmpty().allMatch(gap -> gap >= CheckCadence.FEWEST && gap <= CheckCadence.MOST);
        assertThat(gaps).contains(CheckCadence.FEWEST, CheckCadence.MOST);
    }

    @Test
    void shouldCheckTheSameTransactionsForTheSameSeed() {
        List<Integer> gaps = gapsBetweenChecks(new CheckCadence(7), 500);

        assertThat(gapsBetweenChecks(new CheckCadence(7), 500)).isEqualTo(gaps);
        assertThat(gapsBetweenChecks(new CheckCadence(8), 500)).isNotEqualTo(gaps);
    }

    @Test
    void shouldCheckAtOnceWhenAskedAndStartANewCount() {
        CheckCadence cadence = new CheckCadence(3);

        assertThat(cadence.isDue(true)).isTrue();
        for (int transaction = 1; transaction < CheckCadence.FEWEST; transaction++) {
            assertThat(cadence.isDue(false)).as("transaction %d after the forced check", transaction).isFalse();
        }
    }

    private static List<Integer> gapsBetweenChecks(CheckCadence cadence, int transactions) {
        List<Integer> gaps = new ArrayList<>();
        int sinceCheck = 0;
        for (int transaction = 0; transaction < transactions; transaction++) {
            sinceCheck++;
            if (cadence.isDue(false)) {
                gaps.add(sinceCheck);
                sinceCheck = 0;
            }
        }
        return gaps;
    }
}
