package dev.freshet.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Phase 2, freshness: how long after an {@code INSERT}'s commit returns to the client the bid
 * shows in {@code per_auction}, in two cases.
 *
 * <ul>
 *   <li><b>Other session.</b> The writer commits one bid on an auction no bid has named before, so
 *       the view row for that auction is the marker; right after the commit returns, a second
 *       connection polls {@code SELECT bids FROM per_auction WHERE auction = ?} in a tight loop
 *       until the row is there. The latency runs from the commit's return to the return of the
 *       first poll that sees the row, so it includes that one read's round trip.
 *   <li><b>Same session (read your writes).</b> The writer itself runs the SELECT right after its
 *       commit; the latency is that SELECT's time. The server promises the row on the first read;
 *       a read that misses it is counted, and the writer then polls until it shows.
 * </ul>
 *
 * <p>Both run in autocommit mode, one sample at a time, the two cases taking turns, after
 * {@value #WARMUP_SAMPLES} unrecorded turns that warm up the statements' code paths. Each sample
 * uses a new bid id and a new auction id, above those phase 1 used.
 */
final class FreshnessPhase {
    private static final int WARMUP_SAMPLES = 20;
    /** A row this late is taken for a lost change, which fails the benchmark rather than hanging it. */
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final String INSERT = "INSERT INTO bids VALUES (?, ?, ?, ?)";
    private static final String POLL = "SELECT bids FROM per_auction WHERE auction = ?";

    /**
     * What phase 2 measured.
     *
     * @param polls how many polls the other session ran in all, for its recorded samples
     * @param sameSessionMisses how many same-session reads did not see their own write
     */
    record Result(Latencies otherSession, long polls, Latencies sameSession, long sameSessionMisses) {
    }

    private final Connection writer;
    private final Connection reader;
    private final int samples;
    private long nextBidId;
    private long nextAuction;
    private final Latencies otherSession = new Latencies();
    private long polls;
    private final Latencies sameSession = new Latencies();
    private long sameSessionMisses;

    /**
     * @param firstBidId the first bid id free for this phase
     * @param firstAuction the first auction id no bid has named
     */
    FreshnessPhase(Connection writer, Connection reader, int samples, long firstBidId, long firstAuction) {
        this.writer = requireNonNull(writer, "writer is null");
        this.reader = requireNonNull(reader, "reader is null");
        if (writer == reader) {
            throw new IllegalArgumentException("the reader must be a session of its own");
        }
        this.samples = samples;
        this.nextBidId = firstBidId;
        this.nextAuction = firstAuction;
    }

    /** Takes the samples; call once. */
    Result run() throws SQLException {
        try (PreparedStatement insert = writer.prepareStatement(INSERT);
                PreparedStatement readerPoll = reader.prepareStatement(POLL);
                PreparedStatement writerPoll = writer.prepareStatement(POLL)) {
            // The two cases alternate, so that both meet the same background work (compactions
            // after phase 1, the other server threads) rather than one case getting the quiet end.
            for (int i = -WARMUP_SAMPLES; i < samples; i++) {
                boolean recorded = i >= 0;
                sampleOtherSession(insert, readerPoll, recorded);
                sampleSameSession(insert, writerPoll, recorded);
            }
            return new Result(otherSession, polls, sameSession, sameSessionMisses);
        }
    }

    private void sampleOtherSession(PreparedStatement insert, PreparedStatement readerPoll, boolean recorded)
            throws SQLException {
        long auction = insertBid(insert);
        long committed = System.nanoTime();
        long samplePolls = 1;
        while (!isVisible(readerPoll, auction)) {
            samplePolls++;
            failIfTooLate(committed, auction);
        }
        long appeared = System.nanoTime();
        if (recorded) {
            otherSession.add(appeared - committed);
            polls += samplePolls;
        }
    }

    private void sampleSameSession(PreparedStatement insert, PreparedStatement writerPoll, boolean recorded)
            throws SQLException {
        long auction = insertBid(insert);
        long committed = System.nanoTime();
        boolean seen = isVisible(writerPoll, auction);
        if (!seen && recorded) {
            sameSessionMisses++;
        }
        while (!seen) {
            failIfTooLate(committed, auction);
            seen = isVisible(writerPoll, auction);
        }
        long appeared = System.nanoTime();
        if (recorded) {
            sameSession.add(appeared - committed);
        }
    }

    /** Commits one bid on a new auction and returns the auction. */
    private long insertBid(PreparedStatement insert) throws SQLException {
        long auction = nextAuction++;
        insert.setLong(1, nextBidId++);
        insert.setLong(2, auction);
        insert.setLong(3, 1);
        insert.setLong(4, 100);
        insert.executeUpdate();
        return auction;
    }

    private static boolean isVisible(PreparedStatement poll, long auction) throws SQLException {
        poll.setLong(1, auction);
        try (ResultSet result = poll.executeQuery()) {
            if (!result.next()) {
                return false;
            }
            long bids = result.getLong(1);
            if (bids != 1) {
                throw new IllegalStateException("per_auction counts " + bids + " bids on auction " + auction
                        + ", which has exactly one");
            }
            return true;
        }
    }

    private static void failIfTooLate(long committed, long auction) {
        if (System.nanoTime() - committed > GIVE_UP_NANOS) {
            throw new IllegalStateException("the bid on auction " + auction + " was committed but is not in "
                    + "per_auction after " + TimeUnit.NANOSECONDS.toSeconds(GIVE_UP_NANOS) + " s");
        }
    }
}
