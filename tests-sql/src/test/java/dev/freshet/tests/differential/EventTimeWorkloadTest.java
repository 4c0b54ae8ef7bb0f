package dev.freshet.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The event-time generator and its model, checked against a recomputation from the generated rows
 * and against DuckDB: what it predicts must be what the rules say, and what SQL does.
 */
class EventTimeWorkloadTest {
    private static final int LOAD = 60;
    private static final int TRANSACTIONS = 1000;
    /** An UPDATE or DELETE: its target is the table's rows matching the WHERE clause. */
    private static final Pattern CHANGE = Pattern.compile("(UPDATE bids SET (.*)|DELETE FROM bids) WHERE (.*)");

    @Test
    void shouldGenerateTheSameTransactionsFromTheSameSeed() {
        assertThat(scripts(42)).isEqualTo(scripts(42)).isNotEqualTo(scripts(43));
    }

    @Test
    void shouldMakeAFewPercentOfTimedRowsLateByMoreThanTheDelayAndAtMostThirtySeconds() {
        EventTimeWorkload workload = new EventTimeWorkload(7);
        Long maxAccepted = null;
        int timed = 0;
        int late = 0;
        for (EventTimeTransaction transaction : transactions(workload)) {
            // The rule, recomputed: late is below (largest committed time - delay) at the transaction's start.
            Long startMax = maxAccepted;
            Long transactionMax = null;
            for (ModeledStatement statement : transaction.statements()) {
                for (Bid row : statement.inserted()) {
                    if (row.time() == null) {
                        assertThat(statement.late()).doesNotContain(row);
                        continue;
                    }
                    timed++;
                    boolean isLate = startMax != null && row.time() < startMax - BidsModel.DELAY_MILLIS;
                    assertThat(statement.late().contains(row)).as("row %s late", row).isEqualTo(isLate);
                    if (isLate) {
                        late++;
                        assertThat(startMax - row.time()).isBetween(BidsModel.DELAY_MILLIS + 1,
                                EventTimeWorkload.MAX_LATENESS_MILLIS);
                    }
                    else if (transactionMax == null || row.time() > transactionMax) {
                        transactionMax = row.time();
                    }
                }
            }
            if (transaction.commits() && transactionMax != null && (startMax == null || transactionMax > startMax)) {
                maxAccepted = transactionMax;
            }
            long expectedWatermark = maxAccepted == null ? BidsModel.NO_WATERMARK
                    : maxAccepted - BidsModel.DELAY_MILLIS;
            assertThat(transaction.watermarkAfter()).as("watermark after transaction %d", transaction.number())
                    .isEqualTo(expectedWatermark);
        }

        assertThat((double) late / timed).as("share of late rows among %d timed rows", timed).isBetween(0.02, 0.08);
    }

    @Test
    void shouldAdvanceEventTimeInBoundedStepsWithRowsOutOfOrderMostlyWithinTheDelay() {
        EventTimeWorkload workload = new EventTimeWorkload(11);
        Long newest = null;
        Long first = null;
        long watermark = BidsModel.NO_WATERMARK;
        int rows = 0;
        int nullTimes = 0;
        int onTime = 0;
        int outOfOrder = 0;
        int onTheWatermark = 0;
        int behindTheDelay = 0;
        for (EventTimeTransaction transaction : transactions(workload)) {
            for (ModeledStatement statement : transaction.statements()) {
                for (Bid row : statement.inserted()) {
                    rows++;
                    if (row.time() == null) {
                        nullTimes++;
                        continue;
                    }
                    if (newest != null && !statement.late().contains(row)) {
                        onTime++;
                        assertThat(row.time() - newest).as("jump ahead of %s", row)
                                .isLessThanOrEqualTo(EventTimeWorkload.MAX_STEP_MILLIS + BidsModel.DELAY_MILLIS);
                        if (row.time() == watermark) {
                            onTheWatermark++;
                        }
                        else if (newest - row.time() >= BidsModel.DELAY_MILLIS) {
                            behindTheDelay++;
                        }
                        if (row.time() < newest) {
                            outOfOrder++;
                        }
                    }
                    first = first == null ? row.time() : first;
                    newest = newest == null ? row.time() : Math.max(newest, row.time());
                }
            }
            assertThat(transaction.watermarkAfter()).isGreaterThanOrEqualTo(watermark);
            watermark = transaction.watermarkAfter();
        }

        assertThat((double) (newest - first) / rows).as("mean advance per row, ms").isBetween(500.0, 1000.0);
        assertThat(first).as("the first time lies before the epoch").isNegative();
        assertThat(newest).as("the last time lies after it").isPositive();
        assertThat((double) outOfOrder / onTime).as("share of on-time rows out of order").isGreaterThan(0.3);
        assertThat((double) behindTheDelay / onTime).as("share of on-time rows more than the delay behind")
                .isBetween(0.002, 0.05);
        assertThat(onTheWatermark).as("rows exactly on the watermark").isGreaterThan(3);
        assertThat((double) nullTimes / rows).as("share of NULL times").isBetween(0.01, 0.06);
    }

