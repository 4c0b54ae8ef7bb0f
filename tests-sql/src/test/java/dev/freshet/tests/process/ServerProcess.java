package dev.freshet.tests.process;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Freshet server in a child JVM ({@code java -cp <classpath> dev.freshet.server.FreshetServer
 * --host 127.0.0.1 --port 0 --metrics-port 0 --data-dir D}) that a test can stop gracefully, kill
 * with SIGKILL, and start again on the same data directory.
 *
 * <p>At most one child process runs at a time; {@link #start()} may follow {@link #stop()} or
 * {@link #kill()}. Port 0 lets the server choose free ports, so tests can run side by side and a
 * restarted server never waits for its old port; the address therefore changes across restarts,
 * and {@link #jdbcUrl()} is the current one. The server is ready when it prints {@code freshet:
 * listening for PostgreSQL clients on HOST:PORT}. Its output is appended to the launch's log file
 * across restarts, with a marker line for each start, stop and kill; the last lines, and the
 * first lines logged at ERROR, are kept for failure messages.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY_LINE =
            Pattern.compile("^freshet: listening for PostgreSQL clients on (\\S+):(\\d+)\\s*$");
    /** A line the server logged at ERROR (its log format is {@code [thread] LEVEL logger - message}). */
    private static final Pattern ERROR_LINE = Pattern.compile("^\\[[^\\]]*\\] ERROR .*|^Exception in thread .*");
    private static final int KEPT_OUTPUT_LINES = 80;
    private static final int KEPT_ERROR_LINES = 20;

    private final ServerLaunch launch;
    private final Deque<String> recentLines = new ArrayDeque<>();
    private final List<String> errorLines = new ArrayList<>();
    private int errorLineCount;
    private Process process;
    private String host;
    private int port;

    public ServerProcess(ServerLaunch launch) {
        this.launch = requireNonNull(launch, "launch is null");
    }

    public ServerLaunch launch() {
        return launch;
    }

    /**
     * Starts the server and waits until it accepts clients.
     *
     * @throws ServerFailure if it exits or stays silent past the start timeout; the message holds
     *     its last output
     */
    public void start() {
        if (isAlive()) {
            throw new IllegalStateException("the server is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(launch.javaExecutable().toString());
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-cp", launch.classpath(), launch.mainClass()));
        command.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--metrics-port", "0",
                "--data-dir", launch.dataDir().toString()));
        command.addAll(launch.serverArguments());
        appendMarker("start: " + launch.mainClass() + " --data-dir " + launch.dataDir());

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.directory(launch.dataDir().getParent().toFile());
        Process started;
        try {
            started = builder.start();
        }
        catch (IOException e) {
            throw new ServerFailure("could not start " + command.get(0), e);
        }
        process = started;
        closeStdin(started);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pumpOutput(started, ready), "freshet-server-output");
        pump.setDaemon(true);
        pump.start();
        String address;
        try {
            address = ready.get(launch.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            started.destroyForcibly();
            throw new ServerFailure(format("the server printed no ready line within %d s; its output:%n%s",
                    launch.startTimeout().toSeconds(), recentOutput()));
        }
        catch (ExecutionException e) {
            throw new ServerFailure(format("%s; its output:%n%s", e.getCause().getMessage(), recentOutput()));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
            throw new ServerFailure("interrupted while waiting for the server", e);
        }
        int colon = address.lastIndexOf(':');
        host = address.substring(0, colon);
        port = Integer.parseInt(address.substring(colon + 1));
    }

    /**
     * SIGTERM, then waits for the process to end.
     *
     * @throws ServerFailure if it does not end within the stop timeout (it is then killed)
     */
    public void stop() {
        Process stopping = runningProcess();
        appendMarker("stop: SIGTERM");
        stopping.destroy();
        if (!waitForExit(stopping)) {
            stopping.destroyForcibly();
            waitForExit(stopping);
            throw new ServerFailure(format("the server did not stop within %d s of SIGTERM (killed it); "
                    + "its last output:%n%s", launch.stopTimeout().toSeconds(), recentOutput()));
        }
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux), then waits for the process to end. */
    public void kill() {
        Process dying = runningProcess();
        appendMarker("kill -9");
        dying.destroyForcibly();
        if (!waitForExit(dying)) {
            throw new ServerFailure(format("the server survived SIGKILL for %d s", launch.stopTimeout().toSeconds()));
        }
    }

    /** Whether the server process runs (false once it has died, been stopped or killed). */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The JDBC URL of the server as it runs now (the port changes across restarts). */
    public String jdbcUrl() {
        if (host == null) {
            throw new IllegalStateException("the server has not been started");
        }
        return format("jdbc:postgresql://%s:%d/freshet", host, port);
    }

    /** The last lines the server printed, with the start/stop/kill markers, for failure messages. */
    public String recentOutput() {
        synchronized (recentLines) {
            return String.join("\n", recentLines);
        }
    }

    /**
     * The first lines the server logged at ERROR, across all its starts, with how many there were
     * in all; empty when there were none. A server whose results are right but that logs an
     * internal error still has a bug.
     */
    public String errorSummary() {
        synchronized (errorLines) {
            if (errorLineCount == 0) {
                return "";
            }
            return format("%d lines logged at ERROR, the first:%n%s", errorLineCount, String.join("\n", errorLines));
        }
    }

    /** Stops the server if it runs: SIGTERM, then SIGKILL after the stop timeout; never throws. */
    @Override
    public void close() {
        if (isAlive()) {
            process.destroy();
            if (!waitForExit(process)) {
                process.destroyForcibly();
                waitForExit(process);
            }
        }
    }

    private Process runningProcess() {
        if (process == null) {
            throw new IllegalStateException("the server has not been started");
        }
        return process;
    }

    private void pumpOutput(Process source, CompletableFuture<String> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source.getInputStream(), UTF_8));
                Writer log = Files.newBufferedWriter(launch.logFile(), UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                remember(line);
                Matcher matcher = READY_LINE.matcher(line);
                if (!ready.isDone() && matcher.matches()) {
                    ready.complete(matcher.group(1) + ":" + matcher.group(2));
                }
            }
        }
        catch (IOException | UncheckedIOException e) {
            remember("(reading the server's output failed: " + e + ")");
        }
        if (!ready.isDone()) {
            ready.completeExceptionally(new IllegalStateException(
                    "the server exited with code " + exitCode(source) + " before it was ready"));
        }
    }

    private void remember(String line) {
        if (ERROR_LINE.matcher(line).matches()) {
            synchronized (errorLines) {
                errorLineCount++;
                if (errorLines.size() < KEPT_ERROR_LINES) {
                    errorLines.add(line);
                }
            }
        }
        synchronized (recentLines) {
            recentLines.addLast(line);
            while (recentLines.size() > KEPT_OUTPUT_LINES) {
                recentLines.removeFirst();
            }
        }
    }

    private void appendMarker(String event) {
        String marker = "----- freshet-test: " + event + " -----";
        remember(marker);
        try {
            Files.createDirectories(launch.logFile().getParent());
            Files.writeString(launch.logFile(), marker + "\n", UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            remember("(writing the log failed: " + e + ")");
        }
    }

    private boolean waitForExit(Process target) {
        try {
            return target.waitFor(launch.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeStdin(Process started) {
        try {
            started.getOutputStream().close();
        }
        catch (IOException ignored) {
            // The server reads nothing from stdin; a failed close changes nothing.
        }
    }

    private static int exitCode(Process target) {
        try {
            return target.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
