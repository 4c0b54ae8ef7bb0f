package dev.freshet.executor.format;

import static dev.freshet.executor.format.TestColumns.notNull;
import static dev.freshet.executor.format.TestColumns.nullable;
import static dev.freshet.executor.format.TestColumns.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** Rows become JSON objects of column name to value, each type written as docs/formats.md shows. */
class JsonRecordEncoderTest {
    private static final long NEW_YEAR_2024 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    @Test
    void shouldWriteEveryTypeAsDocumented() {
        Object[] row = {true, (short) -7, 42, Long.MAX_VALUE, 0.1f, -2.25, new BigDecimal("12.30"), "héllo \"x\"",
                new ByteString(new byte[] {1, 2, -1}), (int) LocalDate.of(2024, 2, 29).toEpochDay(), 49_500_250,
                NEW_YEAR_2024 + 123, NEW_YEAR_2024, -90_000L};

        assertThat(encode(TestColumns.ALL_TYPES, row)).isEqualTo("{\"b\":true,\"s\":-7,\"i\":42,"
                + "\"l\":9223372036854775807,\"r\":0.1,\"d\":-2.25,\"n\":12.30,\"v\":\"héllo \\\"x\\\"\","
                + "\"bytes\":\"AQL/\",\"day\":\"2024-02-29\",\"tod\":\"13:45:00.250\",\"ts\":\"2024-01-01T00:00:00.123\","
                + "\"tstz\":\"2024-01-01T00:00:00.000Z\",\"span\":-90000}");
    }

    @Test
    void shouldWriteNullAsNull() {
        assertThat(encode(TestColumns.ALL_TYPES, new Object[TestColumns.ALL_TYPES.size()]))
                .isEqualTo("{\"b\":null,\"s\":null,\"i\":null,\"l\":null,\"r\":null,\"d\":null,\"n\":null,\"v\":null,"
                        + "\"bytes\":null,\"day\":null,\"tod\":null,\"ts\":null,\"tstz\":null,\"span\":null}");
    }

    @Test
    void shouldWriteNanAndTheInfinitiesAsStrings() {
        List<ColumnDescriptor> columns = List.of(nullable("a", DataType.Kind.DOUBLE), nullable("b", DataType.Kind.REAL),
                nullable("c", DataType.Kind.DOUBLE));

        assertThat(encode(columns, new Object[] {Double.NaN, Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}))
                .isEqualTo("{\"a\":\"NaN\",\"b\":\"Infinity\",\"c\":\"-Infinity\"}");
    }

    @Test
    void shouldWriteDecimalsInPlainNotation() {
        List<ColumnDescriptor> columns = List.of(nullable("n", DataType.decimal(10, 8)));

        assertThat(encode(columns, new Object[] {new BigDecimal("0.00000010")})).isEqualTo("{\"n\":0.00000010}");
    }

    @Test
    void shouldEscapeControlCharactersAndKeepOtherUnicode() {
        List<ColumnDescriptor> columns = List.of(nullable("v", DataType.Kind.VARCHAR));

        assertThat(encode(columns, new Object[] {"a\tb\u0001日😀"})).isEqualTo("{\"v\":\"a\\tb\\u0001日😀\"}");
    }

    @Test
    void shouldWriteTimestampsBeforeTheEpochAndAfterTheYear9999() {
        List<ColumnDescriptor> columns = List.of(nullable("a", DataType.Kind.TIMESTAMP),
                nullable("b", DataType.Kind.TIMESTAMPTZ));

        assertThat(encode(columns, new Object[] {-1L, 253_402_300_800_000L}))
                .isEqualTo("{\"a\":\"1969-12-31T23:59:59.999\",\"b\":\"+10000-01-01T00:00:00.000Z\"}");
    }

    @Test
    void shouldRefuseARowOfAnotherWidth() {
        assertThatThrownBy(() -> encoder(TestColumns.ALL_TYPES).encode(new Object[] {true}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the row has 1 values for 14 columns");
    }

    @Test
    void shouldRefuseNullInANotNullColumn() {
        assertThatThrownBy(() -> encoder(List.of(notNull("id", DataType.Kind.BIGINT))).encode(new Object[] {null}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column id is NOT NULL, but the row holds NULL");
    }

    @Test
    void shouldHaveNoSchema() {
        assertThat(encoder(TestColumns.ALL_TYPES).schema()).isEmpty();
    }

    private static RecordEncoder encoder(List<ColumnDescriptor> columns) {
        return RecordFormats.encoder("json", columns, Map.of());
    }

    private static String encode(List<ColumnDescriptor> columns, Object[] row) {
        return text(encoder(columns).encode(row));
    }
}
