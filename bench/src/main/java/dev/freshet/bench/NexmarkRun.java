package dev.freshet.bench;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.freshet.bench.NexmarkOutcome.Failed;
import dev.freshet.bench.NexmarkOutcome.Measured;
import dev.freshet.bench.NexmarkOutcome.Refused;
import dev.freshet.bench.NexmarkQueries.NexmarkQuery;

/**
 * One run of one query: a fresh server process ({@link ForkedServer}) on a fresh data directory,
 * the three nexmark sources, then the measured part:
 * <ol>
 *   <li>{@code CREATE MATERIALIZED VIEW qN AS ...}; the clock and the server's CPU time start
 *       just before it. An error here means Freshet refuses the query: its SQLSTATE and message
 *       are the outcome.
 *   <li>{@code FLUSH}, which returns once the view has read and committed every event of its
 *       bounded sources; the clock stops when it returns. Meanwhile a second connection polls
 *       {@code freshet_catalog.source_offsets} for progress lines.
 * </ol>
 * Then, outside the measured time: a check that every split of the view's sources is finished,
 * the view's row count, the server's peak resident set, and its heap marks as it stops. The data
 * directory is deleted at the end; the server's log is kept.
 *
 * <p>A run that fails after the view was created (the server dies, FLUSH fails, splits are left
 * unfinished, the run outlasts its timeout) is {@link Failed}, with the log to read.
 */
final class NexmarkRun {
    private static final String WARMUP_VIEW = "nexmark_warmup";
    private static final List<String> SOURCES = List.of("person", "auction", "bid");

    private final NexmarkOptions options;
    private final NexmarkQuery query;
    private final int number;
    private final NexmarkExpectedCounts expectedCounts;
    private final Path workDirectory;
    private final PrintStream out;

    /**
     * @param number the run's number among the query's runs, from 1
     * @param workDirectory where the run's data directory and log go
     */
    NexmarkRun(NexmarkOptions options, NexmarkQuery query, int number, NexmarkExpectedCounts expectedCounts,
            Path workDirectory, PrintStream out) {
        this.options = requireNonNull(options, "options is null");
        this.query = requireNonNull(query, "query is null");
        this.number = number;
        this.expectedCounts = requireNonNull(expectedCounts, "expectedCounts is null");
        this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
        this.out = requireNonNull(out, "out is null");
    }

    /** The measured part's figures, before the server stops. */
    private record Timing(double seconds, double createSeconds, double cpuSeconds, double createCpuSeconds,
            double otherCores, long rows) {
    }

    /** What the clock, the server's CPU time and the machine's CPU time read at one moment. */
    private record Reading(long nanos, double serverCpuSeconds, OptionalDouble machineBusySeconds) {
        static Reading now(ForkedServer server) {
            OptionalDouble machine = MachineCpu.busySeconds();
            return new Reading(System.nanoTime(), server.cpuSeconds().orElse(Double.NaN), machine);
        }
    }

    /** The run went wrong after the view was created; the message says how. */
    private static final class RunFailure extends Exception {
        RunFailure(String message) {
            super(message);
        }
    }

    /** How far a view has read its sources: the least position of any split, and whether all are finished. */
    private record Progress(long leastPosition, int splits, boolean finished) {
    }

    NexmarkOutcome run() throws IOException {
        Path runDirectory = workDirectory.resolve(query.name() + "-run" + number);
        Path dataDirectory = runDirectory.resolve("data");
        Path log = runDirectory.resolve("server.log");
        Files.createDirectories(runDirectory);
        List<String> serverOptions = new ArrayList<>();
        if (options.workers() > 0) {
            serverOptions.addAll(List.of("--dataflow.workers", Integer.toString(options.workers())));
        }
        ForkedServer.Launch launch = new ForkedServer.Launch(options.jvmOptions(),
                System.getProperty("java.class.path"), dataDirectory, log, serverOptions);
        try {
            ForkedServer server;
            try {
                server = ForkedServer.start(launch);
            } catch (IOException e) {
                return new Failed("the server did not start: " + e.getMessage(), log);
            }
            try (server) {
                return measure(server);
            }
        } finally {
            if (Files.exists(dataDirectory)) {
                InProcessServer.deleteRecursively(dataDirectory);
            }
        }
    }

