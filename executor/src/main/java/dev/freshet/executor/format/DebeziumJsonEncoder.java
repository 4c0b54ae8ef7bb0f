package dev.freshet.executor.format;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.freshet.planner.ColumnDescriptor;

/**
 * Debezium's envelope in JSON, without Kafka Connect's schema wrapper:
 * {@code {"before": {...}|null, "after": {...}|null, "op": "c"|"u"|"d", "ts_ms": 1704067200000}},
 * the rows written as {@link JsonRowWriter} writes them. Flink's and RisingWave's
 * {@code debezium-json} formats read it.
 */
final class DebeziumJsonEncoder implements ChangeEncoder {
    private final List<ColumnDescriptor> columns;
    private final JsonRowWriter writer;

    DebeziumJsonEncoder(List<ColumnDescriptor> columns) {
        this.columns = List.copyOf(columns);
        this.writer = new JsonRowWriter(this.columns);
    }

    @Override
    public byte[] encode(Object[] before, Object[] after, String op, long timestampMillis) {
        return JsonRowWriter.toBytes(generator -> {
            generator.writeStartObject();
            generator.writeFieldName("before");
            writeRow(generator, before);
            generator.writeFieldName("after");
            writeRow(generator, after);
            generator.writeStringField("op", op);
            generator.writeNumberField("ts_ms", timestampMillis);
            generator.writeEndObject();
        });
    }

    private void writeRow(JsonGenerator generator, Object[] row) throws IOException {
        if (row == null) {
            generator.writeNull();
            return;
        }
        SinkRows.check(columns, row);
        writer.write(generator, row);
    }

    @Override
    public Optional<String> schema() {
        return Optional.empty();
    }
}