    @Test
    void shouldPredictRowCountsRefusalsAndTableContentsAsDuckDbComputesThem() throws SQLException {
        EventTimeWorkload workload = new EventTimeWorkload(3);
        Set<DmlTransaction.Ending> endings = EnumSet.noneOf(DmlTransaction.Ending.class);
        Set<String> refusedShapes = new HashSet<>();
        int allLate = 0;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute(EventTimeWorkload.CREATE_ORACLE_TABLE);
            long watermark = BidsModel.NO_WATERMARK;
            List<EventTimeTransaction> load = workload.initialLoad(LOAD);
            for (int number = 0; number < LOAD + TRANSACTIONS; number++) {
                // Generated one at a time after the load: the model's rows are then those after each.
                EventTimeTransaction transaction = number < LOAD ? load.get(number) : workload.next();
                endings.add(transaction.ending());
                duckdb.setAutoCommit(transaction.ending() == DmlTransaction.Ending.AUTOCOMMIT);
                for (ModeledStatement modeled : transaction.statements()) {
                    if (modeled.isRefused()) {
                        assertThat(transaction.statements()).hasSize(1);
                        assertThat(transaction.ending()).isEqualTo(DmlTransaction.Ending.AUTOCOMMIT);
                        assertThat(crossesWatermark(duckdb, modeled.statement(), watermark))
                                .as("refused %s touches or makes a final row", modeled.statement().render()).isTrue();
                        refusedShapes.add(modeled.statement().sql());
                        continue;
                    }
                    if (modeled.inserted().isEmpty()) {
                        assertThat(crossesWatermark(duckdb, modeled.statement(), watermark))
                                .as("%s touches or makes a final row", modeled.statement().render()).isFalse();
                    }
                    if (modeled.mirror() == null) {
                        allLate++;
                        assertThat(modeled.expectedRows()).isZero();
                        continue;
                    }
                    assertThat(execute(duckdb, modeled.mirror())).as(modeled.mirror().render())
                            .isEqualTo(modeled.expectedRows());
                }
                if (transaction.ending() == DmlTransaction.Ending.COMMIT) {
                    duckdb.commit();
                }
                else if (transaction.ending() == DmlTransaction.Ending.ROLLBACK) {
                    duckdb.rollback();
                }
                duckdb.setAutoCommit(true);
                watermark = transaction.watermarkAfter();
                if (number >= LOAD - 1) {
                    assertThat(tableRows(statement).differenceFrom(modelRows(workload)).isEmpty())
                            .as("DuckDB's table equals the model's after transaction %d", transaction.number())
                            .isTrue();
                }
            }
        }

        assertThat(endings).containsExactlyInAnyOrder(DmlTransaction.Ending.values());
        assertThat(refusedShapes).as("kinds of refused statements").hasSize(5);
        assertThat(allLate).as("INSERTs whose rows are all late").isPositive();
    }

    /**
     * Whether an UPDATE or DELETE matches a row below the watermark, or an UPDATE of the time
     * moves a matched row below it: the rows it matches are found with a SELECT of its WHERE
     * clause, given the statement's last parameters.
     */
    private static boolean crossesWatermark(Connection duckdb, DmlStatement change, long watermark)
            throws SQLException {
        Matcher matcher = CHANGE.matcher(change.sql());
        assertThat(matcher.matches()).as(change.sql()).isTrue();
        int setParameters = matcher.group(2) == null ? 0 : count(matcher.group(2));
        DmlStatement select = new DmlStatement("SELECT epoch_ms(date_time) FROM bids WHERE " + matcher.group(3),
                change.parameters().subList(setParameters, change.parameters().size()));
        boolean matchedAny = false;
        boolean matchedFinal = false;
        try (PreparedStatement prepared = duckdb.prepareStatement(select.sql())) {
            select.bind(prepared);
            try (ResultSet resultSet = prepared.executeQuery()) {
                while (resultSet.next()) {
                    matchedAny = true;
                    long time = resultSet.getLong(1);
                    matchedFinal |= !resultSet.wasNull() && time < watermark;
                }
            }
        }
        boolean movesBelow = false;
        if (matcher.group(2) != null && matcher.group(2).startsWith("date_time = ?")) {
            LocalDateTime time = (LocalDateTime) change.parameters().get(0).value();
            movesBelow = matchedAny && EventTime.toTimestamp(watermark).isAfter(time);
        }
        return matchedFinal || movesBelow;
    }

    private static ResultRows tableRows(Statement statement) throws SQLException {
        try (ResultSet resultSet = statement.executeQuery("SELECT id, auction, bidder, price, epoch_ms(date_time) "
                + "FROM bids")) {
            return ResultRows.read(resultSet);
        }
    }

    private static ResultRows modelRows(EventTimeWorkload workload) {
        List<List<Object>> rows = new ArrayList<>();
        for (Bid row : workload.rows()) {
            rows.add(Arrays.asList(row.id(), row.auction(), row.bidder(), row.price(), row.time()));
        }
        return ResultRows.of(5, rows);
    }

    private static int execute(Connection duckdb, DmlStatement statement) throws SQLException {
        try (PreparedStatement prepared = duckdb.prepareStatement(statement.sql())) {
            statement.bind(prepared);
            return prepared.executeUpdate();
        }
    }

    private static int count(String sql) {
        return (int) sql.chars().filter(character -> character == '?').count();
    }

    private static List<EventTimeTransaction> transactions(EventTimeWorkload workload) {
        List<EventTimeTransaction> transactions = new ArrayList<>(workload.initialLoad(LOAD));
        for (int i = 0; i < TRANSACTIONS; i++) {
            transactions.add(workload.next());
        }
        return transactions;
    }

    private static List<String> scripts(long seed) {
        return transactions(new EventTimeWorkload(seed)).stream().map(EventTimeTransaction::script).toList();
    }
}
