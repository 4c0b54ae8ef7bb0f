package dev.freshet.executor.format;

import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

import dev.freshet.planner.ColumnDescriptor;

/**
 * Format {@code avro} for sinks: each row is one record in Avro's binary encoding, of the schema
 * derived from the columns (see {@link AvroSchemas}).
 */
final class AvroRecordEncoder extends AbstractRecordEncoder {
    private final Schema schema;
    private final AvroRowWriter writer;

    /**
     * @param recordName the name of the schema's record: {@link AvroSchemas#ROW} or {@link AvroSchemas#KEY}
     * @throws dev.freshet.common.FreshetException {@code INVALID_NAME} for a column name Avro does not allow
     */
    AvroRecordEncoder(String recordName, List<ColumnDescriptor> columns) {
        super(columns);
        this.schema = AvroSchemas.row(recordName, columns());
        this.writer = new AvroRowWriter(columns());
    }

    @Override
    byte[] encodeRow(Object[] row) {
        return AvroRowWriter.toBytes(encoder -> writer.write(encoder, row));
    }

    @Override
    public Optional<String> schema() {
        return Optional.of(schema.toString());
    }
}
