package dev.freshet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.freshet.bench.NexmarkQueries.NexmarkQuery;

/**
 * The options of {@link NexmarkBench}, from its command line.
 *
 * @param events how many NEXMark events each source counts, of all three kinds together
 * @param queries the queries to run, in the order given
 * @param runs how many times each query runs, each time in a fresh server
 * @param workers the servers' dataflow worker threads; 0 leaves the server's default (one per core)
 * @param warmupEvents events of a warm-up run of the same query in the same server before the
 *     measured one, so that the JIT has compiled its code; 0 for none
 * @param jvmOptions the JVM options of each server process
 * @param progressSeconds how often a run prints its progress
 * @param timeoutSeconds how long one run may take before it is stopped and counted as failed
 * @param out the Markdown file the result tables are written to, or null
 * @param workDirectory where each run's data directory (deleted after the run) and server log
 *     (kept) go, or null for a fresh temporary directory
 */
record NexmarkOptions(long events, List<NexmarkQuery> queries, int runs, int workers, long warmupEvents,
        List<String> jvmOptions, int progressSeconds, long timeoutSeconds, Path out, Path workDirectory) {

    /** The Flink side-by-side harness's heap, so that the two engines get the same. */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx4g");

    static final String USAGE = """
            Usage: java -cp ... dev.freshet.bench.NexmarkBench [options]

            Runs NEXMark queries as materialized views over the nexmark source, each in a fresh server
            process on a fresh data directory, and prints events/s, CPU, cores, memory and row counts.

            Options:
              --events N          NEXMark events per run, all kinds counted (default 1000000)
              --queries LIST      comma-separated, e.g. q0,q1,q5 (default: all of them:
                                  %s)
              --runs N            runs per query; the table shows the median (default 1)
              --workers N         dataflow worker threads of the server (default 0: one per core)
              --warmup N          first run the query over N events in the same server, unmeasured,
                                  then drop it (default 0: no warm-up)
              --jvm-options S     JVM options of the server process, space-separated (default "-Xmx4g",
                                  the Flink harness's heap; "-Xmx1g" is ./freshet's default)
              --progress S        seconds between progress lines (default 5)
              --timeout S         seconds one run may take before it counts as failed (default 3600)
              --out FILE          also write the result tables to FILE (Markdown)
              --work-dir D        where runs keep their data (deleted after each run) and server logs
                                  (kept) (default: a new temporary directory)
            """.formatted(String.join(",", NexmarkQueries.all().stream().map(NexmarkQuery::name).toList()));

    NexmarkOptions {
        queries = List.copyOf(queries);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Reads {@code --name value} and {@code --name=value} options.
     *
     * @throws IllegalArgumentException for an unknown option or query, a missing value or a value out of range
     */
    static NexmarkOptions fromArguments(List<String> arguments) {
        CommandLineOptions options = CommandLineOptions.parse(arguments);
        long events = options.takeLong("--events", "1000000", 1, Long.MAX_VALUE / 2);
        String queryList = options.take("--queries");
        int runs = (int) options.takeLong("--runs", "1", 1, 1000);
        int workers = (int) options.takeLong("--workers", "0", 0, 1024);
        long warmupEvents = options.takeLong("--warmup", "0", 0, Long.MAX_VALUE / 2);
        String jvmOptions = options.take("--jvm-options");
        int progressSeconds = (int) options.takeLong("--progress", "5", 1, 3600);
        long timeoutSeconds = options.takeLong("--timeout", "3600", 1, Long.MAX_VALUE / 1_000_000_000L);
        String out = options.take("--out");
        String workDirectory = options.take("--work-dir");
        options.refuseOthers();
        return new NexmarkOptions(events, queries(queryList), runs, workers, warmupEvents,
                jvmOptions == null ? DEFAULT_JVM_OPTIONS : words(jvmOptions), progressSeconds, timeoutSeconds,
                out == null ? null : Path.of(out), workDirectory == null ? null : Path.of(workDirectory));
    }

    private static List<NexmarkQuery> queries(String list) {
        if (list == null) {
            return NexmarkQueries.all();
        }
        List<NexmarkQuery> queries = new ArrayList<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                queries.add(NexmarkQueries.named(name));
            }
        }
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("--queries names no query");
        }
        return queries;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }
}
