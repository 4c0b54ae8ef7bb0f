package dev.freshet.tests.differential;

import static dev.freshet.tests.process.DataDirectories.deleteRecursively;

import dev.freshet.tests.process.ServerLaunch;
import dev.freshet.tests.process.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** The server process of the differential tests, and how they open sessions on it. */
final class DifferentialServer {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private DifferentialServer() {
    }

    /**
     * Where a run named {@code run} keeps its server's data ({@code freshet.differential.data},
     * default {@code target/differential-data}, then {@code run}) and its logs and transcripts
     * ({@code freshet.differential.logs}, default {@code target/differential-logs}, files named
     * {@code run} plus a suffix).
     */
    record RunFiles(Path dataDir, Path logDir, String run) {
        /** The run's files, with the data directory and the log of an earlier run of the same name removed. */
        static RunFiles prepare(String run) throws IOException {
            Path dataDir = Path.of(System.getProperty("freshet.differential.data", "target/differential-data"))
                    .toAbsolutePath().resolve(run);
            Path logDir = Path.of(System.getProperty("freshet.differential.logs", "target/differential-logs"))
                    .toAbsolutePath();
            deleteRecursively(dataDir);
            Files.createDirectories(dataDir.getParent());
            Files.createDirectories(logDir);
            RunFiles files = new RunFiles(dataDir, logDir, run);
            Files.deleteIfExists(files.serverLog());
            return files;
        }

        Path serverLog() {
            return logDir.resolve(run + ".log");
        }

        Path logFile(String suffix) {
            return logDir.resolve(run + suffix);
        }
    }

    /**
     * A server on the run's data directory whose output goes to its server log, with the JVM options of
     * {@code -Dfreshet.differential.jvmOptions} (default {@code -Xmx1g}); not started yet.
     */
    static ServerProcess create(RunFiles files) {
        List<String> jvmOptions =
                List.of(System.getProperty("freshet.differential.jvmOptions", "-Xmx1g").trim().split("\\s+"));
        return new ServerProcess(ServerLaunch.freshet(jvmOptions, files.dataDir(), files.serverLog(), START_TIMEOUT));
    }

    /** A new session on the server as it runs now. */
    static Connection connect(ServerProcess server) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        properties.setProperty("ApplicationName", "freshet-differential");
        properties.setProperty("connectTimeout", "20");
        // A server that stops answering fails the test instead of hanging the build.
        properties.setProperty("socketTimeout", "120");
        // Server-side prepared statements from the first execution (pgjdbc waits for the fifth by
        // default): Freshet plans a prepared statement once, so the tests' repeated shapes stay cheap.
        properties.setProperty("prepareThreshold", "1");
        return DriverManager.getConnection(server.jdbcUrl(), properties);
    }
}
