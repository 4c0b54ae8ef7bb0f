package dev.freshet.executor.format;

import java.util.List;
import java.util.Optional;

import dev.freshet.planner.ColumnDescriptor;

/** Format {@code json} for sinks: each row is one JSON object (see {@link JsonRowWriter}). */
final class JsonRecordEncoder extends AbstractRecordEncoder {
    private final JsonRowWriter writer;

    JsonRecordEncoder(List<ColumnDescriptor> columns) {
        super(columns);
        this.writer = new JsonRowWriter(columns());
    }

    @Override
    byte[] encodeRow(Object[] row) {
        return JsonRowWriter.toBytes(generator -> writer.write(generator, row));
    }

    @Override
    public Optional<String> schema() {
        return Optional.empty();
    }
}
