package dev.freshet.tests.differential;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {
    @TempDir
    Path directory;

    @Test
    void shouldWriteEveryLineAtOnce() throws IOException {
        Path file = directory.resolve("run.sql");
        try (Transcript transcript = Transcript.open(file, 2)) {
            transcript.record("CREATE TABLE t (id INT);");
            transcript.recordTransaction("-- transaction 1 (AUTOCOMMIT)\nDELETE FROM t;\n");

            assertThat(Files.readString(file, UTF_8))
                    .isEqualTo("CREATE TABLE t (id INT);\n-- transaction 1 (AUTOCOMMIT)\nDELETE FROM t;\n\n");
        }
    }

    @Test
    void shouldKeepOnlyTheLastTransactionsForFailureMessages() throws IOException {
        try (Transcript transcript = Transcript.open(directory.resolve("run.sql"), 2)) {
            assertThat(transcript.recentTransactions()).isEmpty();

            transcript.recordTransaction("-- transaction 1\n");
            transcript.record("-- check 1");
            transcript.recordTransaction("-- transaction 2\n");
            transcript.recordTransaction("-- transaction 3\n");

            assertThat(transcript.recentTransactions()).isEqualTo("-- transaction 2\n-- transaction 3\n");
        }
    }

    @Test
    void shouldRefuseToKeepNoTransaction() {
        assertThatThrownBy(() -> Transcript.open(directory.resolve("run.sql"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
