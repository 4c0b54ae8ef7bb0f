package dev.freshet.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing process with SIGKILL and checks what a restart finds. */
class KillRecoveryTest {
    private static final int COMMITS_BEFORE_KILL = 500;

    @TempDir
    Path directory;

    @Test
    void shouldKeepEveryCommitAndNeverReuseAnIdAfterKillMinusNine() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), directory.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long lastAcknowledged = 0;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (int i = 0; i < COMMITS_BEFORE_KILL; i++) {
                String line = output.readLine();
                assertThat(line).as("writer process output").isNotNull();
                lastAcknowledged = Long.parseLong(line);
            }
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (StorageEngine engine = StorageEngines.open(directory, StorageOptions.defaults());
                ReadView view = engine.openReadView()) {
            List<Long> first = ids(view, 1);
            List<Long> second = ids(view, 2);
            assertThat(first).isEqualTo(second);
            assertThat(first).hasSizeGreaterThanOrEqualTo(COMMITS_BEFORE_KILL);
            for (long id = 1; id <= lastAcknowledged; id++) {
                assertThat(first.get((int) id - 1)).isEqualTo(id);
            }
            assertThat(engine.ids().nextId("rows")).isGreaterThan(first.get(first.size() - 1));
        }
    }

    private static List<Long> ids(ReadView view, long keyspace) {
        MemcomparableCodec codec = MemcomparableCodec.ascending(ValueType.INT64);
        List<Long> ids = new ArrayList<>();
        try (KvIterator iterator = view.scan(keyspace, null, null)) {
            while (iterator.next()) {
                ids.add((Long) codec.decode(iterator.key())[0]);
            }
        }
        return ids;
    }
}
