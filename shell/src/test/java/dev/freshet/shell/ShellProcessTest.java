package dev.freshet.shell;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell as a person runs it with {@code -c} and {@code -f}: a child JVM with an embedded
 * server on a fresh data directory, its output and exit status read as a script would.
 */
class ShellProcessTest {
    @TempDir
    Path directory;

    @Test
    void shouldRunCommandsAndPrintAlignedResultsErrorsAndTags() throws Exception {
        Run run = shell("-c", "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR)",
                "-c", "INSERT INTO t VALUES (1, 'one'), (22, 'twenty-two')",
                "-c", "CREATE MATERIALIZED VIEW counts AS SELECT COUNT(*) AS n FROM t",
                "-c", "SELECT * FROM t ORDER BY id",
                "-c", "SELECT nope FROM t",
                "-c", "\\dm",
                "-c", "\\x",
                "-c", "SELECT * FROM counts");
        assertThat(run.out()).contains("CREATE TABLE", "INSERT 0 2", "CREATE MATERIALIZED VIEW",
                " id |    name",
                "----+------------",
                "  1 | one",
                " 22 | twenty-two",
                "(2 rows)",
                "Expanded display is on.",
                "-[ RECORD 1 ]-",
                "n | 2");
        assertThat(run.err()).contains("ERROR:  column \"nope\" does not exist (SQLSTATE 42703)",
                "LINE 1: SELECT nope FROM t",
                "               ^");
        assertThat(run.status()).as("a failed statement makes the exit status 1").isEqualTo(1);
    }

    @Test
    void shouldRunAScriptOfMultiLineStatementsAndIncludes() throws Exception {
        Path included = directory.resolve("more.sql");
        Files.writeString(included, "INSERT INTO t VALUES (3);\n");
        Path script = directory.resolve("script.sql");
        Files.writeString(script, String.join("\n",
                "-- a comment; not a statement",
                "CREATE TABLE t (",
                "  id INT",
                ");",
                "INSERT INTO t VALUES (1), (2);",
                "\\i " + included,
                "SELECT COUNT(*) AS n",
                "  FROM t;",
                "\\q",
                "SELECT 'never run';"));
        Run run = shell("-f", script.toString());
        assertThat(run.out()).contains("CREATE TABLE", "INSERT 0 2", "INSERT 0 1", " n", " 3", "(1 row)")
                .doesNotContain("never run");
        assertThat(run.status()).isZero();
    }

    @Test
    void shouldSayHowToStartAServerWhenNoneListens() throws Exception {
        Run run = shell("-p", "1", "-c", "SELECT 1");
        assertThat(run.err()).contains("cannot connect to 127.0.0.1:1",
                "Start one with './freshet server', or use --embedded.");
        assertThat(run.status()).isEqualTo(2);
    }

    @Test
    void shouldPrintEachChangeOfASubscriptionAsALineAsItComes() throws Exception {
        try (PageClicksServer server = PageClicksServer.start(directory.resolve("server"))) {
            Process shell = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), FreshetShell.class.getName(),
                    "-p", Integer.toString(server.port()), "-c", "SUBSCRIBE TO page_counts").start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(shell.getInputStream(), UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("epoch | diff | page | n");
                String snapshot = lines.readLine();
                assertThat(snapshot).matches("\\d+ \\| 1 \\| home \\| 1");
                long epoch = Long.parseLong(snapshot.split(" ")[0]);
                server.click("home");
                String deletion = lines.readLine();
                String insertion = lines.readLine();
                long next = Long.parseLong(deletion.split(" ")[0]);
                assertThat(next).isGreaterThan(epoch);
                assertThat(deletion).isEqualTo(next + " | -1 | home | 1");
                assertThat(insertion).isEqualTo(next + " | 1 | home | 2");
            } finally {
                shell.destroyForcibly();
                shell.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private record Run(String out, String err, int status) {
    }

    private Run shell(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), FreshetShell.class.getName()));
        if (!List.of(arguments).contains("-p")) {
            command.addAll(List.of("--embedded", "--data-dir", directory.resolve("data").toString()));
        }
        command.addAll(List.of(arguments));
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the shell did not finish within 120 s");
        }
        return new Run(Files.readString(out, UTF_8), Files.readString(err, UTF_8), process.exitValue());
    }
}
