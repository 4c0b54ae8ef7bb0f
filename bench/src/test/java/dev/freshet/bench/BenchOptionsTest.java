package dev.freshet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void shouldUseTheDefaultsWhenNoOptionIsGiven() {
        BenchOptions options = BenchOptions.fromArguments(List.of());

        assertThat(options).isEqualTo(new BenchOptions(200_000, 1000, 100, 1000, 500, 0, null, null));
    }

    @Test
    void shouldReadOptionsWithTheirValueAfterASpaceOrAnEqualsSign() {
        BenchOptions options = BenchOptions.fromArguments(List.of("--rows", "100_000", "--batch=500",
                "--rows-per-insert", "10", "--auctions=50", "--samples", "20", "--port", "6543",
                "--data-dir", "/tmp/bench-data"));

        assertThat(options).isEqualTo(new BenchOptions(100_000, 500, 10, 50, 20, 6543, Path.of("/tmp/bench-data"),
                null));
    }

    @Test
    void shouldSplitTheExternalServerAtItsLastColon() {
        BenchOptions options = BenchOptions.fromArguments(List.of("--external", "db.example.com:5433"));

        assertThat(options.external()).isEqualTo(new BenchOptions.Endpoint("db.example.com", 5433));
    }

    @Test
    void shouldRejectAnExternalServerWithoutPort() {
        assertThatThrownBy(() -> BenchOptions.fromArguments(List.of("--external", "localhost")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host:port");
    }

    @Test
    void shouldRejectADataDirectoryForAnExternalServer() {
        assertThatThrownBy(() -> BenchOptions.fromArguments(List.of("--external", "localhost:5433",
                "--data-dir", "/tmp/d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--data-dir");
    }

    @Test
    void shouldRejectAnUnknownOption() {
        assertThatThrownBy(() -> BenchOptions.fromArguments(List.of("--threads", "4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option --threads");
    }

    @Test
    void shouldRejectAnOptionWithoutValue() {
        assertThatThrownBy(() -> BenchOptions.fromArguments(List.of("--rows")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --rows needs a value");
    }

    @Test
    void shouldRejectMoreRowsPerInsertThanTheProtocolHasBindParametersFor() {
        // 8,192 rows of 4 columns are 32,768 parameters; the protocol counts them in an int16.
        assertThatThrownBy(() -> BenchOptions.fromArguments(List.of("--rows-per-insert", "8192")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--rows-per-insert must be between 1 and 8191, not 8192");
    }

    @Test
    void shouldRejectAValueThatIsNotAWholeNumber() {
        assertThatThrownBy(() -> BenchOptions.fromArguments(List.of("--samples", "many")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--samples must be a whole number, not \"many\"");
    }
}