    private NexmarkOutcome measure(ForkedServer server) {
        Timing timing;
        try (Connection control = connect(server.port(), 0);
                Connection watcher = connect(server.port(), 600)) {
            if (options.warmupEvents() > 0) {
                Refused refused = warmUp(control);
                if (refused != null) {
                    return refused;
                }
            }
            execute(control, NexmarkQueries.createSources(options.events()));
            Reading start = Reading.now(server);
            try (Statement statement = control.createStatement()) {
                statement.execute(query.createStatement());
            } catch (SQLException e) {
                if (!server.isAlive() || isConnectionError(e)) {
                    return failed(server, "the server failed during CREATE MATERIALIZED VIEW: " + describe(e));
                }
                return new Refused(e.getSQLState(), serverMessage(e));
            }
            Reading created = Reading.now(server);
            Reading finish = awaitFlush(server, control, watcher, start);
            Progress progress = progress(watcher);
            if (progress == null) {
                throw new RunFailure("FLUSH returned, but freshet_catalog.source_offsets lists no split of the view "
                        + "any more: the view has stopped reading");
            }
            if (!progress.finished()) {
                throw new RunFailure(format(Locale.ROOT, "FLUSH returned, but only %,d of %,d events are read by "
                        + "every split of the view's %d: the view may have stopped reading", progress.leastPosition(),
                        options.events(), progress.splits()));
            }
            double seconds = (finish.nanos() - start.nanos()) / 1e9;
            double cpuSeconds = finish.serverCpuSeconds() - start.serverCpuSeconds();
            double otherCores = -1;
            if (start.machineBusySeconds().isPresent() && finish.machineBusySeconds().isPresent()) {
                double machine = finish.machineBusySeconds().getAsDouble() - start.machineBusySeconds().getAsDouble();
                otherCores = Math.max(0, machine - cpuSeconds) / seconds;
            }
            timing = new Timing(seconds, (created.nanos() - start.nanos()) / 1e9, cpuSeconds,
                    created.serverCpuSeconds() - start.serverCpuSeconds(), otherCores, rowCount(control));
        } catch (SQLException e) {
            return failed(server, describe(e));
        } catch (RunFailure e) {
            return failed(server, e.getMessage());
        }
        OptionalLong peakResident = server.peakResidentSetBytes();
        ForkedServer.HeapMarks heap;
        try {
            heap = server.stop();
        } catch (IOException e) {
            return failed(server, "the server did not stop cleanly: " + e.getMessage());
        }
        return new Measured(options.events(), timing.seconds(), timing.createSeconds(), timing.cpuSeconds(),
                timing.createCpuSeconds(), timing.otherCores(), heap, peakResident.orElse(-1), timing.rows(),
                expectedCounts.rows(query.name(), options.events()));
    }

    /**
     * Runs the query once over {@code --warmup} events, then drops the view and the sources.
     *
     * @return the refusal when the server refuses the query, else null
     */
    private Refused warmUp(Connection control) throws SQLException {
        long start = System.nanoTime();
        execute(control, NexmarkQueries.createSources(options.warmupEvents()));
        try (Statement statement = control.createStatement()) {
            statement.execute("CREATE MATERIALIZED VIEW " + WARMUP_VIEW + " AS\n" + query.select());
        } catch (SQLException e) {
            if (isConnectionError(e)) {
                throw e;
            }
            return new Refused(e.getSQLState(), serverMessage(e));
        }
        List<String> drops = new ArrayList<>();
        drops.add("FLUSH");
        drops.add("DROP MATERIALIZED VIEW " + WARMUP_VIEW);
        for (String source : SOURCES) {
            drops.add("DROP SOURCE " + source);
        }
        execute(control, drops);
        out.printf(Locale.ROOT, "    warm-up over %,d events: %.1f s%n", options.warmupEvents(),
                (System.nanoTime() - start) / 1e9);
        return null;
    }

