package dev.freshet.tests.differential;

import static dev.freshet.tests.differential.DmlStatement.Parameter.bigint;
import static dev.freshet.tests.differential.DmlStatement.Parameter.timestamp;

import dev.freshet.tests.differential.DmlStatement.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Seeded random transactions over a table of bids with an event-time watermark ({@link
 * #CREATE_TABLE}), each statement with its outcome as {@link BidsModel} predicts it: the same seed
 * gives the same transactions, so a failing run replays with its seed.
 *
 * <p>Event times advance roughly monotonically: each new row moves the newest time on by 0 to
 * {@value #MAX_STEP_MILLIS} ms, and takes either that time or one up to the watermark's delay
 * behind it (out of order, never late). A few percent of rows are deliberately late, 4 to
 * {@value #MAX_LATENESS_MILLIS} ms behind the largest committed time (some by a single
 * millisecond); about one in a hundred lands exactly on the watermark, which is on time; about
 * two in a hundred lie more than the delay behind the newest time yet not below the committed
 * watermark (behind rows of their own transaction or statement, or of one rolled back), which
 * must not make them late; about three in a hundred have no time at all. Times start a few minutes before 1970, so windows on
 * both sides of the epoch see floor division.
 *
 * <p>Besides INSERTs of one to four rows, transactions UPDATE auction and price, or the time
 * within what the watermark allows, of rows not yet final, raise the prices of the rows at or
 * above the watermark of one auction, and DELETE such rows, by id or by bidder. Most transactions
 * are single autocommit statements; about a fifth are BEGIN ... COMMIT blocks and about one in
 * twelve BEGIN ... ROLLBACK. About one transaction in twenty-five is a deliberate attempt to
 * change final rows (by id, by auction or bidder, or by moving a time below the watermark), which
 * must fail with SQLSTATE 55000; those always stand alone in autocommit, since a failed statement
 * aborts a transaction block.
 *
 * <p>To keep every outcome well defined, a transaction block changes or deletes by id only rows
 * committed before it, each at most once, and deletes by predicate only in autocommit: a row is
 * never inserted and then moved or deleted in one transaction (which would leave open whether its
 * first time raised the watermark).
 *
 * <p>State: the random source, the model of the table, the newest event time generated, the next
 * fresh id (late rows use theirs up; ids are never reused), and the ids the open transaction
 * changed already.
 */
final class EventTimeWorkload {
    /** The table, in Freshet's dialect. */
    static final String CREATE_TABLE = "CREATE TABLE bids (id BIGINT PRIMARY KEY, auction BIGINT, bidder BIGINT, "
            + "price BIGINT, date_time TIMESTAMP, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND)";
    /** The table for DuckDB: no watermark (the mirror statements leave late rows out), no key to check. */
    static final String CREATE_ORACLE_TABLE =
            "CREATE TABLE bids (id BIGINT, auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP)";
    static final String TABLE = "bids";
    static final String TIME_COLUMN = "date_time";
    static final List<String> COLUMNS = List.of("id", "auction", "bidder", "price", "date_time");
    /** The most the newest event time moves on per generated row. */
    static final long MAX_STEP_MILLIS = 1_500;
    /** The furthest a late row lies behind the largest committed time. */
    static final long MAX_LATENESS_MILLIS = 30_000;

    /** The event time of the first row, give or take a minute: five minutes before the epoch. */
    private static final long START_MILLIS = -5 * 60_000L;
    private static final int AUCTIONS = 5;
    private static final int BIDDERS = 8;
    private static final int MAX_PRICE = 100;
    private static final int MAX_INSERT_ROWS = 4;
    private static final double REFUSAL_SHARE = 0.04;
    private static final double COMMIT_SHARE = 0.18;
    private static final double ROLLBACK_SHARE = 0.08;

    private final Random random;
    private final BidsModel model = new BidsModel();
    private final Set<Long> changedInTransaction = new HashSet<>();
    private long newest;
    private long nextId = 1;
    private int transactions;

    EventTimeWorkload(long seed) {
        this.random = new Random(seed);
        this.newest = START_MILLIS - random.nextInt(60_000);
    }

    /** The watermark after the last transaction generated, assuming it ran as predicted. */
    long watermark() {
        return model.watermark();
    }

    /** The rows the table holds after the last transaction generated. */
    Collection<Bid> rows() {
        return model.committedRows();
    }

    /** {@code statements} autocommit INSERTs of one to four rows, some of them late. */
    List<EventTimeTransaction> initialLoad(int statements) {
        List<EventTimeTransaction> load = new ArrayList<>();
        for (int i = 0; i < statements; i++) {
            load.add(autocommit(++transactions, () -> insert(1 + random.nextInt(MAX_INSERT_ROWS))));
        }
        return load;
    }

    /** The next random transaction; the model assumes it runs as predicted. */
    EventTimeTransaction next() {
        int number = ++transactions;
        double roll = random.nextDouble();
        if (roll < REFUSAL_SHARE) {
            ModeledStatement refused = refusal();
            if (refused != null) {
                return new EventTimeTransaction(number, List.of(refused), DmlTransaction.Ending.AUTOCOMMIT,
                        model.watermark());
            }
        }
        if (roll < REFUSAL_SHARE + COMMIT_SHARE) {
            return block(number, DmlTransaction.Ending.COMMIT, 2 + random.nextInt(4));
        }
        if (roll < REFUSAL_SHARE + COMMIT_SHARE + ROLLBACK_SHARE) {
            return block(number, DmlTransaction.Ending.ROLLBACK, 1 + random.nextInt(4));
        }
        return autocommit(number, () -> statement(true));
    }

    private EventTimeTransaction autocommit(int number, StatementSource source) {
        model.begin();
        changedInTransaction.clear();
        ModeledStatement statement = source.next();
        model.commit();
        return new EventTimeTransaction(number, List.of(statement), DmlTransaction.Ending.AUTOCOMMIT,
                model.watermark());
    }

    private EventTimeTransaction block(int number, DmlTransaction.Ending ending, int size) {
        model.begin();
        changedInTransaction.clear();
        List<ModeledStatement> statements = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            statements.add(statement(false));
        }
        if (ending == DmlTransaction.Ending.COMMIT) {
            model.commit();
        }
        else {
            model.rollback();
        }
        return new EventTimeTransaction(number, statements, ending, model.watermark());
    }

    /** One statement that succeeds; {@code alone}: it is the whole transaction (autocommit). */
    private ModeledStatement statement(boolean alone) {
        double roll = random.nextDouble();
        ModeledStatement statement = null;
        if (roll < 0.10) {
            statement = updateAuctionAndPrice();
        }
        else if (roll < 0.16) {
            statement = updateTime();
        }
        else if (roll < 0.23) {
            statement = raisePrices();
        }
        else if (roll < 0.33) {
            statement = deleteById();
        }
        else if (roll < 0.37 && alone) {
            statement = deleteByBidder();
        }
        if (statement == null) {
            statement = insert(1 + random.nextInt(MAX_INSERT_ROWS));
        }
        return statement;
    }

    private ModeledStatement insert(int size) {
        List<Bid> rows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            rows.add(newBid());
        }
        List<Bid> accepted = model.insert(rows);
        List<Bid> late = rows.stream().filter(row -> !accepted.contains(row)).toList();
        DmlStatement mirror = accepted.isEmpty() ? null : insertStatement(accepted);
        return ModeledStatement.insert(insertStatement(rows), mirror, rows, late);
    }

    private ModeledStatement updateAuctionAndPrice() {
        Bid target = changeableRow();
        if (target == null) {
            return null;
        }
        Long auction = auction();
        Long price = price();
        model.update(target.withAuctionAndPrice(auction, price));
        changedInTransaction.add(target.id());
        return ModeledStatement.change(DmlStatement.of("UPDATE bids SET auction = ?, price = ? WHERE id = ?",
                bigint(auction), bigint(price), bigint(target.id())), 1);
    }

    /** Moves a row's time to another at or above the watermark and at most the largest: the watermark stays. */
    private ModeledStatement updateTime() {
        Bid target = changeableTimedRow();
        if (target == null || model.maxAcceptedTime() == null) {
            return null;
        }
        long time = model.watermark() + random.nextInt((int) BidsModel.DELAY_MILLIS + 1);
        model.update(target.withTime(time));
        changedInTransaction.add(target.id());
        return ModeledStatement.change(DmlStatement.of("UPDATE bids SET date_time = ? WHERE id = ?",
                timestamp(EventTime.toTimestamp(time)), bigint(target.id())), 1);
    }

    private ModeledStatement raisePrices() {
        long auction = 1 + random.nextInt(AUCTIONS);
        long raise = 1 + random.nextInt(5);
        long bound = changeableBound();
        int count = 0;
        for (Bid row : List.copyOf(model.rows())) {
            if (row.auction() != null && row.auction() == auction && row.time() != null && row.time() >= bound) {
                model.update(row.withPrice(row.price() == null ? null : row.price() + raise));
                count++;
            }
        }
        return ModeledStatement.change(DmlStatement.of(
                "UPDATE bids SET price = price + ? WHERE auction = ? AND date_time >= ?", bigint(raise),
                bigint(auction), timestamp(EventTime.toTimestamp(bound))), count);
    }

    private ModeledStatement deleteById() {
        Bid target = changeableRow();
        if (target == null) {
            return null;
        }
        model.delete(target.id());
        changedInTransaction.add(target.id());
        return ModeledStatement.change(DmlStatement.of("DELETE FROM bids WHERE id = ?", bigint(target.id())), 1);
    }

    private ModeledStatement deleteByBidder() {
        long bidder = 1 + random.nextInt(BIDDERS);
        long bound = changeableBound();
        int count = 0;
        for (Bid row : List.copyOf(model.rows())) {
            if (row.bidder() != null && row.bidder() == bidder && row.time() != null && row.time() >= bound) {
                model.delete(row.id());
                count++;
            }
        }
        return ModeledStatement.change(DmlStatement.of("DELETE FROM bids WHERE bidder = ? AND date_time >= ?",
                bigint(bidder), timestamp(EventTime.toTimestamp(bound))), count);
    }

    /**
     * A statement that touches a final row, or would make a row final, so must fail; null when
     * there is no final row yet. The model does not change.
     */
    private ModeledStatement refusal() {
        List<Bid> finalRows = model.committedRows().stream().filter(row -> model.isBelowWatermark(row.time()))
                .toList();
        if (finalRows.isEmpty()) {
            return null;
        }
        Bid old = finalRows.get(random.nextInt(finalRows.size()));
        DmlStatement statement = switch (random.nextInt(5)) {
            case 0 -> DmlStatement.of("DELETE FROM bids WHERE id = ?", bigint(old.id()));
            case 1 -> DmlStatement.of("UPDATE bids SET auction = ?, price = ? WHERE id = ?", bigint(auction()),
                    bigint(price()), bigint(old.id()));
            case 2 -> timeBelowWatermark();
            case 3 -> old.auction() == null ? null
                    : DmlStatement.of("DELETE FROM bids WHERE auction = ?", bigint(old.auction()));
            default -> old.bidder() == null ? null
                    : DmlStatement.of("UPDATE bids SET price = price + ? WHERE bidder = ?",
                            bigint(1L + random.nextInt(5)), bigint(old.bidder()));
        };
        if (statement == null) {
            statement = DmlStatement.of("DELETE FROM bids WHERE id = ?", bigint(old.id()));
        }
        return ModeledStatement.refused(statement, BidsModel.FINAL_ROW_SQLSTATE);
    }

    /** Moves a row that is not final (or, if there is none, a final one) to up to ten seconds below the watermark. */
    private DmlStatement timeBelowWatermark() {
        List<Bid> candidates = model.committedRows().stream()
                .filter(row -> row.time() != null && !model.isBelowWatermark(row.time())).toList();
        List<Bid> rows = candidates.isEmpty() ? List.copyOf(model.committedRows()) : candidates;
        Bid target = rows.get(random.nextInt(rows.size()));
        long time = model.watermark() - 1 - random.nextInt(10_000);
        return DmlStatement.of("UPDATE bids SET date_time = ? WHERE id = ?", timestamp(EventTime.toTimestamp(time)),
                bigint(target.id()));
    }

    /** The lower time bound of a change by predicate: the watermark (a row exactly on it may change). */
    private long changeableBound() {
        if (model.maxAcceptedTime() == null) {
            return newest - BidsModel.DELAY_MILLIS;
        }
        return model.watermark();
    }

    /** A committed row not final and not changed yet in this transaction, timed ones preferred; or null. */
    private Bid changeableRow() {
        if (random.nextInt(5) > 0) {
            Bid timed = changeableTimedRow();
            if (timed != null) {
                return timed;
            }
        }
        return pick(row -> true);
    }

    private Bid changeableTimedRow() {
        return pick(row -> row.time() != null);
    }

    private Bid pick(Predicate<Bid> filter) {
        List<Bid> candidates = model.committedRows().stream()
                .filter(row -> !changedInTransaction.contains(row.id()) && !model.isBelowWatermark(row.time()))
                .filter(filter).toList();
        if (candidates.isEmpty()) {
            return null;
        }
        // The version the open transaction sees: a change by predicate may have touched it.
        return model.row(candidates.get(random.nextInt(candidates.size())).id());
    }

    private Bid newBid() {
        newest += random.nextInt((int) MAX_STEP_MILLIS + 1);
        return new Bid(nextId++, auction(), nullable(0.08, BIDDERS), price(), eventTime());
    }

    /**
     * A new row's time: NULL, late, exactly on the watermark, behind the newest time by more than
     * the delay but not late, or on time (the newest time, or up to the delay behind it, which the
     * watermark never passes).
     */
    private Long eventTime() {
        double roll = random.nextDouble();
        if (roll < 0.03) {
            return null;
        }
        Long max = model.maxAcceptedTime();
        if (max != null && roll < 0.065) {
            long behind = BidsModel.DELAY_MILLIS + 1 + random.nextInt((int) (MAX_LATENESS_MILLIS - BidsModel.DELAY_MILLIS));
            return max - behind;
        }
        if (max != null && roll < 0.075) {
            return model.watermark() - 1 - random.nextInt(3);
        }
        if (max != null && roll < 0.085) {
            return model.watermark();
        }
        long behindNewest = newest - BidsModel.DELAY_MILLIS - model.watermark();
        if (max != null && roll < 0.105 && behindNewest > 0) {
            return model.watermark() + random.nextInt((int) Math.min(behindNewest, Integer.MAX_VALUE));
        }
        if (roll < 0.5) {
            return newest;
        }
        return newest - random.nextInt((int) BidsModel.DELAY_MILLIS);
    }

    private Long auction() {
        return nullable(0.05, AUCTIONS);
    }

    private Long price() {
        return nullable(0.05, MAX_PRICE);
    }

    /** 1 to {@code max}, or NULL with probability {@code nullShare}. */
    private Long nullable(double nullShare, int max) {
        if (random.nextDouble() < nullShare) {
            return null;
        }
        return 1L + random.nextInt(max);
    }

    private static DmlStatement insertStatement(List<Bid> rows) {
        String values = rows.stream().map(row -> "(?, ?, ?, ?, ?)").collect(Collectors.joining(", "));
        List<Parameter> parameters = new ArrayList<>();
        for (Bid row : rows) {
            parameters.add(bigint(row.id()));
            parameters.add(bigint(row.auction()));
            parameters.add(bigint(row.bidder()));
            parameters.add(bigint(row.price()));
            parameters.add(timestamp(row.time() == null ? null : EventTime.toTimestamp(row.time())));
        }
        return new DmlStatement("INSERT INTO bids (" + String.join(", ", COLUMNS) + ") VALUES " + values, parameters);
    }

    /** Where a transaction's single statement comes from. */
    @FunctionalInterface
    private interface StatementSource {
        ModeledStatement next();
    }
}
