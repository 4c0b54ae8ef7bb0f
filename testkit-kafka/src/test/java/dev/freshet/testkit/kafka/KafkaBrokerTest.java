package dev.freshet.testkit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives a real broker through what the tests of other modules need of it. One broker serves the
 * tests that only read and write; the tests of restart and close start their own.
 */
class KafkaBrokerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldReadBackRecordsWithTheirPartitionKeyAndTimestamp() {
        broker.createTopic("orders", 3);

        long first = broker.produce("orders", 2, 1_700_000_000_000L, bytes("k1"), bytes("v1"));
        long second = broker.produce("orders", 2, 1_700_000_000_500L, bytes("k2"), bytes("v2"));
        List<RecordMetadata> written = broker.produceAll(List.of(
                new ProducerRecord<>("orders", 0, 1_700_000_001_000L, bytes("k3"), bytes("v3")),
                new ProducerRecord<>("orders", 1, 1_700_000_002_000L, bytes("k4"), (byte[]) null)));

        assertThat(first).isZero();
        assertThat(second).isOne();
        assertThat(written).extracting(RecordMetadata::partition, RecordMetadata::offset)
                .containsExactly(tuple(0, 0L), tuple(1, 0L));
        List<ConsumerRecord<byte[], byte[]>> read = broker.readCommitted("orders", TIMEOUT, 4);
        assertThat(read).extracting(
                        ConsumerRecord::partition, ConsumerRecord::offset, ConsumerRecord::timestamp,
                        record -> text(record.key()), record -> text(record.value()))
                .containsExactly(
                        tuple(0, 0L, 1_700_000_001_000L, "k3", "v3"),
                        tuple(1, 0L, 1_700_000_002_000L, "k4", null),
                        tuple(2, 0L, 1_700_000_000_000L, "k1", "v1"),
                        tuple(2, 1L, 1_700_000_000_500L, "k2", "v2"));
        assertThat(broker.endOffsets("orders")).containsExactly(
                Map.entry(0, 1L), Map.entry(1, 1L), Map.entry(2, 2L));
    }

    @Test
    void shouldChooseThePartitionFromTheKeyWhenNoneIsGiven() {
        broker.createTopic("keyed", 3);

        List<RecordMetadata> written = broker.produceAll(List.of(
                new ProducerRecord<>("keyed", bytes("same"), bytes("a")),
                new ProducerRecord<>("keyed", bytes("same"), bytes("b"))));

        assertThat(written.get(1).partition()).isEqualTo(written.get(0).partition());
        assertThat(written.get(1).offset()).isEqualTo(written.get(0).offset() + 1);
    }

    @Test
    void shouldReturnCommittedTransactionsAndSkipAbortedOnes() {
        broker.createTopic("sink", 1);

        try (KafkaProducer<byte[], byte[]> producer = broker.createProducer(
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sink-writer"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("sink", bytes("a")));
            producer.send(new ProducerRecord<>("sink", bytes("b")));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("sink", bytes("aborted")));
            // Without the flush the producer drops the record instead of writing and aborting it.
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("sink", bytes("c")));
            producer.commitTransaction();
        }

        assertThat(broker.readCommitted("sink", TIMEOUT, 3))
                .extracting(record -> text(record.value()))
                .containsExactly("a", "b", "c");
        // a, b, commit marker, aborted, abort marker, c, commit marker: the aborted record is in the log.
        assertThat(broker.endOffsets("sink")).containsExactly(Map.entry(0, 7L));
    }

    @Test
    void shouldStopReadingAtATransactionStillOpen() {
        broker.createTopic("open-transaction", 1);
        broker.produce("open-transaction", 0, null, bytes("before"));

        try (KafkaProducer<byte[], byte[]> producer = broker.createProducer(
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "open-writer"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("open-transaction", bytes("pending")));
            producer.flush();
            broker.produce("open-transaction", 0, null, bytes("after"));

            assertThat(broker.readCommitted("open-transaction", TIMEOUT, 1))
                    .extracting(record -> text(record.value()))
                    .containsExactly("before");

            producer.commitTransaction();
        }
        assertThat(broker.readCommitted("open-transaction", TIMEOUT, 3))
                .extracting(record -> text(record.value()))
                .containsExactly("before", "pending", "after");
    }

    @Test
    void shouldCreateATopicAgainAfterDeletingIt() {
        broker.createTopic("recreated", 2);
        broker.produce("recreated", 0, null, bytes("old"));

        broker.deleteTopic("recreated");
        broker.createTopic("recreated", 1);

        assertThat(broker.endOffsets("recreated")).containsExactly(Map.entry(0, 0L));
        assertThat(broker.readCommitted("recreated", Duration.ofSeconds(1), 0)).isEmpty();
    }

    @Test
    void shouldRefuseToReadATopicThatDoesNotExist() {
        assertThatThrownBy(() -> broker.readCommitted("missing", TIMEOUT, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void shouldKeepItsRecordsAndPortAcrossAStopAndRestart() throws IOException {
        try (KafkaBroker restarted = KafkaBroker.start()) {
            restarted.createTopic("durable", 2);
            restarted.produce("durable", 1, bytes("k"), bytes("before"));
            String address = restarted.bootstrapServers();

            restarted.stop();

            assertThat(restarted.isRunning()).isFalse();
            assertThat(accepts(address)).isFalse();

            restarted.restart();

            assertThat(restarted.isRunning()).isTrue();
            assertThat(restarted.bootstrapServers()).isEqualTo(address);
            assertThat(accepts(address)).isTrue();
            assertThat(restarted.produce("durable", 1, bytes("k"), bytes("after"))).isOne();
            assertThat(restarted.readCommitted("durable", TIMEOUT, 2))
                    .extracting(record -> text(record.value()))
                    .containsExactly("before", "after");
        }
    }

    @Test
    void shouldDeleteItsTemporaryDirectoryOnClose() {
        KafkaBroker closed = KafkaBroker.start();
        Path directory = closed.dataDirectory();
        assertThat(directory.resolve("log/meta.properties")).isRegularFile();

        closed.close();

        assertThat(directory).doesNotExist();
        assertThat(closed.isRunning()).isFalse();
        assertThatThrownBy(closed::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldLeaveAGivenDataDirectoryOnClose(@TempDir Path parent) {
        Path directory = parent.resolve("kafka");

        try (KafkaBroker kept = KafkaBroker.start(directory)) {
            assertThat(kept.dataDirectory()).isEqualTo(directory);
        }

        assertThat(directory.resolve("log/meta.properties")).isRegularFile();
        assertThatThrownBy(() -> KafkaBroker.start(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not empty");
    }

    private static boolean accepts(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        InetSocketAddress socketAddress = new InetSocketAddress(
                address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        try (Socket socket = new Socket()) {
            socket.connect(socketAddress, 1_000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }
}
