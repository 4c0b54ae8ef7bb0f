package dev.freshet.tests.kafka;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Materialized views over a Kafka topic of JSON bids, against a real broker started in this JVM
 * and a Freshet server in its own: every record that decodes reaches the views exactly once,
 * through a poisoned record, a kill -9 in the middle of the topic, a topic that appears late and
 * a broker that goes away and comes back. The expected rows are computed here from the records
 * produced.
 */
class KafkaSourceIT {
    private static final int PARTITIONS = 3;
    private static final long BASE_MILLIS = LocalDateTime.of(2024, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MILLISECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    /**
     * The records carry 2024 timestamps: with the broker's default retention of 7 days by record
     * time, it would delete each closed segment under the test.
     */
    private static final Map<String, String> KEEP_RECORDS = Map.of("retention.ms", "-1");

    @RegisterExtension
    static final KafkaAndFreshet BOTH = new KafkaAndFreshet("kafka-source");

    /** One produced bid: what the views must show, unless it was poisoned. */
    private record Bid(long auction, long bidder, long price, long dateTimeMillis, int partition) {
    }

    private final List<Bid> produced = new ArrayList<>();
    private final Random random = new Random(7);

    @Test
    void shouldKeepViewsOverAKafkaTopicExactlyUpToDate() throws Exception {
        BOTH.kafka().createTopic("bids", PARTITIONS, KEEP_RECORDS);
        produceBids(300);
        // A record that is not JSON, and one whose price does not fit BIGINT: skipped and kept.
        long poisonOffset = BOTH.kafka().produce("bids", 1, null, "{\"auction\": 1, \"price\": ".getBytes(UTF_8));
        long misfitOffset = BOTH.kafka().produce("bids", 2, null,
                "{\"auction\": 2, \"bidder\": 3, \"price\": \"lots\", \"date_time\": \"2024-01-01 00:00:01\"}"
                        .getBytes(UTF_8));
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            statement.execute(format("CREATE SOURCE bids (auction BIGINT, bidder BIGINT, price BIGINT, "
                    + "date_time TIMESTAMP, part INT, record_offset BIGINT, "
                    + "WATERMARK FOR date_time AS date_time - INTERVAL '1' SECOND) WITH (connector = 'kafka', "
                    + "topic = 'bids', \"properties.bootstrap.servers\" = '%s', format = 'json', "
                    + "\"include.partition\" = 'part', \"include.offset\" = 'record_offset')",
                    BOTH.kafka().bootstrapServers()));
            statement.execute("CREATE MATERIALIZED VIEW bid_rows AS SELECT auction, bidder, price, date_time, part "
                    + "FROM bids");
            statement.execute("CREATE MATERIALIZED VIEW per_auction AS SELECT auction, COUNT(*) AS n, "
                    + "SUM(price) AS total FROM bids GROUP BY auction");
            statement.execute("CREATE MATERIALIZED VIEW per_second AS SELECT window_start, COUNT(*) AS n, "
                    + "MAX(price) AS top FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' SECOND)) "
                    + "GROUP BY window_start");
            statement.execute("FLUSH");
            verifyViews(statement, "after the first records");

            try (ResultSet bad = statement.executeQuery("SELECT source_name, view_name, split, record_offset, raw_text, "
                    + "reason FROM freshet_catalog.bad_records WHERE view_name = 'bid_rows' ORDER BY split")) {
                assertThat(bad.next()).as("the undecodable record is in bad_records").isTrue();
                assertThat(bad.getString(1)).isEqualTo("bids");
                assertThat(bad.getInt(3)).isEqualTo(1);
                assertThat(bad.getLong(4)).isEqualTo(poisonOffset);
                assertThat(bad.getString(5)).isEqualTo("{\"auction\": 1, \"price\": ");
                assertThat(bad.getString(6)).isNotBlank();
                assertThat(bad.next()).as("the record whose price is no number is in bad_records").isTrue();
                assertThat(bad.getInt(3)).isEqualTo(2);
                assertThat(bad.getLong(4)).isEqualTo(misfitOffset);
                assertThat(bad.getString(6)).contains("price");
                assertThat(bad.next()).isFalse();
            }
        }

        // kill -9 in the middle of a large batch: the views resume where their last epoch ended.
        produceBids(60_000);
        awaitRead("bid_rows", 20_000);
        BOTH.server().kill();
        BOTH.server().start();
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            statement.execute("FLUSH");
            verifyViews(statement, "after kill -9 in the middle of the topic");
        }

