package dev.freshet.executor.source.kafka;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a source's topic from a background thread, so the thread that polls never waits on the
 * network for metadata: every few seconds it lists the topic's partitions and, for partitions no
 * reader has a place in yet, where the startup mode says to begin. What it finds, or why it could
 * not (no broker, no topic), is published for the readers ({@link #snapshot}) and logged once per
 * change.
 */
final class KafkaPartitionWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPartitionWatcher.class);

    /** How often the topic is looked at. */
    static final long PERIOD_MILLIS = 2_000;
    private static final long TIMEOUT_MILLIS = 4_000;

    /**
     * What the watcher knows.
     *
     * @param startOffsets where to begin each partition of the topic a reader has no place in, by
     *     partition; a partition is listed once its start is known
     * @param problem why the topic could not be read, or null
     */
    record Snapshot(Map<Integer, Long> startOffsets, String problem) {
    }

    private final String description;
    private final String topic;
    private final KafkaSourceOptions options;
    private final Admin admin;
    private final Map<Integer, Long> startOffsets = new HashMap<>();
    private final ScheduledFuture<?> task;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), "looking up the topic");
    private String loggedProblem;

    /**
     * @param description who watches, for the log: the source and view
     * @param scheduler the thread the watcher looks at the topic on, shared with the connector's
     *     other watchers: metadata calls are rare and short
     */
    KafkaPartitionWatcher(String description, KafkaSourceOptions options, ScheduledExecutorService scheduler) {
        this.description = requireNonNull(description, "description is null");
        this.options = options;
        this.topic = options.topic();
        Properties properties = new Properties();
        properties.putAll(options.consumerProperties());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MILLIS);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MILLIS);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "freshet-metadata-" + description.replace(' ', '-'));
        this.admin = Admin.create(properties);
        this.task = scheduler.scheduleWithFixedDelay(this::refresh, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The latest findings. */
    Snapshot snapshot() {
        return snapshot;
    }

    /**
     * The end offset of each partition now, asked of the broker without waiting for the answer; it
     * completes empty when the broker cannot be reached within the admin client's timeout.
     */
    CompletableFuture<Map<Integer, Long>> endOffsets(Set<Integer> partitions) {
        return listOffsets(partitions, OffsetSpec.latest()).exceptionally(failure -> Map.of());
    }

    private void refresh() {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).get(topic);
            Set<Integer> missing = new java.util.TreeSet<>();
            description.partitions().forEach(partition -> {
                if (!startOffsets.containsKey(partition.partition())) {
                    missing.add(partition.partition());
                }
            });
            if (!missing.isEmpty()) {
                startOffsets.putAll(startOffsets(missing));
            }
            publish(null);
        } catch (ExecutionException e) {
            publish(e.getCause() instanceof UnknownTopicOrPartitionException
                    ? format("topic '%s' does not exist; Freshet looks again every %d s", topic, PERIOD_MILLIS / 1000)
                    : format("cannot read topic '%s' from %s: %s; Freshet retries every %d s", topic,
                            options.consumerProperties().get("bootstrap.servers"), e.getCause().getMessage(),
                            PERIOD_MILLIS / 1000));
        } catch (TimeoutException e) {
            publish(format("no answer from Kafka at %s within %d s about topic '%s'; Freshet retries every %d s",
                    options.consumerProperties().get("bootstrap.servers"), TIMEOUT_MILLIS / 1000, topic,
                    PERIOD_MILLIS / 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            publish("cannot read topic '" + topic + "': " + e);
        }
    }

    private OffsetSpec startSpec() {
        return switch (options.startup()) {
            case EARLIEST -> OffsetSpec.earliest();
            case LATEST -> OffsetSpec.latest();
            case TIMESTAMP -> OffsetSpec.forTimestamp(options.startupTimestampMillis());
        };
    }

    private Map<Integer, Long> offsets(Set<Integer> partitions, OffsetSpec spec)
            throws ExecutionException, TimeoutException, InterruptedException {
        return listOffsets(partitions, spec).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Asks the broker for an offset of each partition, by partition, without waiting for the answer. */
    private CompletableFuture<Map<Integer, Long>> listOffsets(Set<Integer> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition : partitions) {
            request.put(new TopicPartition(topic, partition), spec);
        }
        return admin.listOffsets(request).all().toCompletionStage().toCompletableFuture().thenApply(answer -> {
            Map<Integer, Long> offsets = new HashMap<>();
            answer.forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
            return offsets;
        });
    }

    /** Where the startup mode begins each of these partitions. */
    private Map<Integer, Long> startOffsets(Set<Integer> partitions)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<Integer, Long> offsets = offsets(partitions, startSpec());
        if (offsets.values().stream().anyMatch(offset -> offset < 0)) {
            // No record at or after the startup timestamp: begin at the end, with what comes next.
            Map<Integer, Long> ends = offsets(partitions, OffsetSpec.latest());
            offsets.replaceAll((partition, offset) -> offset < 0 ? ends.get(partition) : offset);
        }
        return offsets;
    }

    private void publish(String problem) {
        snapshot = new Snapshot(Map.copyOf(startOffsets), problem);
        if (!java.util.Objects.equals(problem, loggedProblem)) {
            if (problem == null) {
                LOG.info("{}: reading topic '{}', {} partitions", description, topic, startOffsets.size());
            } else {
                LOG.warn("{}: {}", description, problem);
            }
            loggedProblem = problem;
        }
    }

    @Override
    public void close() {
        task.cancel(false);
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