    /**
     * Runs FLUSH on {@code control} until it returns, printing progress from {@code watcher}.
     *
     * @return the reading just after FLUSH returned
     * @throws RunFailure when FLUSH fails, the server dies, or the run outlasts its timeout (the
     *     server is then killed)
     */
    private Reading awaitFlush(ForkedServer server, Connection control, Connection watcher, Reading start)
            throws RunFailure {
        CompletableFuture<Reading> flushed = new CompletableFuture<>();
        Thread flusher = new Thread(() -> {
            try (Statement statement = control.createStatement()) {
                statement.execute("FLUSH");
                flushed.complete(Reading.now(server));
            } catch (SQLException | RuntimeException e) {
                flushed.completeExceptionally(e);
            }
        }, "nexmark-flush");
        flusher.setDaemon(true);
        flusher.start();
        long deadline = start.nanos() + TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
        long lastNanos = start.nanos();
        long lastPosition = 0;
        while (true) {
            try {
                return flushed.get(options.progressSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                Progress progress = progressOrNull(watcher);
                long now = System.nanoTime();
                if (progress != null) {
                    long position = progress.leastPosition();
                    out.printf(Locale.ROOT, "    %s run %d: %,d of %,d events (%.0f %%) in %.0f s, %,.0f events/s "
                            + "lately%n", query.name(), number, position, options.events(),
                            100.0 * position / options.events(), (now - start.nanos()) / 1e9,
                            (position - lastPosition) / ((now - lastNanos) / 1e9));
                    lastPosition = position;
                    lastNanos = now;
                }
                if (now > deadline) {
                    server.close();
                    throw new RunFailure(format("timed out after %d s, at event %,d of %,d", options.timeoutSeconds(),
                            lastPosition, options.events()));
                }
                if (!server.isAlive()) {
                    throw new RunFailure("the server process ended while FLUSH waited");
                }
            } catch (ExecutionException e) {
                String cause = e.getCause() instanceof SQLException sql ? describe(sql) : e.getCause().toString();
                throw new RunFailure("FLUSH failed: " + cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
                throw new RunFailure("interrupted while FLUSH waited");
            }
        }
    }

    private Progress progressOrNull(Connection watcher) {
        try {
            return progress(watcher);
        } catch (SQLException e) {
            out.printf("    (progress unknown: %s)%n", describe(e));
            return null;
        }
    }

    /** The view's progress, or null before the server lists any split of it. */
    private Progress progress(Connection watcher) throws SQLException {
        try (PreparedStatement statement = watcher.prepareStatement(
                "SELECT read_offset, finished FROM freshet_catalog.source_offsets WHERE view_name = ?")) {
            statement.setString(1, query.name());
            long least = Long.MAX_VALUE;
            int splits = 0;
            boolean finished = true;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    least = Math.min(least, rows.getLong(1));
                    finished &= rows.getBoolean(2);
                    splits++;
                }
            }
            if (splits == 0) {
                return null;
            }
            return new Progress(least, splits, finished);
        }
    }

    private long rowCount(Connection control) throws SQLException {
        try (Statement statement = control.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + query.name())) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A failure, with the server's first logged error, which usually says what went wrong. */
    private Failed failed(ForkedServer server, String message) {
        String error = server.firstErrorLine().map(line -> "; the server logged: " + line).orElse("");
        return new Failed(message + error, server.logFile());
    }

    private static void execute(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Whether the error is the connection's, not the statement's (SQLSTATE class 08). */
    private static boolean isConnectionError(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static String describe(SQLException e) {
        return e.getSQLState() + " " + serverMessage(e);
    }

    /**
     * The server's message and hint on one line. pgjdbc's message reads {@code ERROR: message},
     * then {@code Hint: ...} and {@code Position: ...} lines; the position means nothing without
     * the statement.
     */
    static String serverMessage(SQLException e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        List<String> parts = new ArrayList<>();
        for (String line : text.split("\n")) {
            String part = line.strip();
            if (part.startsWith("ERROR:")) {
                part = part.substring("ERROR:".length()).strip();
            }
            if (!part.isEmpty() && !part.startsWith("Position:")) {
                parts.add(part);
            }
        }
        return String.join(" ", parts);
    }

    private static Connection connect(int port, int socketTimeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        properties.setProperty("ApplicationName", "freshet-nexmark-bench");
        properties.setProperty("connectTimeout", "20");
        // 0: FLUSH waits as long as the run does; the run's own timeout ends a hang.
        properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        return DriverManager.getConnection(format("jdbc:postgresql://127.0.0.1:%d/freshet", port), properties);
    }
}
