package dev.freshet.testkit.kafka;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker running inside the test's JVM, for the tests of other modules.
 *
 * <p>It is one KRaft node that is both broker and controller, started the way
 * {@code kafka-server-start.sh} starts one: the log directory is formatted first (what
 * {@code kafka-storage.sh format} does), then {@link KafkaRaftServer} runs on it. Clients reach it
 * at {@link #bootstrapServers()}, a loopback address with a port chosen when it starts. Its
 * settings fit one node: the internal topics ({@code __consumer_offsets},
 * {@code __transaction_state}) have one replica and one partition, so consumer groups and
 * transactions work; groups rebalance without delay; topics are not created automatically, so a
 * test that reads a missing topic sees the error a user would. {@link Builder#brokerProperty}
 * changes any of them.
 *
 * <p>{@link #stop()} and {@link #restart()} take the broker down and bring it back on the same
 * port and log directory, keeping every record, so a test can show that a client reports an
 * unreachable broker and then carries on. {@link #close()} stops it for good and deletes the data
 * directory if the broker made it.
 *
 * <p>The helpers ({@link #createTopic}, {@link #produce}, {@link #readCommitted}, ...) use clients
 * of their own, made on first use and kept until {@link #close()}; a helper called while the
 * broker is stopped waits up to {@link #CLIENT_TIMEOUT} and then fails. Kafka logs through slf4j
 * under {@code kafka} and {@code org.apache.kafka}; set those to {@code warn} in the test's logging
 * configuration to keep its startup quiet. A fatal fault inside the broker (its metadata log
 * failing, say) halts the JVM, as it would halt a broker process: Kafka's fault handler calls
 * {@code Exit.halt}, and this class does not replace it, because that hook is global to the JVM.
 *
 * <p>Instances are thread-safe.
 */
public final class KafkaBroker implements AutoCloseable {
    /** How long a helper waits for the broker before it fails. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CLIENT_LISTENER = "CLIENTS";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Another process can take a probed free port before the broker binds it; then try new ones. */
    private static final int PORT_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration WAIT_STEP = Duration.ofMillis(20);

    private final Path dataDirectory;
    private final boolean ownsDataDirectory;
    private final Map<String, String> brokerProperties;
    private final int clientPort;
    private final int controllerPort;

    private KafkaRaftServer server;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    private KafkaBroker(
            Path dataDirectory,
            boolean ownsDataDirectory,
            Map<String, String> brokerProperties,
            int clientPort,
            int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.ownsDataDirectory = ownsDataDirectory;
        this.brokerProperties = brokerProperties;
        this.clientPort = clientPort;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker on a fresh temporary data directory, which {@link #close()} deletes.
     * Returns once the broker accepts clients.
     */
    public static KafkaBroker start() {
        return builder().start();
    }

    /**
     * Starts a broker whose data lives in {@code dataDirectory}, which must be empty or absent.
     * The directory is left in place by {@link #close()}, so a failed test's broker data can be
     * inspected. Returns once the broker accepts clients.
     */
    public static KafkaBroker start(Path dataDirectory) {
        return builder().dataDirectory(dataDirectory).start();
    }

    /** Returns a builder for a broker with other settings than {@link #start()}'s. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code bootstrap.servers} value for clients: {@code 127.0.0.1:port}, fixed for the broker's life. */
    public String bootstrapServers() {
        return HOST + ":" + clientPort;
    }

    /** The directory holding the broker's log; the same across {@link #restart()}. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether the broker is running: false after {@link #stop()} until {@link #restart()}, and after {@link #close()}. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Creates a topic with one replica and waits until the broker leads every partition.
     *
     * @throws IllegalStateException if the topic exists or the broker does not answer
     */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with one replica and the given topic configuration (for example
     * {@code cleanup.policy=compact}), and waits until the broker leads every partition.
     *
     * @throws IllegalStateException if the topic exists or the broker does not answer
     */
    public void createTopic(String name, int partitions, Map<String, String> topicConfig) {
        requireNonNull(name, "name is null");
        requireNonNull(topicConfig, "topicConfig is null");
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(topicConfig);
        await(admin().createTopics(List.of(topic)).all(), "create topic " + name);
        // The controller answers once the topic is in the metadata log; the broker lists the topic
        // once it has applied that record, and leads its partitions a moment later. Asking for
        // the end offsets waits for that (the admin client retries while the broker is not yet
        // the leader), so a first write does not meet NOT_LEADER_OR_FOLLOWER.
        waitUntil(() -> hasLeaders(name, partitions), "topic " + name + " to have leaders");
        endOffsets(name);
    }

    /**
     * Deletes a topic and waits until the broker no longer lists it, so a topic of the same name
     * can be created next.
     *
     * @throws IllegalStateException if the topic does not exist or the broker does not answer
     */
    public void deleteTopic(String name) {
        requireNonNull(name, "name is null");
        await(admin().deleteTopics(List.of(name)).all(), "delete topic " + name);
        waitUntil(() -> !listTopics().contains(name), "topic " + name + " to be gone");
    }

    /**
     * Writes one record and returns its offset. The partition is chosen from the key when
     * {@code partition} is null; the timestamp is the current time.
     */
    public long produce(String topic, Integer partition, byte[] key, byte[] value) {
        return produce(topic, partition, null, key, value);
    }

    /**
     * Writes one record with the given timestamp (milliseconds since the epoch; null for the
     * current time) and returns its offset.
     */
    public long produce(String topic, Integer partition, Long timestamp, byte[] key, byte[] value) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, timestamp, key, value);
        return produceAll(List.of(record)).get(0).offset();
    }

    /**
     * Writes the records, in order, without a transaction, and waits until all are acknowledged
     * by the broker. Returns each record's partition, offset and timestamp, in the same order.
     */
    public List<RecordMetadata> produceAll(List<ProducerRecord<byte[], byte[]>> records) {
        requireNonNull(records, "records is null");
        KafkaProducer<byte[], byte[]> sender = producer();
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> record : records) {
            sends.add(sender.send(record));
        }
        sender.flush();
        List<RecordMetadata> written = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            written.add(await(sends.get(i), "write a record to " + records.get(i).topic()));
        }
        return written;
    }

    /**
     * Reads a topic from the beginning as a {@code read_committed} consumer does: records of
     * aborted transactions are skipped, and reading stops at the first transaction still open.
     *
     * <p>It reads until it has at least {@code expectedCount} records and has reached the end of
     * every partition, or until {@code timeout} passes, and returns what it read, ordered by
     * partition and then offset. Records past {@code expectedCount} are returned too, so a test
     * sees duplicates; after a timeout the list is shorter, so a test sees what is missing.
     *
     * @throws IllegalArgumentException if the topic does not exist
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, Duration timeout, int expectedCount) {
        requireNonNull(topic, "topic is null");
        requireNonNull(timeout, "timeout is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readCommittedConsumerConfig())) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_INTERVAL)) {
                    records.add(record);
                }
                boolean expired = System.nanoTime() - deadline >= 0;
                if (expired || (records.size() >= expectedCount && reachedEnd(consumer, partitions))) {
                    break;
                }
            }
        }
        records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    /**
     * Returns each partition's end offset (the offset the next record will get), by partition
     * number. Transaction markers take offsets, so after transactional writes the end is past the
     * last record.
     */
    public SortedMap<Integer, Long> endOffsets(String topic) {
        requireNonNull(topic, "topic is null");
        TopicDescription description = await(
                admin().describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic).get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartitionInfo partition : description.partitions()) {
            request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
        }
        SortedMap<Integer, Long> ends = new TreeMap<>();
        await(admin().listOffsets(request).all(), "list offsets of " + topic)
                .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
        return ends;
    }

    /**
     * Creates a producer of byte arrays connected to this broker, with the given settings added
     * (for example {@code transactional.id}). The caller closes it.
     */
    public KafkaProducer<byte[], byte[]> createProducer(Map<String, Object> overrides) {
        requireNonNull(overrides, "overrides is null");
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis() / 3);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        config.putAll(overrides);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Shuts the broker down, as a broker process would be on SIGTERM; its port stops accepting
     * connections. Does nothing if it is stopped already.
     *
     * @throws IllegalStateException if the broker is closed
     */
    public synchronized void stop() {
        checkNotClosed();
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        shutDown(server);
        server = null;
        LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(), elapsedMillis(started));
    }

    /**
     * Starts the broker again on the same port and data directory, stopping it first if it is
     * running. Returns once it accepts clients; every record written before is still there.
     *
     * @throws IllegalStateException if the broker is closed, or its port was taken while it was stopped
     */
    public synchronized void restart() {
        checkNotClosed();
        stop();
        long started = System.nanoTime();
        try {
            launch();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not restart the Kafka broker at " + bootstrapServers(), e);
        }
        awaitClients();
        LOG.info("Kafka broker at {} restarted in {} ms", bootstrapServers(), elapsedMillis(started));
    }

    /**
     * Closes the helpers' clients, stops the broker and, if the broker made its data directory,
     * deletes it. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
        try {
            if (server != null) {
                shutDown(server);
                server = null;
            }
        } finally {
            if (ownsDataDirectory) {
                deleteDirectory(dataDirectory);
            }
        }
        LOG.info("Kafka broker at {} closed", bootstrapServers());
    }

    private static KafkaBroker start(Path requestedDirectory, Map<String, String> brokerProperties) {
        long started = System.nanoTime();
        boolean ownsDirectory = requestedDirectory == null;
        Path dataDirectory = ownsDirectory ? createTemporaryDirectory() : prepareDirectory(requestedDirectory);
        KafkaBroker broker = null;
        try {
            formatLogDirectory(dataDirectory);
            broker = launchOnFreePorts(dataDirectory, ownsDirectory, brokerProperties);
            broker.awaitClients();
        } catch (RuntimeException | Error e) {
            if (broker != null) {
                broker.close();
            } else if (ownsDirectory) {
                deleteDirectory(dataDirectory);
            }
            throw e;
        }
        LOG.info("Kafka broker started at {} in {} ms (data in {})",
                broker.bootstrapServers(), elapsedMillis(started), dataDirectory);
        return broker;
    }

    private static KafkaBroker launchOnFreePorts(
            Path dataDirectory, boolean ownsDirectory, Map<String, String> brokerProperties) {
        for (int attempt = 1; ; attempt++) {
            List<Integer> ports = freePorts(2);
            KafkaBroker broker = new KafkaBroker(
                    dataDirectory, ownsDirectory, brokerProperties, ports.get(0), ports.get(1));
            try {
                broker.launch();
                return broker;
            } catch (RuntimeException e) {
                if (attempt == PORT_ATTEMPTS || !causedByBindFailure(e)) {
                    throw e;
                }
                LOG.info("A port of the Kafka broker was taken before it could bind it; trying others", e);
            }
        }
    }

    /** Writes {@code meta.properties} and the bootstrap metadata, as {@code kafka-storage.sh format} does. */
    private static void formatLogDirectory(Path dataDirectory) {
        String logDirectory = logDirectory(dataDirectory).toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDirectory)
                .addDirectory(logDirectory);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + logDirectory, e);
        }
        LOG.debug("Formatted the Kafka log directory: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    /** Starts the broker on this instance's ports and data directory, which is formatted already. */
    private synchronized void launch() {
        KafkaRaftServer starting = new KafkaRaftServer(
                config(dataDirectory, brokerProperties, clientPort, controllerPort), Time.SYSTEM);
        try {
            // Returns once the controller has elected itself and the broker is registered and
            // unfenced, so the broker can lead partitions.
            starting.startup();
        } catch (RuntimeException | Error e) {
            shutDown(starting);
            throw e;
        }
        server = starting;
    }

    private static void shutDown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * The broker's settings. The internal topics get one replica and one partition: the default
     * of three replicas cannot be met by one node (transactions would fail to start), and the
     * default of fifty partitions each makes startup and the first group or transaction slow.
     */
    private static KafkaConfig config(
            Path dataDirectory, Map<String, String> overrides, int clientPort, int controllerPort) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", Integer.toString(NODE_ID));
        properties.put("controller.quorum.voters", format("%d@%s:%d", NODE_ID, HOST, controllerPort));
        properties.put("listeners", format("%s://%s:%d,%s://%s:%d",
                CLIENT_LISTENER, HOST, clientPort, CONTROLLER_LISTENER, HOST, controllerPort));
        properties.put("listener.security.protocol.map",
                format("%s:PLAINTEXT,%s:PLAINTEXT", CLIENT_LISTENER, CONTROLLER_LISTENER));
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("inter.broker.listener.name", CLIENT_LISTENER);
        properties.put("log.dirs", logDirectory(dataDirectory).toString());

        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("share.coordinator.state.topic.num.partitions", "1");
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        properties.put("num.partitions", "1");
        properties.put("auto.create.topics.enable", "false");
        properties.put("group.initial.rebalance.delay.ms", "0");

        // A test broker holds little data: small segments, and no 128 MiB cleaner buffer.
        properties.put("log.segment.bytes", Integer.toString(1024 * 1024));
        properties.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "2");
        properties.put("background.threads", "2");
        properties.put("num.recovery.threads.per.data.dir", "1");

        properties.putAll(overrides);
        return new KafkaConfig(properties, false);
    }

    private static Path logDirectory(Path dataDirectory) {
        return dataDirectory.resolve("log");
    }

    /** Waits until a client can reach the broker; the admin client is the helpers' too. */
    private void awaitClients() {
        waitUntil(() -> !await(admin().describeCluster().nodes(), "describe the cluster").isEmpty(),
                "the broker to accept clients");
    }

    private synchronized Admin admin() {
        checkNotClosed();
        if (admin == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis() / 3);
            admin = Admin.create(config);
        }
        return admin;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        checkNotClosed();
        if (producer == null) {
            producer = createProducer(Map.of());
        }
        return producer;
    }

    private Map<String, Object> readCommittedConsumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        return config;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, CLIENT_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("Kafka topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions = new ArrayList<>(infos.size());
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    /**
     * Whether the consumer's position is at each partition's end. For a {@code read_committed}
     * consumer the end is the last stable offset: records of a transaction still open lie past it.
     */
    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, CLIENT_TIMEOUT);
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition, CLIENT_TIMEOUT) < ends.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private boolean hasLeaders(String topic, int partitions) {
        try {
            TopicDescription description = admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            return description.partitions().size() == partitions
                    && description.partitions().stream().allMatch(partition -> partition.leader() != null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new IllegalStateException("Could not describe Kafka topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing Kafka topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out describing Kafka topic " + topic, e);
        }
    }

    private Set<String> listTopics() {
        return await(admin().listTopics().names(), "list topics");
    }

    private synchronized void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("The Kafka broker at " + bootstrapServers() + " is closed");
        }
    }

    /** Waits for a client call, turning its failure into an unchecked exception that says what was being done. */
    private static <T> T await(Future<T> future, String action) {
        try {
            return future.get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + action + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + action, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + CLIENT_TIMEOUT + " trying to " + action, e);
        }
    }

    private static void waitUntil(BooleanSupplier condition, String description) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("Timed out after " + READY_TIMEOUT + " waiting for " + description);
            }
            try {
                Thread.sleep(WAIT_STEP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + description, e);
            }
        }
    }

    private static boolean causedByBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Distinct ports that are free now. The broker's controller port must be known before it
     * starts (it is in {@code controller.quorum.voters}), and a restart must reuse both ports, so
     * the ports are chosen here rather than by the broker binding port 0. The sockets are all
     * open at once so that the ports differ.
     */
    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            InetAddress loopback = InetAddress.getByName(HOST);
            List<Integer> ports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, loopback);
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find free ports on " + HOST, e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    LOG.debug("Could not close a port probe", e);
                }
            }
        }
    }

    private static Path createTemporaryDirectory() {
        try {
            return Files.createTempDirectory("freshet-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for the Kafka broker", e);
        }
    }

    private static Path prepareDirectory(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> entries = Files.list(directory)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("The Kafka data directory " + directory + " is not empty");
                    }
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Kafka data directory " + directory, e);
        }
    }

    private static void deleteDirectory(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete the Kafka data directory {}", directory, e);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /**
     * Settings of a broker to start: where its data lives and which broker properties differ from
     * {@link KafkaBroker}'s defaults.
     */
    public static final class Builder {
        private Path dataDirectory;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Keeps the broker's data in {@code directory}, which must be empty or absent, instead of
         * a temporary directory; {@link KafkaBroker#close()} leaves it in place.
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = requireNonNull(directory, "directory is null");
            return this;
        }

        /**
         * Sets a broker property (a {@code server.properties} key), for example
         * {@code auto.create.topics.enable=true}. Listeners, ports and directories are the
         * broker's own; changing them breaks it.
         */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
            return this;
        }

        /** Formats a fresh log directory and starts the broker; returns once it accepts clients. */
        public KafkaBroker start() {
            return KafkaBroker.start(dataDirectory, Map.copyOf(brokerProperties));
        }
    }
}
