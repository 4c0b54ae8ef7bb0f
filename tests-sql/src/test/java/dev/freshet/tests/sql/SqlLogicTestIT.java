package dev.freshet.tests.sql;

import static dev.freshet.tests.process.DataDirectories.deleteRecursively;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.fail;

import dev.freshet.tests.process.ServerFailure;
import dev.freshet.tests.process.ServerLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code .slt} file under {@code src/test/resources/slt} against a real Freshet server:
 * one dynamic test per file, each with a fresh server process and data directory.
 *
 * <p>System properties (set by the pom; override on the command line with {@code -D}):
 * <ul>
 *   <li>{@code freshet.server.classpath.file}: the file holding the server's classpath
 *       (written by maven-dependency-plugin's build-classpath);</li>
 *   <li>{@code freshet.slt.include}: a glob of files to run, relative to {@code slt/}
 *       (default {@code **});</li>
 *   <li>{@code freshet.slt.jvmOptions}: the server JVM's options (default {@code -Xmx1g});</li>
 *   <li>{@code freshet.slt.startTimeoutSeconds}: how long a server may take to be ready (default 90);</li>
 *   <li>{@code freshet.slt.fileTimeoutSeconds}: how long one file may run (default 300);</li>
 *   <li>{@code freshet.slt.logs}: where each file's server log goes;</li>
 *   <li>{@code freshet.slt.url}, {@code freshet.slt.user}, {@code freshet.slt.password}: run
 *       against an already running server instead (restart and kill then only reconnect).</li>
 * </ul>
 */
class SqlLogicTestIT {
    @TestFactory
    Stream<DynamicTest> sltFiles() {
        Path root = SltFiles.root();
        String include = System.getProperty("freshet.slt.include", "**");
        List<Path> files = SltFiles.find(root, include);
        if (files.isEmpty()) {
            fail("no .slt file under %s matches freshet.slt.include=%s", root, include);
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(SltFiles.name(root, file), file.toUri(),
                () -> runFile(SltFiles.parse(root, file))));
    }

    private static void runFile(SltFile file) throws IOException {
        SltFileResult result;
        Path dataDir = null;
        try (ServerHandle server = startServer(file)) {
            if (server instanceof FreshetServerProcess) {
                dataDir = dataDirectory(file);
            }
            Duration budget = Duration.ofSeconds(Long.getLong("freshet.slt.fileTimeoutSeconds", 300));
            result = new SltFileRunner(file, server, budget).run();
        }
        catch (ServerFailure e) {
            fail("%s: the server could not be started: %s", file.name(), e.getMessage());
            return;
        }
        // One line per file on stdout, so the known gaps (xfail records) show in every run, not only in failures.
        System.out.println("freshet-slt: " + result.summary());
        List<SltFailure> failures = result.failures();
        if (!failures.isEmpty()) {
            String report = failures.stream().map(SltFailure::describe).collect(Collectors.joining("\n\n"));
            fail(format("%s: %d of %d records failed%n%n%s", file.name(), failures.size(), file.testRecordCount(),
                    report));
        }
        if (dataDir != null) {
            deleteRecursively(dataDir);
        }
    }

    private static ServerHandle startServer(SltFile file) throws IOException {
        String url = System.getProperty("freshet.slt.url");
        if (url != null && !url.isBlank()) {
            return new ExternalServer(url, System.getProperty("freshet.slt.user", "freshet"),
                    System.getProperty("freshet.slt.password"));
        }
        Path dataDir = dataDirectory(file);
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir.getParent());
        Path logs = Path.of(System.getProperty("freshet.slt.logs", "target/slt-logs"));
        Files.createDirectories(logs);
        Path logFile = logs.resolve(file.name().replace('/', '_').replace(".slt", ".log"));
        Files.deleteIfExists(logFile);
        ServerLaunch launch = ServerLaunch.freshet(
                Arrays.asList(System.getProperty("freshet.slt.jvmOptions", "-Xmx1g").trim().split("\\s+")),
                dataDir,
                logFile,
                Duration.ofSeconds(Long.getLong("freshet.slt.startTimeoutSeconds", 90)));
        return FreshetServerProcess.start(launch);
    }

    /** Kept after a failure for inspection; the next run of the same file starts afresh. */
    private static Path dataDirectory(SltFile file) {
        Path base = Path.of(System.getProperty("freshet.slt.data", "target/slt-data"));
        return base.toAbsolutePath().resolve(file.name().replace('/', '_').replace(".slt", ""));
    }
}
