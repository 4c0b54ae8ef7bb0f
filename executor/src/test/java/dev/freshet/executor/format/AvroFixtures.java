package dev.freshet.executor.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro's own reader and writer, so that the tests check Freshet's bytes against the library's
 * rather than against Freshet's other half.
 */
final class AvroFixtures {
    /**
     * The schema derived from {@link TestColumns#ALL_TYPES}, written out by hand: what
     * docs/formats.md promises.
     */
    static final String ALL_TYPES_SCHEMA = "{\"type\":\"record\",\"name\":\"Row\",\"fields\":["
            + "{\"name\":\"b\",\"type\":[\"null\",\"boolean\"],\"default\":null},"
            + "{\"name\":\"s\",\"type\":[\"null\",\"int\"],\"default\":null},"
            + "{\"name\":\"i\",\"type\":[\"null\",\"int\"],\"default\":null},"
            + "{\"name\":\"l\",\"type\":[\"null\",\"long\"],\"default\":null},"
            + "{\"name\":\"r\",\"type\":[\"null\",\"float\"],\"default\":null},"
            + "{\"name\":\"d\",\"type\":[\"null\",\"double\"],\"default\":null},"
            + "{\"name\":\"n\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,"
            + "\"scale\":2}],\"default\":null},"
            + "{\"name\":\"v\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"bytes\",\"type\":[\"null\",\"bytes\"],\"default\":null},"
            + "{\"name\":\"day\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],\"default\":null},"
            + "{\"name\":\"tod\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"time-millis\"}],"
            + "\"default\":null},"
            + "{\"name\":\"ts\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"local-timestamp-millis\"}],"
            + "\"default\":null},"
            + "{\"name\":\"tstz\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],"
            + "\"default\":null},"
            + "{\"name\":\"span\",\"type\":[\"null\",\"long\"],\"default\":null}]}";

    private AvroFixtures() {
    }

    static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }

    /** The bytes Avro's generic writer makes of {@code record}. */
    static byte[] write(GenericRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The record Avro's generic reader makes of {@code bytes}. */
    static GenericRecord read(Schema schema, byte[] bytes) {
        try {
            return new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
