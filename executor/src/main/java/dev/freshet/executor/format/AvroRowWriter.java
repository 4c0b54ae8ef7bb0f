package dev.freshet.executor.format;

import static java.lang.String.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.apache.avro.LogicalTypes;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.calcite.avatica.util.ByteString;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * Writes rows in Avro's binary encoding, as records of the schema {@link AvroSchemas#row} derives
 * from the same columns. Writing straight to the encoder, in field order, spares building a
 * {@code GenericRecord} per row.
 */
final class AvroRowWriter {
    private final List<ColumnDescriptor> columns;
    /** The decimal type of each DECIMAL column's field, null for other columns. */
    private final LogicalTypes.Decimal[] decimals;

    AvroRowWriter(List<ColumnDescriptor> columns) {
        this.columns = List.copyOf(columns);
        this.decimals = this.columns.stream()
                .map(column -> column.type().kind() == DataType.Kind.DECIMAL ? AvroSchemas.decimal(column.type()) : null)
                .toArray(LogicalTypes.Decimal[]::new);
    }

    /** What is written into one Avro datum. */
    @FunctionalInterface
    interface Body {
        void write(BinaryEncoder encoder) throws IOException;
    }

    /** The bytes of one Avro datum. */
    static byte[] toBytes(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
            body.write(encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing Avro into memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code row} as one record; a nullable column's union branch first. */
    void write(BinaryEncoder encoder, Object[] row) throws IOException {
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (columns.get(i).nullable()) {
                encoder.writeIndex(value == null ? 0 : 1);
            }
            if (value != null) {
                writeValue(encoder, i, value);
            }
        }
    }

    private void writeValue(BinaryEncoder encoder, int column, Object value) throws IOException {
        switch (columns.get(column).type().kind()) {
            case BOOLEAN -> encoder.writeBoolean((Boolean) value);
            case SMALLINT, INTEGER, DATE, TIME -> encoder.writeInt(((Number) value).intValue());
            case BIGINT, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> encoder.writeLong(((Number) value).longValue());
            case REAL -> encoder.writeFloat(((Number) value).floatValue());
            case DOUBLE -> encoder.writeDouble(((Number) value).doubleValue());
            case DECIMAL -> encoder.writeBytes(unscaled(column, (BigDecimal) value));
            case VARCHAR -> encoder.writeString(value.toString());
            case BYTEA -> encoder.writeBytes(((ByteString) value).getBytes());
        }
    }

    /** The two's-complement bytes of the value at the field's scale, as Avro's decimal holds it. */
    private byte[] unscaled(int column, BigDecimal value) {
        LogicalTypes.Decimal decimal = decimals[column];
        BigDecimal scaled = value.setScale(decimal.getScale(), RoundingMode.HALF_UP);
        if (scaled.precision() > decimal.getPrecision()) {
            throw new FreshetException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, format("column %s: %s has more "
                    + "digits than the Avro type decimal(%d, %d) holds", columns.get(column).name(), value,
                    decimal.getPrecision(), decimal.getScale()));
        }
        return scaled.unscaledValue().toByteArray();
    }
}
