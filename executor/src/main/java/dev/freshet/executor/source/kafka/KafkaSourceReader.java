package dev.freshet.executor.source.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.freshet.executor.format.BadRecordException;
import dev.freshet.executor.format.RecordDecoder;
import dev.freshet.executor.source.SourceOutput;
import dev.freshet.executor.source.SourceReader;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * Reads the partitions of a topic that fall to one worker ({@code partition mod workers}) for one
 * view. The place in each partition is the offset of the next record; Freshet commits it with the
 * view's epochs and never with Kafka, so a restart resumes exactly after the last committed row.
 *
 * <p>Polls never wait: the consumer hands over what it has fetched, and the partitions and their
 * starting offsets come from a {@link KafkaPartitionWatcher} on a background thread. A record that
 * cannot be decoded becomes a bad record and reading goes on.
 */
final class KafkaSourceReader implements SourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceReader.class);
    private static final int RAW_BYTES_SHOWN = 2_048;
    /** How long a poll may wait for the consumer's network I/O: long enough for it to make progress. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(1);
    /** How long a partition with records to read may give none before its fetching is started over. */
    private static final long STALL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final String description;
    private final KafkaSourceOptions options;
    private final List<ColumnDescriptor> columns;
    private final RecordDecoder decoder;
    private final int worker;
    private final int workers;
    private final Map<Integer, Long> committed;
    private final KafkaPartitionWatcher watcher;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** The next offset of each partition this reader reads, by partition. */
    private final Map<Integer, Long> positions = new TreeMap<>();

    /** When each partition last gave a record (or was assigned), in {@link System#nanoTime()}. */
    private final Map<Integer, Long> lastProgress = new HashMap<>();
    /** Records fetched but not yet taken, because a poll asked for fewer than the consumer gave. */
    private final java.util.ArrayDeque<ConsumerRecord<byte[], byte[]>> fetched = new java.util.ArrayDeque<>();
    private final boolean ownsWatcher;

    /**
     * @param watcher the source's partition watcher, shared by its readers
     * @param ownsWatcher whether closing this reader closes the watcher
     * @param committed the view's committed offsets, by partition, for every partition it had read
     */
    KafkaSourceReader(String description, KafkaSourceOptions options, List<ColumnDescriptor> columns,
            RecordDecoder decoder, int worker, int workers, Map<Integer, Long> committed,
            KafkaPartitionWatcher watcher, boolean ownsWatcher) {
        this.description = description;
        this.options = options;
        this.columns = List.copyOf(columns);
        this.decoder = decoder;
        this.worker = worker;
        this.workers = workers;
        this.committed = Map.copyOf(committed);
        Properties properties = new Properties();
        properties.putAll(options.consumerProperties());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only committed transactions: what a transactional producer (a Freshet sink) aborted is never read.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "freshet-" + description.replace(' ', '-')
                .replace('/', '-'));
        this.consumer = new KafkaConsumer<>(properties);
        this.watcher = watcher;
        this.ownsWatcher = ownsWatcher;
    }

    @Override
    public int poll(int max, long nowNanos, SourceOutput output) {
        assignNewPartitions();
        if (positions.isEmpty()) {
            return 0;
        }
        if (fetched.isEmpty()) {
            try {
                restartStalledFetches(nowNanos);
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                records.forEach(fetched::add);
            } catch (KafkaException e) {
                LOG.warn("{}: polling topic '{}' failed, trying again: {}", description, options.topic(),
                        e.toString());
                return 0;
            }
        }
        if (fetched.isEmpty()) {
            followConsumerPositions();
        }
        int rows = 0;
        while (rows < max && !fetched.isEmpty()) {
            ConsumerRecord<byte[], byte[]> record = fetched.poll();
            int partition = record.partition();
            Long expected = positions.get(partition);
            if (expected == null) {
                continue;
            }
            if (record.offset() > expected) {
                skipped(partition, expected, record.offset());
            }
            positions.put(partition, record.offset() + 1);
            lastProgress.put(partition, nowNanos);
            Object[] payload;
            try {
                payload = decoder.decode(record.value());
            } catch (BadRecordException e) {
                output.badRecord(partition, record.offset(), rawText(record.value()), e.reason());
                continue;
            }
            output.row(partition, row(record, payload));
            rows++;
        }
        return rows;
    }

    /**
     * Moves each partition's position up to the consumer's once it has handed over every record
     * before it: offsets that hold no record (transaction markers, aborted records, records
     * retention removed) are passed without a record, and a position short of them would never
     * catch up with the partition's end.
     */
    private void followConsumerPositions() {
        for (Map.Entry<Integer, Long> position : positions.entrySet()) {
            long consumerPosition;
            try {
                consumerPosition = consumer.position(new TopicPartition(options.topic(), position.getKey()),
                        Duration.ZERO);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                continue;
            }
            if (consumerPosition > position.getValue()) {
                skipped(position.getKey(), position.getValue(), consumerPosition);
                position.setValue(consumerPosition);
            }
        }
    }

    /** Notes offsets {@code [from, to)} of a partition that held no record to read. */
    private void skipped(int partition, long from, long to) {
        // One offset is a transaction's commit marker; more may be aborted records or lost ones.
        if (to - from > 1) {
            LOG.info("{}: offsets {} to {} of partition {} of topic '{}' held no record to read (aborted "
                    + "transactions, or records removed by retention or compaction); reading on from {}",
                    description, from, to - 1, partition, options.topic(), to);
        }
    }

    /**
     * Starts fetching a partition over, at its position, when it has had records to read (a lag)
     * but gave none for a while: a consumer that lost track of a fetch across a broker restart
     * would otherwise never read the rest.
     */
    private void restartStalledFetches(long nowNanos) {
        for (Map.Entry<Integer, Long> position : positions.entrySet()) {
            int partition = position.getKey();
            long since = lastProgress.computeIfAbsent(partition, key -> nowNanos);
            if (nowNanos - since < STALL_NANOS) {
                continue;
            }
            TopicPartition topicPartition = new TopicPartition(options.topic(), partition);
            OptionalLong lag = consumer.currentLag(topicPartition);
            if (lag.isPresent() && lag.getAsLong() > 0) {
                LOG.warn("{}: partition {} of topic '{}' has {} records to read but gave none for {} s; fetching it "
                        + "again from offset {}", description, partition, options.topic(), lag.getAsLong(),
                        STALL_NANOS / 1_000_000_000L, position.getValue());
                consumer.seek(topicPartition, position.getValue());
            }
            lastProgress.put(partition, nowNanos);
        }
    }

    /** Assigns the partitions the watcher has found that fall to this reader, at their places. */
    private void assignNewPartitions() {
        Map<Integer, Long> starts = watcher.snapshot().startOffsets();
        if (starts.size() == positions.size() && positions.keySet().containsAll(ownedOf(starts))) {
            return;
        }
        List<TopicPartition> added = new ArrayList<>();
        for (Map.Entry<Integer, Long> start : starts.entrySet()) {
            int partition = start.getKey();
            if (partition % workers == worker && !positions.containsKey(partition)) {
                positions.put(partition, committed.getOrDefault(partition, start.getValue()));
                added.add(new TopicPartition(options.topic(), partition));
            }
        }
        if (added.isEmpty()) {
            return;
        }
        List<TopicPartition> assignment = new ArrayList<>();
        for (int partition : positions.keySet()) {
            assignment.add(new TopicPartition(options.topic(), partition));
        }
        consumer.assign(assignment);
        for (TopicPartition partition : added) {
            consumer.seek(partition, positions.get(partition.partition()));
        }
        LOG.info("{}: reading partitions {} of topic '{}' from offsets {}", description, positions.keySet(),
                options.topic(), positions);
    }

    private List<Integer> ownedOf(Map<Integer, Long> starts) {
        return starts.keySet().stream().filter(partition -> partition % workers == worker).toList();
    }

    /** The source row: payload columns from the decoded value, metadata columns from the record. */
    private Object[] row(ConsumerRecord<byte[], byte[]> record, Object[] payload) {
        if (options.includes().isEmpty()) {
            return payload;
        }
        Object[] row = new Object[columns.size()];
        int next = 0;
        for (int i = 0; i < row.length; i++) {
            KafkaSourceOptions.Include include = options.includes().get(i);
            if (include == null) {
                row[i] = payload[next++];
                continue;
            }
            row[i] = switch (include) {
                case KEY -> record.key() == null ? null : columns.get(i).type().kind() == DataType.Kind.BYTEA
                        ? new ByteString(record.key()) : new String(record.key(), UTF_8);
                case TIMESTAMP -> record.timestamp() < 0 ? null : record.timestamp();
                case PARTITION -> columns.get(i).type().kind() == DataType.Kind.INTEGER
                        ? (Object) record.partition() : (Object) (long) record.partition();
                case OFFSET -> record.offset();
            };
        }
        return row;
    }

    /** A record's value as text for bad_records: UTF-8 when it is, hexadecimal otherwise. */
    static String rawText(byte[] value) {
        if (value == null) {
            return "(no value)";
        }
        byte[] shown = value.length > RAW_BYTES_SHOWN ? java.util.Arrays.copyOf(value, RAW_BYTES_SHOWN) : value;
        String text = new String(shown, UTF_8);
        boolean printable = !text.contains("\uFFFD") && text.chars().allMatch(c -> c >= 0x20 || c == '\t'
                || c == '\n' || c == '\r');
        String body = printable ? text : "\\x" + HexFormat.of().formatHex(shown);
        return value.length > RAW_BYTES_SHOWN ? body + "... (" + value.length + " bytes)" : body;
    }

    @Override
    public BooleanSupplier catchUpPoint(long nowNanos) {
        assignNewPartitions();
        // Asked without waiting, so that a broker that does not answer never holds up the dataflow:
        // the point is not reached until the answer comes, and is at once when none can.
        CompletableFuture<Map<Integer, Long>> answer = watcher.endOffsets(positions.keySet());
        return () -> {
            if (!answer.isDone()) {
                return false;
            }
            for (Map.Entry<Integer, Long> end : answer.join().entrySet()) {
                if (positions.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                    return false;
                }
            }
            return true;
        };
    }

    @Override
    public Map<Integer, Long> positions() {
        return new HashMap<>(positions);
    }

    @Override
    public boolean finished() {
        return false;
    }

    @Override
    public boolean finished(int split) {
        return false;
    }

    @Override
    public OptionalLong backlog(int split) {
        return consumer.currentLag(new TopicPartition(options.topic(), split));
    }

    @Override
    public String problem() {
        return watcher.snapshot().problem();
    }

    @Override
    public void close() {
        if (ownsWatcher) {
            watcher.close();
        }
        consumer.close(Duration.ofSeconds(2));
    }

    @Override
    public String toString() {
        return description + " partitions " + positions;
    }
}
