package dev.freshet.executor.sink.kafka;

import java.util.List;
import java.util.Map;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.executor.format.RecordFormats;
import dev.freshet.executor.format.SinkEnvelope;
import dev.freshet.executor.sink.SinkConnector;
import dev.freshet.executor.sink.SinkWriter;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.SinkDescriptor;

/**
 * {@code connector = 'kafka'} for sinks: each epoch's changes become one Kafka transaction, so a
 * {@code read_committed} consumer sees every change exactly once ({@link KafkaSinkWriter}).
 */
public final class KafkaSinkConnector implements SinkConnector {
    public static final String NAME = "kafka";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(List<ColumnDescriptor> columns, List<Integer> key, boolean appendOnly,
            Map<String, String> options) {
        KafkaSinkOptions settings = KafkaSinkOptions.of(options);
        if (settings.type().equalsIgnoreCase(RecordFormats.APPEND_ONLY) && !appendOnly) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "an append-only sink needs an input that only ever inserts rows, and this one also updates or "
                            + "deletes them")
                    .withHint("Use type = 'upsert' (records keyed by the input's key, deletes as tombstones) or "
                            + "type = 'debezium' (before/after records).");
        }
        if (settings.type().equalsIgnoreCase(RecordFormats.UPSERT) && key.isEmpty()) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "an upsert sink needs an input with a key, and this one's rows may repeat")
                    .withHint("Sink a materialized view with a key (GROUP BY columns, or a table's primary key), or "
                            + "use type = 'debezium'.");
        }
        RecordFormats.sinkEnvelope(settings.type(), settings.payloadFormat(), columns, key, options);
    }

    @Override
    public SinkEnvelope envelope(SinkDescriptor sink) {
        KafkaSinkOptions settings = KafkaSinkOptions.of(sink.options());
        return RecordFormats.sinkEnvelope(settings.type(), settings.payloadFormat(), sink.columns(), sink.key(),
                sink.options());
    }

    @Override
    public SinkWriter open(SinkDescriptor sink) {
        return new KafkaSinkWriter(sink, KafkaSinkOptions.of(sink.options()));
    }
}
