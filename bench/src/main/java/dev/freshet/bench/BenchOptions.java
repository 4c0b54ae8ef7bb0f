package dev.freshet.bench;

import static java.lang.String.format;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            return new Endpoint(text.substring(0, colon), (int) range("--external port",
                    text.substring(colon + 1), 1, 65535));
        }
    }

    /**
     * Reads {@code --name value} and {@code --name=value} options.
     *
     * @throws IllegalArgumentException for an unknown option, a missing value or a value out of range
     */
    static BenchOptions fromArguments(List<String> arguments) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + argument + "\"");
            }
            int equals = argument.indexOf('=');
            if (equals > 0) {
                values.put(argument.substring(0, equals), argument.substring(equals + 1));
            } else {
                if (i + 1 >= arguments.size()) {
                    throw new IllegalArgumentException("option " + argument + " needs a value");
                }
                values.put(argument, arguments.get(++i));
            }
        }
        long rows = option("--rows", values.remove("--rows"), "200000", 1, Long.MAX_VALUE);
        int batch = (int) option("--batch", values.remove("--batch"), "1000", 1, Integer.MAX_VALUE);
        // 32767 bind parameters at most in one statement (the protocol counts them in an int16).
        int rowsPerInsert = (int) option("--rows-per-insert", values.remove("--rows-per-insert"), "100", 1, 8191);
        int auctions = (int) option("--auctions", values.remove("--auctions"), "1000", 1, Integer.MAX_VALUE);
        int samples = (int) option("--samples", values.remove("--samples"), "500", 1, Integer.MAX_VALUE);
        int port = (int) option("--port", values.remove("--port"), "0", 0, 65535);
        String dataDirectory = values.remove("--data-dir");
        String external = values.remove("--external");
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + values.keySet().iterator().next());
        }
        if (external != null && dataDirectory != null) {
            throw new IllegalArgumentException("--data-dir is for the in-process server; it cannot go with --external");
        }
        return new BenchOptions(rows, batch, rowsPerInsert, auctions, samples, port,
                dataDirectory == null ? null : Path.of(dataDirectory),
                external == null ? null : Endpoint.parse(external));
    }

    private static long option(String name, String value, String defaultValue, long min, long max) {
        return range(name, value == null ? defaultValue : value, min, max);
    }

    private static long range(String name, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not \"" + text + "\"", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(format("%s must be between %d and %d, not %d", name, min, max, value));
        }
        return value;
    }
}
