package dev.freshet.bench;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The materialized-view benchmark: how fast bids load through a table that feeds an aggregate
 * view and a join view, and how soon a committed bid shows in a view.
 *
 * <ol>
 *   <li>Starts a server in this JVM on a fresh data directory (or uses {@code --external}).
 *   <li>Creates {@link AuctionSchema}: tables {@code bids} and {@code auctions}, auctions loaded,
 *       views {@code per_auction} (aggregate) and {@code per_category} (join, then aggregate).
 *   <li>{@link LoadPhase}: rows per second into both views, checked against the views' totals.
 *   <li>{@link FreshnessPhase}: commit-to-visibility latency for another session and for the
 *       writing session.
 *   <li>For an in-process server, the heap and resident memory of the process, and the size of
 *       the data directory.
 * </ol>
 *
 * <p>Exits with status 1 when a view's totals do not match the bids loaded, 2 for bad options.
 */
public final class MaterializedViewBench {
    private static final String HOST = "127.0.0.1";
    private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private final BenchOptions options;
    private final PrintStream out;

    MaterializedViewBench(BenchOptions options, PrintStream out) {
        this.options = requireNonNull(options, "options is null");
        this.out = requireNonNull(out, "out is null");
    }

    public static void main(String[] args) throws IOException, SQLException {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.fromArguments(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        // The server logs each DDL and a line per few epochs at info; keep its stderr to warnings
        // unless the caller asks otherwise (-Dorg.slf4j.simpleLogger.defaultLogLevel=info).
        if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
            System.setProperty(SIMPLE_LOGGER_LEVEL, "warn");
        }
        boolean consistent = new MaterializedViewBench(options, System.out).run();
        System.exit(consistent ? 0 : 1);
    }

    /** Runs the benchmark; false when a view's totals do not match the bids loaded. */
    boolean run() throws IOException, SQLException {
        out.printf(Locale.ROOT, "freshet materialized-view benchmark: %,d bids in transactions of %,d "
                + "(%,d rows per INSERT), %,d auctions, %,d freshness samples%n", options.rows(), options.batch(),
                options.rowsPerInsert(), options.auctions(), options.samples());
        if (options.external() != null) {
            out.printf("external server %s:%d%n", options.external().host(), options.external().port());
            return runAgainst(options.external().host(), options.external().port());
        }
        try (InProcessServer server = InProcessServer.start(options.port(), options.dataDirectory())) {
            out.printf("in-process server on %s:%d, data directory %s%n", HOST, server.port(),
                    server.dataDirectory());
            boolean consistent = runAgainst(HOST, server.port());
            printMemory(server);
            return consistent;
        }
    }

    private boolean runAgainst(String host, int port) throws SQLException {
        try (Connection writer = connect(host, port, "freshet-bench-writer");
                Connection reader = connect(host, port, "freshet-bench-reader")) {
            out.println();
            out.println("setup: tables bids and auctions, views per_auction and per_category");
            long setupStart = System.nanoTime();
            AuctionSchema.create(writer, options.auctions(), options.rowsPerInsert());
            out.printf(Locale.ROOT, "  done in %.2f s%n", (System.nanoTime() - setupStart) / 1e9);

            out.println();
            out.println("phase 1: throughput");
            LoadPhase.Result load = new LoadPhase(writer, options, out).run();
            out.printf(Locale.ROOT, "  rows %,d in %.2f s (load %.2f s + FLUSH %.3f s): %,.0f rows/s%n", load.rows(),
                    load.seconds(), load.loadNanos() / 1e9, load.flushNanos() / 1e9, load.rowsPerSecond());
            boolean perAuction = check("per_auction", AuctionSchema.bidsPerAuctionTotal(reader), load.rows());
            boolean perCategory = check("per_category", AuctionSchema.bidsPerCategoryTotal(reader), load.rows());

            out.println();
            out.println("phase 2: freshness (commit returned -> row visible in per_auction)");
            FreshnessPhase.Result freshness = new FreshnessPhase(writer, reader, options.samples(),
                    options.rows() + 1, options.auctions() + 1L).run();
            out.printf(Locale.ROOT, "  other session: %s; %.1f polls per sample%n",
                    freshness.otherSession().summary(),
                    (double) freshness.polls() / freshness.otherSession().count());
            out.printf(Locale.ROOT, "  same session (read your writes): %s; %d reads missed their own write%n",
                    freshness.sameSession().summary(), freshness.sameSessionMisses());
            return perAuction && perCategory;
        }
    }

    private boolean check(String view, long counted, long expected) {
        boolean ok = counted == expected;
        out.printf(Locale.ROOT, "  check: SELECT SUM(bids) FROM %s = %,d, expected %,d: %s%n", view, counted,
                expected, ok ? "OK" : "MISMATCH");
        return ok;
    }

    private void printMemory(InProcessServer server) throws IOException {
        out.println();
        out.println("memory (server and benchmark client share this JVM)");
        out.printf(Locale.ROOT, "  heap used after GC: %s (max heap %s)%n", mebibytes(ProcessMemory.heapUsedAfterGc()),
                mebibytes(Runtime.getRuntime().maxMemory()));
        OptionalLong resident = ProcessMemory.residentSetBytes();
        out.printf("  process RSS (VmRSS): %s%n", resident.isPresent() ? mebibytes(resident.getAsLong()) : "unknown");
        out.printf("  data directory: %s on disk%n", mebibytes(server.dataDirectoryBytes()));
    }

    private static String mebibytes(long bytes) {
        return format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static Connection connect(String host, int port, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "freshet");
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", "20");
        // Server-side prepared statements from the first execution (pgjdbc's default is the fifth):
        // the server plans and compiles a statement at each Parse, and the benchmark measures
        // loading and views, not planning the same INSERT and SELECT again.
        properties.setProperty("prepareThreshold", "1");
        // A server that stops answering ends the run instead of hanging it; FLUSH of a big load may
        // take a while, so the bound is generous.
        properties.setProperty("socketTimeout", "600");
        return DriverManager.getConnection(format("jdbc:postgresql://%s:%d/freshet", host, port), properties);
    }
}
