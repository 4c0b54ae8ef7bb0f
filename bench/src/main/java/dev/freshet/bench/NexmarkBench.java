package dev.freshet.bench;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import dev.freshet.bench.NexmarkOutcome.Failed;
import dev.freshet.bench.NexmarkOutcome.Measured;
import dev.freshet.bench.NexmarkOutcome.Refused;
import dev.freshet.bench.NexmarkQueries.NexmarkQuery;

/**
 * The NEXMark benchmark: runs each chosen query as {@code CREATE MATERIALIZED VIEW qN AS ...} over
 * the {@code nexmark} source's {@code person}, {@code auction} and {@code bid} tables, bounded to N
 * events and made as fast as they are read, each run in a fresh server process on a fresh data
 * directory ({@link NexmarkRun}). For each run it prints events per second (N over the time from
 * the view's creation to its last event committed), the server's CPU time and the cores that makes,
 * events per second per core, the server's peak heap and resident set, and the view's rows; q0, q1
 * and q2 have their rows checked against the generator ({@link NexmarkExpectedCounts}). A query
 * Freshet refuses shows its SQLSTATE and message instead of figures.
 *
 * <p>At the end it prints a summary shaped like NEXMARK.md §3's table, with Flink's per-core
 * figure for each query ({@link FlinkReference}), and a table of every run; {@code --out} also
 * writes them to a Markdown file. Exits with status 1 when a run failed or a view's row count was
 * wrong, 2 for bad options.
 */
public final class NexmarkBench {
    private final NexmarkOptions options;
    private final List<String> arguments;
    private final PrintStream out;

    NexmarkBench(NexmarkOptions options, List<String> arguments, PrintStream out) {
        this.options = requireNonNull(options, "options is null");
        this.arguments = List.copyOf(arguments);
        this.out = requireNonNull(out, "out is null");
    }

    public static void main(String[] args) throws IOException {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(NexmarkOptions.USAGE);
            return;
        }
        NexmarkOptions options;
        try {
            options = NexmarkOptions.fromArguments(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println("nexmark-bench: " + e.getMessage());
            System.err.print(NexmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        NexmarkReport report = new NexmarkBench(options, arguments, System.out).run();
        System.exit(report.hasFailures() ? 1 : 0);
    }

    /** Runs every query the options name, prints the tables and writes {@code --out}. */
    NexmarkReport run() throws IOException {
        Path workDirectory = options.workDirectory() == null
                ? Files.createTempDirectory("freshet-nexmark-")
                : Files.createDirectories(options.workDirectory());
        out.printf(Locale.ROOT, "freshet NEXMark benchmark: %,d events per run, %d run(s) per query, %s%n",
                options.events(), options.runs(), setup());
        out.printf("server logs under %s%n", workDirectory);
        NexmarkReport report = new NexmarkReport();
        NexmarkExpectedCounts expectedCounts = new NexmarkExpectedCounts();
        for (NexmarkQuery query : options.queries()) {
            out.println();
            out.printf("%s: %s%n", query.name(), query.differences());
            for (int number = 1; number <= options.runs(); number++) {
                NexmarkOutcome outcome = new NexmarkRun(options, query, number, expectedCounts, workDirectory, out)
                        .run();
                report.add(query.name(), outcome);
                out.println("  " + describe(query.name(), number, outcome));
                if (outcome instanceof Refused) {
                    // The same statement is refused every time.
                    break;
                }
            }
        }
        String document = document(report);
        out.println();
        out.print(document);
        if (options.out() != null) {
            Files.writeString(options.out(), document, StandardCharsets.UTF_8);
            out.printf("%nwrote %s%n", options.out());
        }
        return report;
    }

    private String setup() {
        String workers = "default dataflow workers (one per core)";
        if (options.workers() > 0) {
            workers = options.workers() + " dataflow workers";
        }
        String warmup = "none";
        if (options.warmupEvents() > 0) {
            warmup = format(Locale.ROOT, "%,d events", options.warmupEvents());
        }
        return format(Locale.ROOT, "server JVM options %s, %s, warm-up %s; %d cores here",
                String.join(" ", options.jvmOptions()), workers, warmup, Runtime.getRuntime().availableProcessors());
    }

    private static String describe(String query, int number, NexmarkOutcome outcome) {
        String run = query + " run " + number + ": ";
        if (outcome instanceof Refused refused) {
            return run + "REFUSED: " + refused.sqlState() + " " + refused.message();
        }
        if (outcome instanceof Failed failed) {
            return run + "FAILED: " + failed.message() + "\n  server log: " + failed.log();
        }
        Measured m = (Measured) outcome;
        String check = "";
        if (m.expectedRows().isPresent()) {
            check = format(Locale.ROOT, " (expected %,d: %s)", m.expectedRows().getAsLong(),
                    m.rowsAsExpected() ? "OK" : "WARNING: MISMATCH");
        }
        return format(Locale.ROOT, "%,d events in %.2f s (CREATE %.2f s): %,.0f events/s; server CPU %.2f s = "
                + "%.2f cores, %,.0f events/s per core (after CREATE: %,.0f events/s, %,.0f per core); other load "
                + "%s cores; heap peak %s, after GC %s, of %s; RSS peak %s; %,d row(s)%s", m.events(), m.seconds(),
                m.createSeconds(), m.eventsPerSecond(), m.cpuSeconds(), m.cores(), m.eventsPerSecondPerCore(),
                m.eventsPerSecondAfterCreate(), m.eventsPerSecondPerCoreAfterCreate(),
                NexmarkReport.otherLoad(m),
                NexmarkReport.mebibytes(m.heap().peakBeforeGc()), NexmarkReport.mebibytes(m.heap().peakAfterGc()),
                NexmarkReport.mebibytes(m.heap().max()), NexmarkReport.mebibytes(m.peakResidentBytes()), m.rows(),
                check);
    }

    private String document(NexmarkReport report) {
        StringBuilder document = new StringBuilder();
        document.append(format(Locale.ROOT, "NEXMark on Freshet, %s: %s events per run (all three kinds, as "
                + "Flink's events.num), %d run(s) per query, %s.%n", LocalDate.now(), NexmarkReport.millions(
                        options.events()), options.runs(), setup()));
        document.append("Command: `NexmarkBench ").append(String.join(" ", arguments)).append("`\n\n");
        document.append(report.summaryTable()).append('\n');
        document.append(report.runsTable());
        List<String> problems = report.problems();
        if (!problems.isEmpty()) {
            document.append('\n');
            for (String problem : problems) {
                document.append("- ").append(problem).append('\n');
            }
        }
        return document.toString();
    }
}
