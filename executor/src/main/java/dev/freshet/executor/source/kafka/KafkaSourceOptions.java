package dev.freshet.executor.source.kafka;

import static java.lang.String.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.executor.source.ConnectorOptions;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * The options of a Kafka source, read and checked.
 *
 * <ul>
 *   <li>{@code topic}, {@code properties.bootstrap.servers}: required.
 *   <li>{@code scan.startup.mode}: where a view starts reading a partition it has no committed
 *       place in: {@code earliest} (default), {@code latest}, or {@code timestamp} with
 *       {@code scan.startup.timestamp_millis}.
 *   <li>{@code format}: {@code json}, {@code csv} or {@code avro}, with the format's own options
 *       ({@code json.*}, {@code csv.*}, {@code avro.*}; see docs/formats.md).
 *   <li>{@code include.key}, {@code include.timestamp}, {@code include.partition},
 *       {@code include.offset}: a declared column that receives the record's key (VARCHAR or
 *       BYTEA), timestamp (TIMESTAMP or TIMESTAMPTZ), partition (INTEGER or BIGINT) or offset
 *       (BIGINT) instead of a value from the record's payload.
 *   <li>{@code properties.<name>}: passed to the Kafka consumer as {@code <name>} (security
 *       settings, say), except the settings Freshet needs to own.
 * </ul>
 *
 * @param topic the topic
 * @param consumerProperties the consumer settings from {@code properties.*}
 * @param startup where a view starts reading
 * @param startupTimestampMillis the timestamp of {@link Startup#TIMESTAMP}, else 0
 * @param payloadFormat the payload format
 * @param payloadColumns the columns the payload fills, in source order
 * @param includes the source columns filled from the record's metadata, by column index
 */
record KafkaSourceOptions(String topic, Map<String, Object> consumerProperties, Startup startup,
        long startupTimestampMillis, String payloadFormat, List<ColumnDescriptor> payloadColumns, Map<Integer, Include> includes) {
    static final String TOPIC = "topic";
    static final String STARTUP_MODE = "scan.startup.mode";
    static final String STARTUP_TIMESTAMP = "scan.startup.timestamp_millis";
    static final String FORMAT = "format";
    static final String INCLUDE_PREFIX = "include.";

    /** Consumer settings Freshet sets itself: a user's value would break exactly-once reading. */
    private static final List<String> OWNED_PROPERTIES = List.of("group.id", "enable.auto.commit",
            "key.deserializer", "value.deserializer", "isolation.level", "auto.offset.reset", "max.poll.records");
    private static final List<String> FORMAT_PREFIXES = List.of("json.", "csv.", "avro.");

    /** Where a view starts reading a partition it has no committed place in. */
    enum Startup {
        EARLIEST, LATEST, TIMESTAMP
    }

    /** What a metadata column receives. */
    enum Include {
        KEY, TIMESTAMP, PARTITION, OFFSET
    }

    static KafkaSourceOptions of(List<ColumnDescriptor> columns, Map<String, String> options) {
        ConnectorOptions reader = new ConnectorOptions(KafkaSourceConnector.NAME, options);
        reader.refuseUnknown(key -> key.equals(TOPIC) || key.equals(STARTUP_MODE) || key.equals(STARTUP_TIMESTAMP)
                || key.equals(FORMAT) || key.startsWith(ConnectorOptions.PROPERTIES_PREFIX)
                || key.startsWith(INCLUDE_PREFIX) || FORMAT_PREFIXES.stream().anyMatch(key::startsWith),
                "Its options are topic, properties.bootstrap.servers, properties.<consumer setting>, "
                        + "scan.startup.mode, scan.startup.timestamp_millis, format (with json.*, csv.*, avro.*) and "
                        + "include.key/timestamp/partition/offset.");
        String topic = reader.required(TOPIC, "the topic to read");
        Map<String, Object> properties = reader.clientProperties(OWNED_PROPERTIES,
                "(Freshet keeps each view's offsets with its epochs, not in a consumer group)");
        Startup startup = startup(reader);
        long timestamp = 0;
        if (startup == Startup.TIMESTAMP) {
            reader.required(STARTUP_TIMESTAMP, "the record timestamp to start at, in epoch milliseconds");
            timestamp = reader.longValue(STARTUP_TIMESTAMP, 0, 0);
        } else if (options.containsKey(STARTUP_TIMESTAMP)) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format(
                    "option \"%s\" needs \"%s\" = 'timestamp'", STARTUP_TIMESTAMP, STARTUP_MODE));
        }
        String payloadFormat = reader.required(FORMAT, "json, csv or avro");
        Map<Integer, Include> includes = includes(columns, options);
        List<ColumnDescriptor> payload = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!includes.containsKey(i)) {
                payload.add(columns.get(i));
            }
        }
        if (payload.isEmpty()) {
            throw new FreshetException(ErrorCode.INVALID_TABLE_DEFINITION,
                    "a kafka source needs at least one column filled from the record's value");
        }
        return new KafkaSourceOptions(topic, properties, startup, timestamp, payloadFormat, payload, includes);
    }

    private static Startup startup(ConnectorOptions reader) {
        String mode = reader.string(STARTUP_MODE).orElse("earliest");
        try {
            return Startup.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw reader.invalid(STARTUP_MODE, mode, "'earliest', 'latest' or 'timestamp'");
        }
    }

    private static Map<Integer, Include> includes(List<ColumnDescriptor> columns, Map<String, String> options) {
        Map<Integer, Include> includes = new HashMap<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!option.getKey().startsWith(INCLUDE_PREFIX)) {
                continue;
            }
            String what = option.getKey().substring(INCLUDE_PREFIX.length());
            Include include;
            try {
                include = Include.valueOf(what.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format(
                        "the kafka connector has no option \"%s\": include.key, include.timestamp, include.partition "
                                + "and include.offset name the columns that receive a record's metadata",
                        option.getKey()));
            }
            int index = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(option.getValue())) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new FreshetException(ErrorCode.UNDEFINED_COLUMN, format(
                        "option \"%s\" names column \"%s\", which the source does not declare", option.getKey(),
                        option.getValue()));
            }
            checkType(option.getKey(), columns.get(index), include);
            if (includes.put(index, include) != null) {
                throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format(
                        "column \"%s\" is named by two include options", option.getValue()));
            }
        }
        return includes;
    }

    private static void checkType(String option, ColumnDescriptor column, Include include) {
        DataType.Kind kind = column.type().kind();
        boolean fits = switch (include) {
            case KEY -> kind == DataType.Kind.VARCHAR || kind == DataType.Kind.BYTEA;
            case TIMESTAMP -> kind == DataType.Kind.TIMESTAMP || kind == DataType.Kind.TIMESTAMPTZ;
            case PARTITION -> kind == DataType.Kind.INTEGER || kind == DataType.Kind.BIGINT;
            case OFFSET -> kind == DataType.Kind.BIGINT;
        };
        if (!fits) {
            String expected = switch (include) {
                case KEY -> "VARCHAR or BYTEA";
                case TIMESTAMP -> "TIMESTAMP or TIMESTAMPTZ";
                case PARTITION -> "INTEGER or BIGINT";
                case OFFSET -> "BIGINT";
            };
            throw new FreshetException(ErrorCode.DATATYPE_MISMATCH, format(
                    "column \"%s\" named by option \"%s\" must be %s, not %s", column.name(), option, expected,
                    column.type().displayName()));
        }
    }
}
