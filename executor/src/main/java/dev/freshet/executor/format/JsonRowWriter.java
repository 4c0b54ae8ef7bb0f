package dev.freshet.executor.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

import org.apache.calcite.avatica.util.ByteString;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * Writes rows as JSON objects of column name to value: BOOLEAN as true or false; the numeric types
 * as JSON numbers (DECIMAL in plain notation, never {@code 1E+3}), but NaN and the infinities of
 * REAL and DOUBLE, which JSON has no numbers for, as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}; VARCHAR as a string; BYTEA as a base64 string;
 * DATE, TIME, TIMESTAMP and TIMESTAMPTZ as strings (see {@link TemporalText}); INTERVAL as a
 * number of milliseconds; NULL as null. Every value written reads back the same through
 * {@link JsonValues}.
 */
final class JsonRowWriter {
    /**
     * NaN and the infinities as strings (Jackson's default, stated because the decoders rely on
     * it), and characters beyond the Basic Multilingual Plane as UTF-8, not as escaped surrogates.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private final SerializedString[] names;
    private final DataType.Kind[] kinds;

    JsonRowWriter(List<ColumnDescriptor> columns) {
        this.names = columns.stream().map(column -> new SerializedString(column.name()))
                .toArray(SerializedString[]::new);
        this.kinds = columns.stream().map(column -> column.type().kind()).toArray(DataType.Kind[]::new);
    }

    /** What is written into one JSON document. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    /** The bytes (UTF-8) of one JSON document. */
    static byte[] toBytes(Body body) {
        ByteArrayBuilder bytes = new ByteArrayBuilder();
        try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
            body.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON into memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code row} as one JSON object. */
    void write(JsonGenerator generator, Object[] row) throws IOException {
        generator.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            generator.writeFieldName(names[i]);
            writeValue(generator, kinds[i], row[i]);
        }
        generator.writeEndObject();
    }

    private static void writeValue(JsonGenerator generator, DataType.Kind kind, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
            return;
        }
        switch (kind) {
            case BOOLEAN -> generator.writeBoolean((Boolean) value);
            case SMALLINT -> generator.writeNumber(((Number) value).shortValue());
            case INTEGER -> generator.writeNumber(((Number) value).intValue());
            case BIGINT, INTERVAL -> generator.writeNumber(((Number) value).longValue());
            case REAL -> generator.writeNumber(((Number) value).floatValue());
            case DOUBLE -> generator.writeNumber(((Number) value).doubleValue());
            case DECIMAL -> generator.writeNumber((BigDecimal) value);
            case VARCHAR -> generator.writeString(value.toString());
            case BYTEA -> generator.writeString(((ByteString) value).toBase64String());
            case DATE -> generator.writeString(TemporalText.formatDate(((Number) value).intValue()));
            case TIME -> generator.writeString(TemporalText.formatTime(((Number) value).intValue()));
            case TIMESTAMP -> generator.writeString(TemporalText.formatTimestamp(((Number) value).longValue()));
            case TIMESTAMPTZ -> generator.writeString(TemporalText.formatTimestampTz(((Number) value).longValue()));
        }
    }
}
