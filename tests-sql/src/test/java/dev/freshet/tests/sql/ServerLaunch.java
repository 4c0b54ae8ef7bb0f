package dev.freshet.tests.sql;

import static java.util.Objects.requireNonNull;

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
 */
record ServerLaunch(
        Path javaExecutable,
        String mainClass,
        String classpath,
        List<String> jvmOptions,
        Path dataDir,
        Path logFile,
        Duration startTimeout,
        Duration stopTimeout) {
    static final String MAIN_CLASS = "dev.freshet.server.FreshetServer";

    ServerLaunch {
        requireNonNull(javaExecutable, "javaExecutable is null");
        requireNonNull(mainClass, "mainClass is null");
        requireNonNull(classpath, "classpath is null");
        jvmOptions = List.copyOf(requireNonNull(jvmOptions, "jvmOptions is null"));
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(logFile, "logFile is null");
        requireNonNull(startTimeout, "startTimeout is null");
        requireNonNull(stopTimeout, "stopTimeout is null");
    }
}
