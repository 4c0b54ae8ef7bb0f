package dev.freshet.executor.format;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;

import dev.freshet.planner.ColumnDescriptor;

/**
 * Debezium's envelope in Avro: a record {@code Envelope} with fields {@code before} and
 * {@code after} of type {@code ["null", Row]} (the row schema {@link AvroSchemas#row} derives),
 * {@code op} a string and {@code ts_ms} a long.
 */
final class DebeziumAvroEncoder implements ChangeEncoder {
    private final List<ColumnDescriptor> columns;
    private final Schema schema;
    private final AvroRowWriter writer;

    /** @throws dev.freshet.common.FreshetException {@code INVALID_NAME} for a column name Avro does not allow */
    DebeziumAvroEncoder(List<ColumnDescriptor> columns) {
        this.columns = List.copyOf(columns);
        this.schema = AvroSchemas.envelope(AvroSchemas.row(AvroSchemas.ROW, this.columns));
        this.writer = new AvroRowWriter(this.columns);
    }

    @Override
    public byte[] encode(Object[] before, Object[] after, String op, long timestampMillis) {
        return AvroRowWriter.toBytes(encoder -> {
            writeRow(encoder, before);
            writeRow(encoder, after);
            encoder.writeString(op);
            encoder.writeLong(timestampMillis);
        });
    }

    private void writeRow(BinaryEncoder encoder, Object[] row) throws IOException {
        if (row == null) {
            encoder.writeIndex(0);
            return;
        }
        SinkRows.check(columns, row);
        encoder.writeIndex(1);
        writer.write(encoder, row);
    }

    @Override
    public Optional<String> schema() {
        return Optional.of(schema.toString());
    }
}