        // A broker outage: reported, then reading resumes where it was.
        BOTH.kafka().stop();
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            awaitProblem(statement, "bid_rows");
        }
        BOTH.kafka().restart();
        produceBids(500);
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            statement.execute("FLUSH");
            verifyViews(statement, "after the broker came back");
        }
    }

    @Test
    void shouldReportATopicThatDoesNotExistAndReadItOnceCreated() throws Exception {
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            statement.execute(format("CREATE SOURCE later (id BIGINT, name VARCHAR, k VARCHAR) WITH (connector = "
                    + "'kafka', topic = 'later', \"properties.bootstrap.servers\" = '%s', format = 'csv', "
                    + "\"include.key\" = 'k')", BOTH.kafka().bootstrapServers()));
            statement.execute("CREATE MATERIALIZED VIEW later_rows AS SELECT * FROM later");
            String problem = awaitProblem(statement, "later_rows");
            assertThat(problem).contains("topic 'later' does not exist");
            BOTH.kafka().createTopic("later", 2, KEEP_RECORDS);
            BOTH.kafka().produce("later", 0, "a".getBytes(UTF_8), "1,one".getBytes(UTF_8));
            BOTH.kafka().produce("later", 1, null, "2,\"two, too\"".getBytes(UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<String> rows = List.of();
            while (System.nanoTime() < deadline && rows.size() < 2) {
                statement.execute("FLUSH");
                rows = strings(statement, "SELECT id || ':' || name || ':' || COALESCE(k, '-') FROM later_rows "
                        + "ORDER BY id");
                Thread.sleep(100);
            }
            assertThat(rows).containsExactly("1:one:a", "2:two, too:-");
        }
    }

    @Test
    void shouldStartWhereTheStartupModeSays() throws Exception {
        BOTH.kafka().createTopic("events", 1, KEEP_RECORDS);
        for (int i = 0; i < 10; i++) {
            BOTH.kafka().produce("events", 0, BASE_MILLIS + i * 1000L, null, ("{\"n\": " + i + "}").getBytes(UTF_8));
        }
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            for (String mode : List.of("earliest", "latest", "timestamp")) {
                statement.execute(format("CREATE SOURCE events_%s (n INT) WITH (connector = 'kafka', topic = 'events', "
                        + "\"properties.bootstrap.servers\" = '%s', format = 'json', \"scan.startup.mode\" = '%s'%s)",
                        mode, BOTH.kafka().bootstrapServers(), mode, mode.equals("timestamp")
                                ? ", \"scan.startup.timestamp_millis\" = " + (BASE_MILLIS + 6500) : ""));
                statement.execute(format("CREATE MATERIALIZED VIEW from_%s AS SELECT n FROM events_%s", mode, mode));
            }
            // A view's starting offsets are taken when it first reads: wait until each has, then add more.
            for (String mode : List.of("earliest", "latest", "timestamp")) {
                awaitRead(statement, "from_" + mode);
            }
            for (int i = 10; i < 13; i++) {
                BOTH.kafka().produce("events", 0, BASE_MILLIS + i * 1000L, null, ("{\"n\": " + i + "}").getBytes(UTF_8));
            }
            statement.execute("FLUSH");
            assertThat(strings(statement, "SELECT n FROM from_earliest ORDER BY n")).hasSize(13).first().isEqualTo("0");
            assertThat(strings(statement, "SELECT n FROM from_latest ORDER BY n")).containsExactly("10", "11", "12");
            assertThat(strings(statement, "SELECT n FROM from_timestamp ORDER BY n"))
                    .containsExactly("7", "8", "9", "10", "11", "12");
        }
    }

    /** Waits until the view has a place in every partition of its source. */
    private static void awaitRead(Statement statement, String view) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (count(statement, "SELECT COUNT(*) FROM freshet_catalog.source_offsets WHERE view_name = '" + view
                    + "' AND split IS NOT NULL") > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(view + " found no partition to read within 30 s");
    }

    private void produceBids(int count) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int partition = random.nextInt(PARTITIONS);
            Bid bid = new Bid(1000 + random.nextInt(50), random.nextInt(1_000), 1 + random.nextInt(10_000),
                    BASE_MILLIS + produced.size() * 7L + random.nextInt(500), partition);
            produced.add(bid);
            String json = format("{\"auction\": %d, \"bidder\": %d, \"price\": %d, \"date_time\": \"%s\", "
                    + "\"ignored\": [1, 2]}", bid.auction(), bid.bidder(), bid.price(), timestamp(bid.dateTimeMillis()));
            records.add(new ProducerRecord<>("bids", partition, bid.dateTimeMillis(), null, json.getBytes(UTF_8)));
        }
        BOTH.kafka().produceAll(records);
    }

    private void verifyViews(Statement statement, String when) throws SQLException {
        // Late rows are left out of the views: replay the watermark per partition read order is
        // not knowable here, so this test produces no late rows (times grow by more than the jitter).
        assertThat(count(statement, "SELECT COUNT(*) FROM bid_rows")).as("rows of bid_rows %s", when)
                .isEqualTo(produced.size());
        assertThat(count(statement, "SELECT COUNT(*) FROM (SELECT DISTINCT * FROM bid_rows) d"))
                .as("distinct rows of bid_rows %s", when).isEqualTo(produced.size());
        Map<Long, long[]> perAuction = new TreeMap<>();
        for (Bid bid : produced) {
            long[] totals = perAuction.computeIfAbsent(bid.auction(), key -> new long[2]);
            totals[0]++;
            totals[1] += bid.price();
        }
        List<String> expected = new ArrayList<>();
        perAuction.forEach((auction, totals) -> expected.add(auction + " " + totals[0] + " " + totals[1]));
        assertThat(strings(statement, "SELECT auction || ' ' || n || ' ' || total FROM per_auction ORDER BY auction"))
                .as("per_auction %s", when).containsExactlyElementsOf(expected);
        Map<Long, long[]> perSecond = new TreeMap<>();
        for (Bid bid : produced) {
            long[] window = perSecond.computeIfAbsent(bid.dateTimeMillis() / 1000 * 1000, key -> new long[2]);
            window[0]++;
            window[1] = Math.max(window[1], bid.price());
        }
        List<String> windows = new ArrayList<>();
        perSecond.forEach((start, window) -> windows.add(timestamp(start) + " " + window[0] + " " + window[1]));
        assertThat(strings(statement, "SELECT CAST(window_start AS VARCHAR) || ' ' || n || ' ' || top FROM per_second "
                + "ORDER BY window_start")).as("per_second %s", when).containsExactlyElementsOf(windows);
    }

    private static void awaitRead(String view, long records) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            while (System.nanoTime() < deadline) {
                long read = count(statement, "SELECT COALESCE(SUM(read_offset), 0) FROM freshet_catalog.source_offsets "
                        + "WHERE view_name = '" + view + "'");
                if (read >= records) {
                    return;
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError(view + " did not read " + records + " records within 60 s");
    }

    /** Waits until source_offsets reports a problem for the view, and returns it. */
    private static String awaitProblem(Statement statement, String view) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline) {
            List<String> problems = strings(statement, "SELECT problem FROM freshet_catalog.source_offsets WHERE "
                    + "view_name = '" + view + "' AND problem IS NOT NULL");
            if (!problems.isEmpty()) {
                return problems.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("freshet_catalog.source_offsets reported no problem for " + view + " within 40 s");
    }

    /** A time as Freshet writes a TIMESTAMP: seconds always, milliseconds when there are some. */
    private static String timestamp(long millis) {
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        return time.format(millis % 1000 == 0 ? SECONDS : MILLISECONDS);
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Connection connect() throws SQLException {
        return BOTH.connect();
    }

}
