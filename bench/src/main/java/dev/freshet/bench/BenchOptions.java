package dev.freshet.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@link MaterializedViewBench}, from its command line.
 *
 * @param rows how many bids phase 1 loads
 * @param batch how many bids each phase-1 transaction commits
 * @param rowsPerInsert how many rows one multi-row {@code INSERT} statement carries
 * @param auctions how many auctions the bids are spread over
 * @param samples how many freshness samples phase 2 takes, for each of its two cases
 * @param port the in-process server's PostgreSQL port; 0 picks a free one
 * @param dataDirectory the in-process server's data directory, or null for a fresh temporary one
 *     (deleted at the end)
 * @param external the server to benchmark instead of an in-process one, or null
 */
record BenchOptions(long rows, int batch, int rowsPerInsert, int auctions, int samples, int port,
        Path dataDirectory, Endpoint external) {

    static final String USAGE = """
            Usage: java -cp ... dev.freshet.bench.MaterializedViewBench [options]

            Loads bids into a table feeding an aggregate and a join materialized view, then measures
            how soon a committed INSERT shows in a view.

            Options:
              --rows N             bids to load in phase 1 (default 200000)
              --batch N            bids per transaction in phase 1 (default 1000)
              --rows-per-insert N  rows per multi-row INSERT statement (default 100)
              --auctions N         auctions the bids are spread over (default 1000)
              --samples N          freshness samples per case in phase 2 (default 500)
              --port P             port of the in-process server (default 0: a free port)
              --data-dir D         data directory of the in-process server, kept afterwards (default:
                                   a fresh temporary directory, deleted at the end)
              --external H:P       benchmark the server at H:P instead of starting one; the benchmark
                                   drops and recreates its tables and views there (bids, auctions,
                                   per_auction, per_category)
            """;

    /** Where an external server listens. */
    record Endpoint(String host, int port) {
        static Endpoint parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("--external needs host:port, not \"" + text + "\"");
            }
            return new Endpoint(text.substring(0, colon), (int) CommandLineOptions.range("--external port",
                    text.substring(colon + 1), 1, 65535));
        }
    }

    /**
     * Reads {@code --name value} and {@code --name=value} options.
     *
     * @throws IllegalArgumentException for an unknown option, a missing value or a value out of range
     */
    static BenchOptions fromArguments(List<String> arguments) {
        CommandLineOptions options = CommandLineOptions.parse(arguments);
        long rows = options.takeLong("--rows", "200000", 1, Long.MAX_VALUE);
        int batch = (int) options.takeLong("--batch", "1000", 1, Integer.MAX_VALUE);
        // 32767 bind parameters at most in one statement (the protocol counts them in an int16).
        int rowsPerInsert = (int) options.takeLong("--rows-per-insert", "100", 1, 8191);
        int auctions = (int) options.takeLong("--auctions", "1000", 1, Integer.MAX_VALUE);
        int samples = (int) options.takeLong("--samples", "500", 1, Integer.MAX_VALUE);
        int port = (int) options.takeLong("--port", "0", 0, 65535);
        String dataDirectory = options.take("--data-dir");
        String external = options.take("--external");
        options.refuseOthers();
        if (external != null && dataDirectory != null) {
            throw new IllegalArgumentException("--data-dir is for the in-process server; it cannot go with --external");
        }
        return new BenchOptions(rows, batch, rowsPerInsert, auctions, samples, port,
                dataDirectory == null ? null : Path.of(dataDirectory),
                external == null ? null : Endpoint.parse(external));
    }
}
