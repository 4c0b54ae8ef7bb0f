package dev.freshet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end, small: two queries over 20,000 events, each in its own server process.
 * It proves the harness works, not how fast Freshet is.
 */
class NexmarkBenchTest {
    @TempDir
    Path directory;

    @Test
    @Timeout(120)
    void shouldMeasureQ0AndQ5InFreshServerProcessesAndCheckQ0AgainstTheGenerator() throws IOException {
        Path results = directory.resolve("results.md");
        List<String> arguments = List.of("--events", "20000", "--queries", "q0,q5", "--progress", "1",
                "--out", results.toString(), "--work-dir", directory.resolve("work").toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        NexmarkReport report = new NexmarkBench(NexmarkOptions.fromArguments(arguments), arguments,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(report.hasFailures()).as(output).isFalse();
        assertThat(report.problems()).as(output).isEmpty();
        // 46 of every 50 events are bids.
        assertThat(output).contains("18,400 row(s) (expected 18,400: OK)");
        String document = Files.readString(results);
        assertThat(document).containsPattern("\\| q0 \\| 0\\.02 M \\| 1 \\| [0-9,]+ \\|");
        assertThat(document).containsPattern("\\| q5 \\| 0\\.02 M \\| 1 \\| [0-9,]+ \\|");
        assertThat(document).contains("| q0 | 1 | 20,000 |", "| 18,400 | 18,400 |");
    }
}
