package dev.freshet.tests.sql;

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
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Freshet server in a child JVM: {@code java -cp ... dev.freshet.server.FreshetServer
 * --port 0 --metrics-port 0 --data-dir D}.
 *
 * <p>The server is ready when it prints {@code freshet: listening for PostgreSQL clients on
 * HOST:PORT}; port 0 lets it pick free ports, so files can run side by side and a restarted
 * server never waits for its old port. Its output is appended to a log file and the last lines are
 * kept for failure messages.
 */
final class FreshetServerProcess implements ServerHandle {
    private static final Pattern READY_LINE =
            Pattern.compile("^freshet: listening for PostgreSQL clients on (\\S+):(\\d+)\\s*$");
    private static final int KEPT_OUTPUT_LINES = 60;

    private final ServerLaunch launch;
    private final Deque<String> recentLines = new ArrayDeque<>();
    private Process process;
    private String host;
    private int port;

    private FreshetServerProcess(ServerLaunch launch) {
        this.launch = requireNonNull(launch, "launch is null");
    }

    /**
     * Starts a server and waits until it is ready.
     *
     * @throws ServerFailure if it exits or stays silent past the start timeout
     */
    static FreshetServerProcess start(ServerLaunch launch) {
        FreshetServerProcess server = new FreshetServerProcess(launch);
        server.startProcess();
        return server;
    }

    @Override
    public String jdbcUrl() {
        return format("jdbc:postgresql://%s:%d/freshet", host, port);
    }

    @Override
    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        properties.setProperty("ApplicationName", "freshet-slt");
        properties.setProperty("connectTimeout", "20");
        // A server that stops answering fails the record instead of hanging the build.
        properties.setProperty("socketTimeout", "60");
        return properties;
    }

    @Override
    public void restart() {
        stopGracefully();
        startProcess();
    }

    @Override
    public void kill() {
        Process dying = process;
        appendMarker("kill -9");
        dying.destroyForcibly();
        waitForExit(dying, launch.stopTimeout().toMillis());
        startProcess();
    }

    @Override
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public String recentOutput() {
        synchronized (recentLines) {
            return String.join("\n", recentLines);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitForExit(process, launch.stopTimeout().toMillis())) {
                process.destroyForcibly();
                waitForExit(process, launch.stopTimeout().toMillis());
            }
        }
    }

    private void stopGracefully() {
        Process stopping = process;
        appendMarker("restart: SIGTERM");
        stopping.destroy();
        if (!waitForExit(stopping, launch.stopTimeout().toMillis())) {
            stopping.destroyForcibly();
            waitForExit(stopping, launch.stopTimeout().toMillis());
            throw new ServerFailure(format(
                    "the server did not stop within %d s of SIGTERM (killed it); its last output:%n%s",
                    launch.stopTimeout().toSeconds(), recentOutput()));
        }
    }

    private void startProcess() {
        List<String> command = new ArrayList<>();
        command.add(launch.javaExecutable().toString());
        command.addAll(launch.jvmOptions());
        command.add("-cp");
        command.add(launch.classpath());
        command.add(launch.mainClass());
        command.add("--host");
        command.add("127.0.0.1");
        command.add("--port");
        command.add("0");
        command.add("--metrics-port");
        command.add("0");
        command.add("--data-dir");
        command.add(launch.dataDir().toString());
        appendMarker("start: " + launch.mainClass() + " --data-dir " + launch.dataDir());

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.directory(launch.dataDir().getParent().toFile());
        try {
            process = builder.start();
        }
        catch (IOException e) {
            throw new ServerFailure("could not start " + command.get(0), e);
        }
        closeQuietly(process);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pumpOutput(process, ready), "freshet-server-output");
        pump.setDaemon(true);
        pump.start();
        String address;
        try {
            address = ready.get(launch.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            process.destroyForcibly();
            throw new ServerFailure(format(
                    "the server printed no ready line within %d s; its output:%n%s",
                    launch.startTimeout().toSeconds(), recentOutput()));
        }
        catch (ExecutionException e) {
            throw new ServerFailure(format("%s; its output:%n%s", e.getCause().getMessage(), recentOutput()));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ServerFailure("interrupted while waiting for the server", e);
        }
        int colon = address.lastIndexOf(':');
        host = address.substring(0, colon);
        port = Integer.parseInt(address.substring(colon + 1));
    }

    private void pumpOutput(Process source, CompletableFuture<String> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source.getInputStream(), UTF_8));
                Writer log = Files.newBufferedWriter(launch.logFile(), UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
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
            int exitCode = waitForExitCode(source);
            ready.completeExceptionally(new IllegalStateException(
                    "the server exited with code " + exitCode + " before it was ready"));
        }
    }

    private void remember(String line) {
        synchronized (recentLines) {
            recentLines.addLast(line);
            while (recentLines.size() > KEPT_OUTPUT_LINES) {
                recentLines.removeFirst();
            }
        }
    }

    private void appendMarker(String event) {
        String marker = "----- freshet-slt: " + event + " -----";
        remember(marker);
        try {
            Files.writeString(launch.logFile(), marker + "\n", UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            remember("(writing the log failed: " + e + ")");
        }
    }

    private static void closeQuietly(Process started) {
        try {
            started.getOutputStream().close();
        }
        catch (IOException ignored) {
            // The server reads nothing from stdin; a failed close changes nothing.
        }
    }

    private static boolean waitForExit(Process target, long millis) {
        try {
            return target.waitFor(millis, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int waitForExitCode(Process target) {
        try {
            return target.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
