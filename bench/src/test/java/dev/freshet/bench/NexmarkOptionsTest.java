package dev.freshet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.freshet.bench.NexmarkQueries.NexmarkQuery;

class NexmarkOptionsTest {
    @Test
    void shouldRunEveryQueryOnceOverAMillionEventsByDefault() {
        NexmarkOptions options = NexmarkOptions.fromArguments(List.of());

        assertThat(options.events()).isEqualTo(1_000_000);
        assertThat(options.queries()).isEqualTo(NexmarkQueries.all());
        assertThat(options.runs()).isEqualTo(1);
        assertThat(options.workers()).isZero();
        assertThat(options.warmupEvents()).isZero();
        assertThat(options.jvmOptions()).containsExactly("-Xmx4g");
        assertThat(options.out()).isNull();
    }

    @Test
    void shouldReadTheQueriesInTheOrderGiven() {
        NexmarkOptions options = NexmarkOptions.fromArguments(List.of("--events", "2_000_000", "--queries",
                "q5, Q0,q1", "--runs=3", "--workers", "2", "--jvm-options", " -Xmx2g  -XX:+UseParallelGC ",
                "--out", "results.md"));

        assertThat(options.queries()).extracting(NexmarkQuery::name).containsExactly("q5", "q0", "q1");
        assertThat(options.events()).isEqualTo(2_000_000);
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.workers()).isEqualTo(2);
        assertThat(options.jvmOptions()).containsExactly("-Xmx2g", "-XX:+UseParallelGC");
        assertThat(options.out()).isEqualTo(Path.of("results.md"));
    }

    @Test
    void shouldSayWhyAQueryOnProcessingTimeIsNotThere() {
        assertThatThrownBy(() -> NexmarkOptions.fromArguments(List.of("--queries", "q0,q12")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("q12 windows on processing time (PROCTIME())");
    }

    @Test
    void shouldRejectAnUnknownQuery() {
        assertThatThrownBy(() -> NexmarkOptions.fromArguments(List.of("--queries", "q99")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown query \"q99\"; the benchmark's queries are q0, q1, q2,");
    }

    @Test
    void shouldRejectAnUnknownOption() {
        assertThatThrownBy(() -> NexmarkOptions.fromArguments(List.of("--parallelism", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option --parallelism");
    }
}
