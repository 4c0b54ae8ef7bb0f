package dev.freshet.bench;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Freshet server in a child JVM ({@link ForkedServerMain}), started for one benchmark run: its
 * own heap, its own JIT, its own data directory, so that nothing of one run reaches the next, and
 * its CPU time and memory are the server's alone. Its standard output and error go to a log file.
 *
 * <p>End it with {@link #stop()}, which returns its heap marks, or {@link #close()}, which kills
 * it if it still runs. A child whose parent dies sees its standard input end and stops too.
 */
final class ForkedServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int KEPT_LINES = 40;
    private static final Pattern ERROR_LINE = Pattern.compile(
            "^\\[[^\\]]*\\] ERROR .*|^Exception in thread .*|.*OutOfMemoryError.*");

    /**
     * How to start the child.
     *
     * @param jvmOptions options for its JVM ({@code -Xmx1g})
     * @param classpath its classpath: the benchmark's own
     * @param dataDirectory its data directory; it must not hold another server's data
     * @param logFile where its output goes (appended)
     * @param serverOptions more server options, as on the server's command line
     */
    record Launch(List<String> jvmOptions, String classpath, Path dataDirectory, Path logFile,
            List<String> serverOptions) {
        Launch {
            jvmOptions = List.copyOf(jvmOptions);
            requireNonNull(classpath, "classpath is null");
            requireNonNull(dataDirectory, "dataDirectory is null");
            requireNonNull(logFile, "logFile is null");
            serverOptions = List.copyOf(serverOptions);
        }
    }

    /**
     * The child's heap marks (see {@link HeapHighWater}), in bytes.
     *
     * @param peakBeforeGc the most heap in use, reached just before a collection
     * @param peakAfterGc the most heap in use right after a collection
     * @param max the heap's limit ({@code -Xmx})
     */
    record HeapMarks(long peakBeforeGc, long peakAfterGc, long max) {
    }

    private final Launch launch;
    private final Process process;
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private final CompletableFuture<HeapMarks> heap = new CompletableFuture<>();

    private ForkedServer(Launch launch, Process process) {
        this.launch = launch;
        this.process = process;
    }

    /**
     * Starts the child and waits until it accepts clients.
     *
     * @throws IOException when it cannot be started, exits first, or is not ready in time; the
     *     message holds its last output
     */
    static ForkedServer start(Launch launch) throws IOException {
        requireNonNull(launch, "launch is null");
        Files.createDirectories(launch.logFile().toAbsolutePath().getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-cp", launch.classpath(), ForkedServerMain.class.getName(),
                launch.dataDirectory().toString()));
        command.addAll(launch.serverOptions());
        // The command without its long classpath.
        String shown = String.join(" ", command).replace(launch.classpath(), "<classpath>");
        Files.writeString(launch.logFile(), "----- nexmark-bench: " + shown + "\n", UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()))
                .start();
        ForkedServer server = new ForkedServer(launch, process);
        Thread pump = new Thread(server::pumpOutput, "forked-server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            server.ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            server.close();
            throw new IOException(format("the server printed no ready line within %d s; see %s",
                    START_TIMEOUT.toSeconds(), launch.logFile()));
        } catch (ExecutionException e) {
            server.close();
            throw new IOException(e.getCause().getMessage() + "; its log's last lines:\n" + server.logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IOException("interrupted while waiting for the server", e);
        }
        return server;
    }

    /** The port PostgreSQL clients connect to, on 127.0.0.1. */
    int port() {
        return ready.join();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return launch.logFile();
    }

    /** The CPU time the child has used so far, user and system, in seconds; empty when unknown. */
    OptionalDouble cpuSeconds() {
        return process.toHandle().info().totalCpuDuration()
                .map(duration -> OptionalDouble.of(duration.toNanos() / 1e9))
                .orElse(OptionalDouble.empty());
    }

    /** The child's peak resident set so far (VmHWM); empty when unknown or once it has ended. */
    OptionalLong peakResidentSetBytes() {
        return ProcessMemory.peakResidentSetBytes(process.pid());
    }

    /**
     * Asks the child to stop and waits until it has.
     *
     * @return its heap marks
     * @throws IOException when it ends without giving them, or does not end in time (it is then killed)
     */
    HeapMarks stop() throws IOException {
        process.getOutputStream().close();
        try {
            HeapMarks marks = heap.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(format("the server did not stop within %d s", STOP_TIMEOUT.toSeconds()));
            }
            return marks;
        } catch (TimeoutException e) {
            throw new IOException(format("the server gave no heap figures within %d s of being asked to stop",
                    STOP_TIMEOUT.toSeconds()), e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the server stopped", e);
        } finally {
            close();
        }
    }

    /**
     * The first line the server logged at ERROR (its log lines read {@code [thread] LEVEL logger -
     * message}), an uncaught exception's first line, or the first line naming an
     * OutOfMemoryError, which may be logged at any level or none; empty when there is none.
     */
    Optional<String> firstErrorLine() {
        try (Stream<String> lines = Files.lines(launch.logFile(), UTF_8)) {
            return lines.filter(line -> ERROR_LINE.matcher(line).matches()).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The last lines of the child's log file, for failure messages. */
    String logTail() {
        List<String> lines;
        try {
            lines = Files.readAllLines(launch.logFile(), UTF_8);
        } catch (IOException e) {
            return "(cannot read " + launch.logFile() + ": " + e.getMessage() + ")";
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - KEPT_LINES), lines.size()));
    }

    /** Kills the child if it still runs (SIGKILL) and waits for it to end; never throws. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
                Writer log = Files.newBufferedWriter(launch.logFile(), UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                if (line.startsWith(ForkedServerMain.READY + " ")) {
                    ready.complete(Integer.parseInt(line.substring(ForkedServerMain.READY.length() + 1).trim()));
                } else if (line.startsWith(ForkedServerMain.HEAP + " ")) {
                    String[] fields = line.substring(ForkedServerMain.HEAP.length() + 1).trim().split("\\s+");
                    heap.complete(new HeapMarks(Long.parseLong(fields[0]), Long.parseLong(fields[1]),
                            Long.parseLong(fields[2])));
                }
            }
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
            heap.completeExceptionally(e);
        }
        String ended = "the server process ended (exit status " + exitStatus() + ")";
        ready.completeExceptionally(new IOException(ended + " before it was ready"));
        heap.completeExceptionally(new IOException(ended + " without giving its heap figures"));
    }

    private int exitStatus() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
