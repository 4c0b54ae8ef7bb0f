package dev.freshet.tests.differential;

import static dev.freshet.tests.process.DataDirectories.deleteRecursively;
import static java.lang.String.format;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.fail;

import dev.freshet.tests.process.ServerProcess;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a differential test: its seed and how to replay it, the Freshet server with the
 * session the test works through, the DuckDB oracle, the transcript, where the run is, and the
 * problems found so far. A problem (a view that differs, say) does not stop the run, so that one
 * run shows them all; {@link #failIfProblems} fails the test with every one at the end.
 *
 * <p>{@link #prepare} reads the seed and the number of transactions, prints them, and removes an
 * earlier run's files; {@link #execute} starts the server and the sessions, runs the test's body,
 * and closes them. A failure in the body comes back with the seed, the position, the last
 * transactions and the server's last output. Freshet's data directory and log, and the transcript,
 * stay under {@code target/} ({@link DifferentialServer.RunFiles}) until {@link
 * #deleteDataDirectory} after a passing run.
 */
final class DifferentialRun {
    private final Settings settings;
    private final RunSeed seed;
    private final int transactions;
    private final DifferentialServer.RunFiles files;
    private final ServerProcess server;
    private final FreshetSession freshet;
    private final long startedNanos;
    private final Map<String, String> problems = new LinkedHashMap<>();
    private Transcript transcript;
    private DuckDbOracle oracle;
    private String position = "before the first transaction";

    private DifferentialRun(Settings settings, RunSeed seed, int transactions, DifferentialServer.RunFiles files,
            long startedNanos) {
        this.settings = settings;
        this.seed = seed;
        this.transactions = transactions;
        this.files = files;
        this.server = DifferentialServer.create(files);
        this.freshet = new FreshetSession(server, this::position);
        this.startedNanos = startedNanos;
    }

    /** A run as the system properties say, announced on stdout, its server not started yet. */
    static DifferentialRun prepare(Settings settings) throws IOException {
        requireNonNull(settings, "settings is null");
        RunSeed seed = RunSeed.read(settings.property() + ".seed");
        int transactions = Integer.getInteger(settings.property() + ".transactions", settings.transactions());
        System.out.printf("%s: seed %d (%s), %d transactions%n", settings.label(), seed.value(), seed.replay(),
                transactions);
        long started = System.nanoTime();
        DifferentialServer.RunFiles files = DifferentialServer.RunFiles.prepare(settings.name() + "-" + seed.value());
        return new DifferentialRun(settings, seed, transactions, files, started);
    }

    /**
     * Opens the transcript and DuckDB, starts the server and connects, runs {@code body}, then
     * notes the lines the server logged at ERROR as a problem and closes everything.
     *
     * @throws AssertionError whatever the body threw, with the seed, the position and the context
     */
    void execute(Body body) {
        try {
            executeOpen(body);
        }
        catch (AssertionError | RuntimeException | SQLException | IOException e) {
            throw new AssertionError(format("%s (seed %d, %s; %s)%n%s", e.getMessage(), seed.value(), position,
                    seed.replay(), context()), e);
        }
    }

    private void executeOpen(Body body) throws SQLException, IOException {
        try (ServerProcess process = server;
                Transcript script = Transcript.open(files.logFile(".sql"), settings.recentTransactionsShown());
                DuckDbOracle duckdb = DuckDbOracle.open()) {
            transcript = script;
            oracle = duckdb;
            long phase = System.nanoTime();
            process.start();
            freshet.connect();
            System.out.printf("%s: server started in %d ms%n", settings.label(), millisSince(phase));
            body.run();
            String serverErrors = process.errorSummary();
            if (!serverErrors.isEmpty()) {
                addProblem("server log", "the server logged errors during the run: " + serverErrors);
            }
        }
    }

    /**
     * Runs a transaction on both engines: each statement through {@code runner}, inside BEGIN and
     * COMMIT or ROLLBACK on both unless it autocommits. The transcript gets its script first.
     */
    <S> void runTransaction(WorkloadTransaction<S> transaction, StatementRunner<S> runner)
            throws SQLException, IOException {
        transcript.recordTransaction(transaction.script());
        String where = "transaction " + transaction.number();
        if (transaction.ending() == DmlTransaction.Ending.AUTOCOMMIT) {
            for (S statement : transaction.statements()) {
                runner.run(statement, where);
            }
            return;
        }
        freshet.run("BEGIN", where);
        oracle.begin();
        for (S statement : transaction.statements()) {
            runner.run(statement, where);
        }
        freshet.run(transaction.commits() ? "COMMIT" : "ROLLBACK", where);
        oracle.end(transaction.commits());
    }

    /** A graceful stop (SIGTERM) and a start on the same data directory, with a new session. */
    void restart() throws SQLException, IOException {
        transcript.record("-- restart (SIGTERM, start on the same data directory)");
        long phase = System.nanoTime();
        freshet.disconnect();
        server.stop();
        long stopped = millisSince(phase);
        server.start();
        // No FLUSH: a read waits until the views have applied every committed write, including the
        // change log replayed at start (docs/architecture.md, "Consistent reads").
        freshet.connect();
        System.out.printf("%s: restart took %d ms (stop %d ms)%n", settings.label(), millisSince(phase), stopped);
    }

    /** Records a problem under {@code key} (a view's name, say); a later problem under the same key replaces it. */
    void addProblem(String key, String description) {
        problems.put(key, description);
    }

    /** Whether a problem is recorded under {@code key}: a view that differed once is not checked again. */
    boolean hasProblem(String key) {
        return problems.containsKey(key);
    }

    /** Prints the run's last line: the seed, {@code details} (what it did, what its checks did) and its time. */
    void printSummary(String details) {
        System.out.printf("%s: seed %d, %s; whole test %d s%n", settings.label(), seed.value(), details,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos));
    }

    /**
     * Fails the test if the run found problems, listing them all.
     *
     * @param kinds what the problems can be, for the message's first line
     * @param views how many views the test has
     */
    void failIfProblems(String kinds, int views) {
        if (!problems.isEmpty()) {
            fail(format("%d problems (%s) among %d views (seed %d; %s)%n%n%s%n%s", problems.size(), kinds, views,
                    seed.value(), seed.replay(), String.join("\n\n", problems.values()), context()));
        }
    }

    /** Removes the server's data directory: only a failed run's is worth keeping. */
    void deleteDataDirectory() throws IOException {
        deleteRecursively(files.dataDir());
    }

    /** The seed the workload and the check cadence draw from. */
    long seed() {
        return seed.value();
    }

    /** Random transactions to run after the initial load. */
    int transactions() {
        return transactions;
    }

    /** The prefix of the run's lines on stdout: {@code freshet-differential}. */
    String label() {
        return settings.label();
    }

    /** Where the run is, for failure messages: {@code after transaction 12 of 1200}. */
    String position() {
        return position;
    }

    /** Says where the run is now, for the messages of later failures. */
    void position(String position) {
        this.position = requireNonNull(position, "position is null");
    }

    /** The session on Freshet; connected while {@link #execute} runs its body. */
    FreshetSession freshet() {
        return freshet;
    }

    /** DuckDB; open while {@link #execute} runs its body. */
    DuckDbOracle oracle() {
        return oracle;
    }

    /** The transcript; open while {@link #execute} runs its body. */
    Transcript transcript() {
        return transcript;
    }

    /** Milliseconds since {@code startNanos}, a {@link System#nanoTime()}, for progress lines. */
    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private String context() {
        String recent = transcript == null ? "" : transcript.recentTransactions();
        return format("last transactions:%n%stranscript of every statement: %s%nserver log: %s%n"
                        + "last server output:%n%s",
                recent, files.logFile(".sql"), server.launch().logFile(), server.recentOutput());
    }

    /**
     * What a differential test's runs share.
     *
     * @param label the prefix of its lines on stdout, e.g. {@code freshet-windows}
     * @param property the prefix of its system properties: {@code .seed} and {@code .transactions}
     *     follow, e.g. {@code freshet.windows}
     * @param name the name of its runs' files, before the seed, e.g. {@code windows}
     * @param transactions random transactions per run unless the system property says otherwise
     * @param recentTransactionsShown how many of the last transactions a failure message shows
     */
    record Settings(String label, String property, String name, int transactions, int recentTransactionsShown) {
        Settings {
            requireNonNull(label, "label is null");
            requireNonNull(property, "property is null");
            requireNonNull(name, "name is null");
        }
    }

    /** The test's own work, between start and close. */
    @FunctionalInterface
    interface Body {
        void run() throws SQLException, IOException;
    }

    /**
     * Runs one statement of a transaction on both engines and compares what they did.
     *
     * @param <S> the statements' type
     */
    @FunctionalInterface
    interface StatementRunner<S> {
        /** Runs {@code statement}; {@code where} names it in the run, for failure messages. */
        void run(S statement, String where);
    }
}
