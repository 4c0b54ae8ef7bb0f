package dev.freshet.executor.format;

import static dev.freshet.executor.format.TestColumns.notNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * The contract between a format's encoder and decoder: every row a sink writes reads back, through
 * a source of the same columns, as the same row. Run for every format sinks can write.
 */
abstract class AbstractCodecRoundTripTest {
    /** Every type but BOOLEAN, NOT NULL, with the widest DECIMAL. */
    private static final List<ColumnDescriptor> EXTREMES = TestColumns.ALL_TYPES.stream()
            .filter(column -> column.type().kind() != DataType.Kind.BOOLEAN)
            .map(column -> notNull(column.name(),
                    column.type().kind() == DataType.Kind.DECIMAL ? DataType.decimal(38, 0) : column.type()))
            .toList();
    private static final BigDecimal LARGEST_38_DIGITS = BigDecimal.TEN.pow(38).subtract(BigDecimal.ONE);

    /** The format under test. */
    protected abstract String format();

    @Test
    void shouldReadBackEveryTypeAsWritten() throws BadRecordException {
        Object[] row = {true, (short) 1, 2, 3L, 4.5f, 6.25, new BigDecimal("7.80"), "nine",
                new ByteString(new byte[] {10}), 11, 12, 13L, 14L, 15L};

        assertThat(roundTrip(TestColumns.ALL_TYPES, row)).containsExactly(row);
    }

    @Test
    void shouldReadBackNulls() throws BadRecordException {
        Object[] row = new Object[TestColumns.ALL_TYPES.size()];

        assertThat(roundTrip(TestColumns.ALL_TYPES, row)).containsExactly(row);
    }

    @Test
    void shouldReadBackTheSmallestValueOfEachType() throws BadRecordException {
        Object[] row = {Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, -Float.MAX_VALUE, -Double.MAX_VALUE,
                LARGEST_38_DIGITS.negate(), "", new ByteString(new byte[0]), Integer.MIN_VALUE, 0, Long.MIN_VALUE,
                Long.MIN_VALUE, Long.MIN_VALUE};

        assertThat(roundTrip(EXTREMES, row)).containsExactly(row);
    }

    @Test
    void shouldReadBackTheLargestValueOfEachType() throws BadRecordException {
        Object[] row = {Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Float.MAX_VALUE, Double.MAX_VALUE,
                LARGEST_38_DIGITS, "x".repeat(10_000), new ByteString(new byte[10_000]), Integer.MAX_VALUE,
                86_399_999, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};

        assertThat(roundTrip(EXTREMES, row)).containsExactly(row);
    }

    @Test
    void shouldReadBackNanTheInfinitiesAndTheSmallestFractions() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(notNull("r1", DataType.of(DataType.Kind.REAL)),
                notNull("r2", DataType.of(DataType.Kind.REAL)), notNull("r3", DataType.of(DataType.Kind.REAL)),
                notNull("d1", DataType.of(DataType.Kind.DOUBLE)), notNull("d2", DataType.of(DataType.Kind.DOUBLE)),
                notNull("d3", DataType.of(DataType.Kind.DOUBLE)));
        Object[] row = {Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                Double.MIN_VALUE};

        assertThat(roundTrip(columns, row)).containsExactly(row);
    }

    @Test
    void shouldReadBackDecimalsOfEveryScale() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(notNull("a", DataType.decimal(38, 37)),
                notNull("b", DataType.decimal(5, 5)), notNull("c", DataType.decimal(1, 0)),
                notNull("d", DataType.decimal(10, 2)), notNull("e", DataType.of(DataType.Kind.DECIMAL)),
                notNull("f", DataType.of(DataType.Kind.DECIMAL)), notNull("g", DataType.of(DataType.Kind.DECIMAL)));
        Object[] row = {new BigDecimal("-9.9999999999999999999999999999999999999"), new BigDecimal("0.00001"),
                new BigDecimal("-9"), new BigDecimal("0.00"), new BigDecimal("0.0000000000000001"),
                new BigDecimal("9999999999999999999999.9999999999999999"), new BigDecimal("-12")};

        assertThat(roundTrip(columns, row)).containsExactly(row);
    }

    @Test
    void shouldReadBackAnyUnicodeText() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(notNull("v", DataType.varchar(12)));
        Object[] row = {"日本語 😀é\u0301\u0000\t\"\\\u2028"};

        assertThat(roundTrip(columns, row)).containsExactly(row);
    }

    @Test
    void shouldReadBackEveryByte() throws BadRecordException {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Object[] row = {new ByteString(bytes)};

        assertThat(roundTrip(List.of(notNull("b", DataType.of(DataType.Kind.BYTEA))), row)).containsExactly(row);
    }

    @Test
    void shouldReadBackRandomRows() throws BadRecordException {
        List<ColumnDescriptor> columns = new ArrayList<>(TestColumns.ALL_TYPES);
        columns.add(TestColumns.nullable("wide", DataType.decimal(38, 10)));
        columns.add(TestColumns.nullable("free", DataType.of(DataType.Kind.DECIMAL)));
        columns.add(TestColumns.nullable("short", DataType.varchar(3)));
        RandomRows random = new RandomRows(20_240_101L);
        RecordEncoder encoder = RecordFormats.encoder(format(), columns, Map.of());
        RecordDecoder decoder = RecordFormats.decoder(format(), columns, Map.of());

        for (int i = 0; i < 2_000; i++) {
            Object[] row = random.row(columns);
            assertThat(decoder.decode(encoder.encode(row))).as("row %d", i).containsExactly(row);
        }
    }

    private Object[] roundTrip(List<ColumnDescriptor> columns, Object[] row) throws BadRecordException {
        byte[] bytes = RecordFormats.encoder(format(), columns, Map.of()).encode(row);
        return RecordFormats.decoder(format(), columns, Map.of()).decode(bytes);
    }
}
