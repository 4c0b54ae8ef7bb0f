package dev.freshet.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

class DurationParserTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "30 s|30000",
        "30s|30000",
        "30 S|30000",
        "30 seconds|30000",
        "1 sec|1000",
        "500 ms|500",
        "500ms|500",
        "2 milliseconds|2",
        "1 min|60000",
        "2 minutes|120000",
        "1 h|3600000",
        "2 hours|7200000",
        "1 day|86400000",
        "1.5 s|1500",
        "1 min 30 s|90000",
        "' 10 s '|10000",
        "0|0",
        "0 s|0",
    })
    void shouldReadDurations(String text, long millis) {
        assertThat(DurationParser.parse("option \"t\"", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "s", "-1 s", "30 parsecs", "1 month", "1 min, 30 s", "s 30", "30 s x"})
    void shouldRefuseTextThatIsNoDuration(String text) {
        assertThatThrownBy(() -> DurationParser.parse("option \"t\"", text))
                .isInstanceOf(FreshetException.class)
                .hasMessage("invalid value for option \"t\": \"" + text + "\" (expected a duration such as "
                        + "'30 s', '500 ms', '1 min', '2 minutes', '1 h' or '0')")
                .extracting(e -> ((FreshetException) e).errorCode())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void shouldRefuseNumberWithoutUnit() {
        assertThatThrownBy(() -> DurationParser.parse("option \"t\"", "30"))
                .isInstanceOf(FreshetException.class)
                .extracting(e -> ((FreshetException) e).detail())
                .isEqualTo("A number other than 0 needs a unit.");
    }

    @Test
    void shouldRefuseFractionOfMillisecond() {
        assertThatThrownBy(() -> DurationParser.parse("option \"t\"", "0.5 ms"))
                .isInstanceOf(FreshetException.class)
                .extracting(e -> ((FreshetException) e).detail())
                .isEqualTo("A duration is a whole number of milliseconds.");
    }

    @Test
    void shouldRefuseDurationBeyondLongMilliseconds() {
        assertThatThrownBy(() -> DurationParser.parse("option \"t\"", "999999999999999999 days"))
                .isInstanceOf(FreshetException.class)
                .extracting(e -> ((FreshetException) e).detail())
                .isEqualTo("The duration is too long.");
    }
}
