package dev.freshet.executor.sink.kafka;

import java.util.List;
import java.util.Map;

import dev.freshet.executor.source.ConnectorOptions;

/**
 * The options of a Kafka sink, read and checked: {@code topic},
 * {@code properties.bootstrap.servers}, {@code format} ({@code json} or {@code avro}, with their
 * {@code json.*}/{@code avro.*} options), {@code type} ({@code append-only}, {@code upsert} or
 * {@code debezium}), and {@code properties.<name>} passed to the producer.
 *
 * @param topic the topic written
 * @param producerProperties the producer settings from {@code properties.*}
 * @param payloadFormat the records' format
 * @param type the records' envelope
 */
record KafkaSinkOptions(String topic, Map<String, Object> producerProperties, String payloadFormat, String type) {
    static final String TOPIC = "topic";
    static final String FORMAT = "format";
    static final String TYPE = "type";

    /** Producer settings Freshet sets itself: exactly-once delivery depends on them. */
    private static final List<String> OWNED_PROPERTIES = List.of("enable.idempotence", "acks", "key.serializer",
            "value.serializer");
    private static final List<String> FORMAT_PREFIXES = List.of("json.", "avro.");

    static KafkaSinkOptions of(Map<String, String> options) {
        ConnectorOptions reader = new ConnectorOptions(KafkaSinkConnector.NAME, options);
        reader.refuseUnknown(key -> key.equals(TOPIC) || key.equals(FORMAT) || key.equals(TYPE)
                || key.startsWith(ConnectorOptions.PROPERTIES_PREFIX) || FORMAT_PREFIXES.stream().anyMatch(key::startsWith),
                "Its options are topic, properties.bootstrap.servers, properties.<producer setting>, format (json or "
                        + "avro, with json.* and avro.*) and type (append-only, upsert or debezium).");
        String topic = reader.required(TOPIC, "the topic to write");
        Map<String, Object> properties = reader.clientProperties(OWNED_PROPERTIES, "for exactly-once delivery");
        String payloadFormat = reader.required(FORMAT, "json or avro");
        String type = reader.required(TYPE, "append-only, upsert or debezium");
        return new KafkaSinkOptions(topic, properties, payloadFormat, type);
    }
}
