package dev.freshet.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Phase 1, throughput: loads {@code rows} bids with multi-row {@code INSERT}s in transactions of
 * {@code batch} rows, then runs {@code FLUSH}, which returns once both views hold every bid. The
 * rate counts the FLUSH, so it is the rate at which bids get into the views, not only into the
 * table.
 *
 * <p>Bid {@code i} (from 1) has id {@code i}; its auction, bidder and price are drawn from a
 * seeded generator, so every run loads the same rows. Every auction exists, so every bid also
 * reaches {@code per_category}.
 */
final class LoadPhase {
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long SEED = 20_240_601L;
    private static final int BIDDERS = 100_000;
    private static final int MAX_PRICE = 10_000;

    /** What phase 1 measured. */
    record Result(long rows, long loadNanos, long flushNanos) {
        double seconds() {
            return (loadNanos + flushNanos) / 1e9;
        }

        double rowsPerSecond() {
            return rows / seconds();
        }
    }

    private final Connection connection;
    private final BenchOptions options;
    private final PrintStream out;

    LoadPhase(Connection connection, BenchOptions options, PrintStream out) {
        this.connection = requireNonNull(connection, "connection is null");
        this.options = requireNonNull(options, "options is null");
        this.out = requireNonNull(out, "out is null");
    }

    Result run() throws SQLException {
        SplittableRandom random = new SplittableRandom(SEED);
        long rows = options.rows();
        long start = System.nanoTime();
        long lastReport = start;
        long rowsAtLastReport = 0;
        connection.setAutoCommit(false);
        try (MultiRowInserter inserter = new MultiRowInserter(connection, "bids", 4, options.rowsPerInsert())) {
            for (long id = 1; id <= rows; id++) {
                inserter.add(id, random.nextLong(1, options.auctions() + 1L), random.nextLong(1, BIDDERS + 1L),
                        random.nextLong(1, MAX_PRICE + 1L));
                if (id % options.batch() == 0 || id == rows) {
                    inserter.executePending();
                    connection.commit();
                    long now = System.nanoTime();
                    if (now - lastReport >= PROGRESS_INTERVAL_NANOS) {
                        out.printf(Locale.ROOT, "  loaded %,d of %,d bids (%.0f%%): %,.0f rows/s overall, "
                                + "%,.0f rows/s in the last %.1f s%n", id, rows, 100.0 * id / rows,
                                id / seconds(now - start), (id - rowsAtLastReport) / seconds(now - lastReport),
                                seconds(now - lastReport));
                        lastReport = now;
                        rowsAtLastReport = id;
                    }
                }
            }
        } finally {
            connection.setAutoCommit(true);
        }
        long loaded = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("FLUSH");
        }
        long flushed = System.nanoTime();
        return new Result(rows, loaded - start, flushed - loaded);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
