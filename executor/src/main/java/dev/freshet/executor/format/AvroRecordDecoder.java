package dev.freshet.executor.format;

import static java.lang.String.format;

import java.io.EOFException;
import java.io.IOException;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import dev.freshet.planner.ColumnDescriptor;

/**
 * Format {@code avro}: a record's value is one record in Avro's binary encoding, written with the
 * schema Freshet derives from the columns (see {@link AvroSchemas}) or the one given as
 * {@code avro.schema}, whose fields fill the columns of their names (see {@link ColumnNames});
 * fields no column has are read and ignored. With {@code avro.confluent = 'true'} the value
 * starts with the Confluent wire format's magic byte 0 and a four-byte schema id, which is
 * skipped: the registry is not asked, so the producer's schema must be the one Freshet reads with.
 */
final class AvroRecordDecoder extends AbstractRecordDecoder {
    /** The magic byte and the big-endian schema id of the Confluent wire format. */
    private static final int CONFLUENT_HEADER_LENGTH = 5;

    private final GenericDatumReader<GenericRecord> reader;
    private final int[] positions;
    private final AvroFieldReader[] fieldReaders;
    private final boolean confluent;
    private BinaryDecoder decoder;

    private AvroRecordDecoder(List<ColumnDescriptor> columns, Schema schema, int[] positions,
            AvroFieldReader[] fieldReaders, boolean confluent) {
        super(columns);
        this.reader = new GenericDatumReader<>(schema);
        this.positions = positions;
        this.fieldReaders = fieldReaders;
        this.confluent = confluent;
    }

    /**
     * The decoder of records of {@code columns}.
     *
     * @throws dev.freshet.common.FreshetException (22023) naming {@code avro.schema} when it is
     *     no record schema, is recursive, lacks a field for a column, or has a field the column
     *     cannot hold; {@code INVALID_NAME} when a derived schema cannot name a column
     */
    static AvroRecordDecoder create(List<ColumnDescriptor> columns, FormatOptions options) {
        List<ColumnDescriptor> copy = List.copyOf(columns);
        Schema schema = options.text(RecordFormats.AVRO_SCHEMA)
                .map(AvroRecordDecoder::parse)
                .orElseGet(() -> AvroSchemas.row(AvroSchemas.ROW, copy));
        List<String> fieldNames = schema.getFields().stream().map(Schema.Field::name).toList();
        int[] positions;
        try {
            positions = new ColumnNames(copy).match(fieldNames);
        } catch (BadRecordException e) {
            throw FormatOptions.invalid(RecordFormats.AVRO_SCHEMA, e.getMessage());
        }
        AvroFieldReader[] fieldReaders = new AvroFieldReader[copy.size()];
        for (int i = 0; i < fieldReaders.length; i++) {
            if (positions[i] < 0) {
                throw FormatOptions.invalid(RecordFormats.AVRO_SCHEMA, format("the schema has no field for column %s; "
                        + "its fields are %s", copy.get(i).name(), String.join(", ", fieldNames)));
            }
            fieldReaders[i] = AvroFieldReaders.of(new ColumnValues(copy.get(i)), schema.getFields().get(positions[i]),
                    RecordFormats.AVRO_SCHEMA);
        }
        return new AvroRecordDecoder(copy, schema, positions, fieldReaders,
                options.bool(RecordFormats.AVRO_CONFLUENT, false));
    }

    private static Schema parse(String text) {
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            // The parser reports bad JSON, bad names and bad defaults with different exceptions.
            throw FormatOptions.invalid(RecordFormats.AVRO_SCHEMA, "not an Avro schema: " + describe(e));
        }
        if (schema.getType() != Schema.Type.RECORD) {
            throw FormatOptions.invalid(RecordFormats.AVRO_SCHEMA, format("the schema is a %s; it must be a record",
                    schema.getType().getName()));
        }
        AvroSchemas.checkReadable(schema, RecordFormats.AVRO_SCHEMA);
        return schema;
    }

    @Override
    Object[] decodeValue(byte[] value) throws BadRecordException {
        int offset = confluent ? confluentPayload(value) : 0;
        GenericRecord record = read(value, offset);
        Object[] row = new Object[fieldReaders.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = fieldReaders[i].read(record.get(positions[i]));
        }
        return row;
    }

    private static int confluentPayload(byte[] value) throws BadRecordException {
        if (value.length < CONFLUENT_HEADER_LENGTH || value[0] != 0) {
            throw new BadRecordException("Avro: the record does not start with the Confluent wire format's magic "
                    + "byte 0 and a four-byte schema id");
        }
        return CONFLUENT_HEADER_LENGTH;
    }

    private GenericRecord read(byte[] value, int offset) throws BadRecordException {
        decoder = DecoderFactory.get().binaryDecoder(value, offset, value.length - offset, decoder);
        try {
            GenericRecord record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new BadRecordException("Avro: bytes follow the end of the record; was it written with "
                        + "another schema?");
            }
            return record;
        } catch (EOFException e) {
            throw new BadRecordException("Avro: the record ends early; was it written with another schema?", e);
        } catch (IOException | RuntimeException e) {
            // Avro reports malformed bytes with a variety of runtime exceptions: negative lengths,
            // union branches out of range, limits exceeded.
            throw new BadRecordException("Avro: not a record of the schema: " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
