package dev.freshet.tests.process;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to start a Freshet server as a child process.
 *
 * @param javaExecutable the {@code java} binary (the one running the tests)
 * @param mainClass {@link #MAIN_CLASS}, or a stand-in in the runner's own tests
 * @param classpath the server's classpath, as {@code java -cp} takes it
 * @param jvmOptions options before the main class, e.g. {@code -Xmx1g}
 * @param dataDir the server's {@code --data-dir}; kept across restarts
 * @param logFile where the server's stdout and stderr go, appended across restarts
 * @param startTimeout how long to wait for the ready line
 * @param stopTimeout how long a graceful stop may take before it counts as a failure
 * @param serverArguments more server options after the address and data directory, e.g.
 *     {@code --subscribe.max_buffered_rows 50}
 */
public record ServerLaunch(
        Path javaExecutable,
        String mainClass,
        String classpath,
        List<String> jvmOptions,
        Path dataDir,
        Path logFile,
        Duration startTimeout,
        Duration stopTimeout,
        List<String> serverArguments) {
    public static final String MAIN_CLASS = "dev.freshet.server.FreshetServer";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    public ServerLaunch {
        requireNonNull(javaExecutable, "javaExecutable is null");
        requireNonNull(mainClass, "mainClass is null");
        requireNonNull(classpath, "classpath is null");
        jvmOptions = List.copyOf(requireNonNull(jvmOptions, "jvmOptions is null"));
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(logFile, "logFile is null");
        requireNonNull(startTimeout, "startTimeout is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
        serverArguments = List.copyOf(requireNonNull(serverArguments, "serverArguments is null"));
    }

    /**
     * The real server with the test JVM's {@code java}, the classpath Maven wrote, and a 30 s stop
     * timeout.
     */
    public static ServerLaunch freshet(List<String> jvmOptions, Path dataDir, Path logFile, Duration startTimeout) {
        return new ServerLaunch(Path.of(System.getProperty("java.home"), "bin", "java"), MAIN_CLASS,
                serverClasspath(), jvmOptions, dataDir.toAbsolutePath(), logFile.toAbsolutePath(), startTimeout,
                STOP_TIMEOUT, List.of());
    }

    /** This launch with more server options. */
    public ServerLaunch withServerArguments(List<String> arguments) {
        return new ServerLaunch(javaExecutable, mainClass, classpath, jvmOptions, dataDir, logFile, startTimeout,
                stopTimeout, arguments);
    }

    /**
     * The server's runtime classpath, from the file that maven-dependency-plugin's {@code
     * build-classpath} step writes (system property {@code freshet.server.classpath.file}).
     */
    private static String serverClasspath() {
        Path file = Path.of(System.getProperty("freshet.server.classpath.file", "target/server.classpath"));
        if (!Files.isReadable(file)) {
            throw new ServerFailure(format("the server classpath file %s is missing: run the tests through Maven "
                    + "(mvn -B -ntp verify), whose build-classpath step writes it", file.toAbsolutePath()));
        }
        try {
            return Files.readString(file, UTF_8).strip();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
