package dev.freshet.tests.kafka;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sinks to a real Kafka broker: an upsert sink and a Debezium sink of a grouped materialized view,
 * and an append-only sink of a query over a NEXMark source. Writes go on while the server is
 * killed with SIGKILL; afterwards a {@code read_committed} consumer must see every change exactly
 * once: folding the upsert topic by key gives the view's rows, replaying the Debezium topic
 * event by event finds each event's "before" equal to the state it replaces (a duplicated or lost
 * event breaks the chain) and ends at the view's rows, and the append-only topic holds each bid
 * once.
 */
class KafkaSinkIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaAndFreshet BOTH = new KafkaAndFreshet("kafka-sink");

    @Test
    void shouldDeliverEveryChangeExactlyOnceAcrossKillNine() throws Exception {
        for (String topic : List.of("totals_upsert", "totals_debezium", "bids_out")) {
            BOTH.kafka().createTopic(topic, 3);
        }
        Random random = new Random(11);
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            statement.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR, amount BIGINT)");
            for (int i = 0; i < 50; i++) {
                statement.execute(format("INSERT INTO orders VALUES (%d, 'c%d', %d)", i, i % 7, random.nextInt(100)));
            }
            statement.execute("CREATE MATERIALIZED VIEW totals AS SELECT customer, COUNT(*) AS n, SUM(amount) AS total "
                    + "FROM orders GROUP BY customer");
            assertThatThrownBy(() -> statement.execute(sink("refused", "FROM totals", "totals_upsert", "append-only")))
                    .hasMessageContaining("an append-only sink needs an input that only ever inserts rows");
            statement.execute(sink("totals_upsert", "FROM totals", "totals_upsert", "upsert"));
            statement.execute(sink("totals_debezium", "FROM totals", "totals_debezium", "debezium"));
            statement.execute("CREATE SOURCE bid WITH (connector = 'nexmark', \"nexmark.table\" = 'bid', "
                    + "\"nexmark.events\" = 20000, \"nexmark.rate\" = 5000)");
            statement.execute(sink("bids_out", "AS SELECT auction, bidder, price, date_time FROM bid", "bids_out",
                    "append-only"));
        }
        int nextId = 50;
        for (int round = 0; round < 2; round++) {
            try (Connection session = connect(); Statement statement = session.createStatement()) {
                for (int i = 0; i < 120; i++) {
                    int id = random.nextInt(nextId + 10);
                    switch (random.nextInt(3)) {
                        case 0 -> statement.execute(format("INSERT INTO orders VALUES (%d, 'c%d', %d)", nextId++,
                                random.nextInt(9), random.nextInt(100)));
                        case 1 -> statement.execute(format("UPDATE orders SET amount = amount + %d, customer = 'c%d' "
                                + "WHERE id = %d", random.nextInt(10), random.nextInt(9), id));
                        default -> statement.execute(format("DELETE FROM orders WHERE id = %d", id));
                    }
                }
            }
            BOTH.server().kill();
            BOTH.server().start();
        }
        Map<String, String> expected = new TreeMap<>();
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            statement.execute("FLUSH");
            try (ResultSet rows = statement.executeQuery("SELECT customer, n, total FROM totals")) {
                while (rows.next()) {
                    expected.put(rows.getString(1), rows.getLong(2) + "/" + rows.getLong(3));
                }
            }
            awaitDelivered(statement);
        }
        assertThat(foldUpserts(BOTH.kafka().readCommitted("totals_upsert", Duration.ofSeconds(30), 1)))
                .as("the upsert topic folded by key").isEqualTo(expected);
        assertThat(replayDebezium(BOTH.kafka().readCommitted("totals_debezium", Duration.ofSeconds(30), 1)))
                .as("the Debezium topic replayed").isEqualTo(expected);
        List<ConsumerRecord<byte[], byte[]>> bids = BOTH.kafka().readCommitted("bids_out", Duration.ofSeconds(60), 18_400);
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : bids) {
            values.add(new String(record.value(), UTF_8));
        }
        assertThat(values).as("bids of the append-only sink").hasSize(18_400).doesNotHaveDuplicates();

        // The sink's topic read back as a source: its transactions' commit markers take offsets
        // that hold no record, and FLUSH must still see the views reach the topic's end.
        try (Connection session = connect(); Statement statement = session.createStatement()) {
            statement.execute(format("CREATE SOURCE bids_back (auction BIGINT, bidder BIGINT, price BIGINT, "
                    + "date_time TIMESTAMP) WITH (connector = 'kafka', topic = 'bids_out', "
                    + "\"properties.bootstrap.servers\" = '%s', format = 'json')", BOTH.kafka().bootstrapServers()));
            statement.execute("CREATE MATERIALIZED VIEW bids_back_count AS SELECT COUNT(*) AS n, "
                    + "COUNT(DISTINCT auction) AS auctions FROM bids_back");
            statement.execute("FLUSH");
            try (ResultSet rows = statement.executeQuery("SELECT n FROM bids_back_count")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).as("bids read back from the sink's topic").isEqualTo(18_400);
            }
        }
    }

    private static String sink(String name, String input, String topic, String type) {
        return format("CREATE SINK %s %s WITH (connector = 'kafka', topic = '%s', \"properties.bootstrap.servers\" = "
                + "'%s', format = 'json', type = '%s')", name, input, topic, BOTH.kafka().bootstrapServers(), type);
    }

    /** Waits until every sink has delivered every batch its epochs wrote. */
    private static void awaitDelivered(Statement statement) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            statement.execute("FLUSH");
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM freshet_catalog.sinks WHERE "
                    + "batches_delivered IS NULL OR batches_delivered < batches_written")) {
                rows.next();
                boolean bidsDone;
                try (Statement other = statement.getConnection().createStatement();
                        ResultSet offsets = other.executeQuery("SELECT bool_and(finished) FROM "
                                + "freshet_catalog.source_offsets")) {
                    offsets.next();
                    bidsDone = offsets.getBoolean(1);
                }
                if (rows.getLong(1) == 0 && bidsDone) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the sinks did not deliver everything within 90 s");
    }

    private static Map<String, String> foldUpserts(List<ConsumerRecord<byte[], byte[]>> records) throws IOException {
        Map<String, String> state = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String customer = JSON.readTree(record.key()).get("customer").asText();
            if (record.value() == null) {
                state.remove(customer);
            } else {
                JsonNode row = JSON.readTree(record.value());
                state.put(customer, row.get("n").asLong() + "/" + row.get("total").asLong());
            }
        }
        return state;
    }

    /** Replays Debezium events in partition order; each event's before must be the current state. */
    private static Map<String, String> replayDebezium(List<ConsumerRecord<byte[], byte[]>> records)
            throws IOException {
        Map<String, String> state = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode event = JSON.readTree(record.value());
            JsonNode before = event.get("before");
            JsonNode after = event.get("after");
            String customer = (after.isNull() ? before : after).get("customer").asText();
            String current = state.get(customer);
            String beforeState = before.isNull() ? null : before.get("n").asLong() + "/" + before.get("total").asLong();
            assertThat(beforeState).as("the before of event %s at offset %d of partition %d", event,
                    record.offset(), record.partition()).isEqualTo(current);
            if (after.isNull()) {
                state.remove(customer);
            } else {
                state.put(customer, after.get("n").asLong() + "/" + after.get("total").asLong());
            }
        }
        return new TreeMap<>(state);
    }

    private static Connection connect() throws SQLException {
        return BOTH.connect();
    }

}
