package dev.freshet.executor.sink.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.freshet.executor.SinkOutbox;
import dev.freshet.executor.format.EncodedRecord;
import dev.freshet.executor.sink.SinkWriter;
import dev.freshet.planner.SinkDescriptor;

/**
 * Writes a sink's batches to its topic, one Kafka transaction per batch. The transaction also
 * commits the batch's number as the offset of a consumer group of the sink's own
 * ({@code freshet-sink-<id>}), on partition 0 of the topic: the group's committed offset is
 * therefore the last batch delivered, exactly, whatever crashed when. The producer's transactional
 * id is stable per sink, so a restarted server fences a zombie and aborts its open transaction.
 */
final class KafkaSinkWriter implements SinkWriter {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final KafkaSinkOptions options;
    private final String group;
    private final Properties producerProperties = new Properties();
    private final Admin admin;
    private KafkaProducer<byte[], byte[]> producer;

    KafkaSinkWriter(SinkDescriptor sink, KafkaSinkOptions options) {
        this.options = options;
        this.group = "freshet-sink-" + sink.id();
        producerProperties.putAll(options.producerProperties());
        producerProperties.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "freshet-sink-" + sink.name() + "-" + sink.id());
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProperties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT_MILLIS);
        producerProperties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "freshet-sink-" + sink.name());
        Properties adminProperties = new Properties();
        adminProperties.putAll(options.producerProperties());
        adminProperties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MILLIS);
        adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MILLIS);
        adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, "freshet-sink-admin-" + sink.name());
        this.admin = Admin.create(adminProperties);
    }

    @Override
    public long lastDelivered() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            OffsetAndMetadata committed = offsets.get(marker());
            return committed == null ? 0 : committed.offset();
        } catch (ExecutionException e) {
            throw new KafkaException("cannot read what sink group " + group + " has delivered: " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("no answer from Kafka within " + TIMEOUT_MILLIS / 1000 + " s about sink group "
                    + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
    }

    @Override
    public void deliver(SinkOutbox.Batch batch) {
        KafkaProducer<byte[], byte[]> transactional = producer();
        try {
            transactional.beginTransaction();
            for (EncodedRecord record : batch.records()) {
                transactional.send(new ProducerRecord<>(options.topic(), record.key(), record.value()));
            }
            transactional.sendOffsetsToTransaction(Map.of(marker(), new OffsetAndMetadata(batch.sequence(),
                    "freshet sink batch")), new ConsumerGroupMetadata(group));
            transactional.commitTransaction();
        } catch (RuntimeException e) {
            // Whatever state the transaction is in, a new producer with the same transactional id
            // aborts it when it starts; nothing of the batch became visible.
            closeProducer();
            throw e;
        }
    }

    /** The group offset that holds the last batch delivered. */
    private TopicPartition marker() {
        return new TopicPartition(options.topic(), 0);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(producerProperties);
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
            producer = null;
        }
    }

    @Override
    public void close() {
        closeProducer();
        admin.close(Duration.ofSeconds(2));
    }
}
