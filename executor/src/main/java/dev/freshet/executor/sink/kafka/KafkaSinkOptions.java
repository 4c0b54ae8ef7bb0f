package dev.freshet.executor.sink.kafka;

import static java.lang.String.format;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
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
    static final String BOOTSTRAP_SERVERS = "properties.bootstrap.servers";
    static final String FORMAT = "format";
    static final String TYPE = "type";
    static final String PROPERTIES_PREFIX = "properties.";

    /** Producer settings Freshet sets itself: exactly-once delivery depends on them. */
    private static final List<String> OWNED_PROPERTIES = List.of("enable.idempotence", "acks", "key.serializer",
            "value.serializer");
    private static final List<String> FORMAT_PREFIXES = List.of("json.", "avro.");

    static KafkaSinkOptions of(Map<String, String> options) {
        ConnectorOptions reader = new ConnectorOptions(KafkaSinkConnector.NAME, options);
        for (String key : options.keySet()) {
            boolean known = key.equals(ConnectorOptions.CONNECTOR) || key.equals(TOPIC) || key.equals(FORMAT)
                    || key.equals(TYPE) || key.startsWith(PROPERTIES_PREFIX)
                    || FORMAT_PREFIXES.stream().anyMatch(key::startsWith);
            if (!known) {
                throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                        format("the kafka sink connector has no option \"%s\"", key))
                        .withHint("Its options are topic, properties.bootstrap.servers, properties.<producer "
                                + "setting>, format (json or avro, with json.* and avro.*) and type (append-only, "
                                + "upsert or debezium).");
            }
        }
        String topic = reader.required(TOPIC, "the topic to write");
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", reader.required(BOOTSTRAP_SERVERS, "the Kafka brokers, host:port,..."));
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getKey().startsWith(PROPERTIES_PREFIX)) {
                String property = option.getKey().substring(PROPERTIES_PREFIX.length());
                if (OWNED_PROPERTIES.contains(property)) {
                    throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format(
                            "option \"%s\" cannot be set: Freshet sets the producer's %s itself for exactly-once "
                                    + "delivery", option.getKey(), property));
                }
                properties.put(property, option.getValue());
            }
        }
        String payloadFormat = reader.required(FORMAT, "json or avro");
        String type = reader.required(TYPE, "append-only, upsert or debezium");
        return new KafkaSinkOptions(topic, properties, payloadFormat, type);
    }
}
