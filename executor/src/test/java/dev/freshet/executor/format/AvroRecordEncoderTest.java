package dev.freshet.executor.format;

import static dev.freshet.executor.format.TestColumns.notNull;
import static dev.freshet.executor.format.TestColumns.nullable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** Rows become records of the schema derived from the columns, which Avro's own reader reads. */
class AvroRecordEncoderTest {
    @Test
    void shouldDeriveTheDocumentedSchema() {
        assertThat(encoder(TestColumns.ALL_TYPES).schema()).contains(AvroFixtures.ALL_TYPES_SCHEMA);
    }

    @Test
    void shouldDeriveFieldsWithoutUnionsForNotNullColumnsAndDecimal38And16ForUnconstrainedNumeric() {
        List<ColumnDescriptor> columns = List.of(notNull("id", DataType.Kind.BIGINT),
                notNull("amount", DataType.of(DataType.Kind.DECIMAL)));

        assertThat(encoder(columns).schema()).contains("{\"type\":\"record\",\"name\":\"Row\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"long\"},"
                + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":38,"
                + "\"scale\":16}}]}");
    }

    @Test
    void shouldWriteRecordsAvrosReaderReads() {
        Object[] row = {true, (short) -7, 42, Long.MIN_VALUE, 0.1f, -2.25, new BigDecimal("-12.30"), "日本 😀",
                new ByteString(new byte[] {1, 2, -1}), 19_782, 49_500_250, 1_704_067_200_123L, -1L, 90_000L};
        Schema schema = AvroFixtures.parse(AvroFixtures.ALL_TYPES_SCHEMA);

        GenericRecord record = AvroFixtures.read(schema, encoder(TestColumns.ALL_TYPES).encode(row));

        assertThat(List.of(record.get("b"), record.get("s"), record.get("i"), record.get("l"), record.get("r"),
                record.get("d"), record.get("v"), record.get("bytes"), record.get("day"), record.get("tod"),
                record.get("ts"), record.get("tstz"), record.get("span")))
                .containsExactly(true, -7, 42, Long.MIN_VALUE, 0.1f, -2.25, new Utf8("日本 😀"),
                        ByteBuffer.wrap(new byte[] {1, 2, -1}), 19_782, 49_500_250, 1_704_067_200_123L, -1L, 90_000L);
        assertThat(new BigDecimal(new BigInteger(bytes((ByteBuffer) record.get("n"))), 2))
                .isEqualTo(new BigDecimal("-12.30"));
    }

    @Test
    void shouldWriteNullsAsTheNullBranch() {
        GenericRecord record = AvroFixtures.read(AvroFixtures.parse(AvroFixtures.ALL_TYPES_SCHEMA),
                encoder(TestColumns.ALL_TYPES).encode(new Object[TestColumns.ALL_TYPES.size()]));

        for (Schema.Field field : record.getSchema().getFields()) {
            assertThat(record.get(field.pos())).as(field.name()).isNull();
        }
    }

    @Test
    void shouldRoundADecimalWithMoreFractionalDigitsThanTheSchemaHolds() {
        List<ColumnDescriptor> columns = List.of(notNull("n", DataType.of(DataType.Kind.DECIMAL)));
        Schema schema = AvroFixtures.parse(encoder(columns).schema().orElseThrow());

        GenericRecord record = AvroFixtures.read(schema,
                encoder(columns).encode(new Object[] {new BigDecimal("0.12345678901234565")}));

        assertThat(new BigDecimal(new BigInteger(bytes((ByteBuffer) record.get("n"))), 16))
                .isEqualTo(new BigDecimal("0.1234567890123457"));
    }

    @Test
    void shouldRefuseADecimalWithMoreDigitsThanTheSchemaHolds() {
        List<ColumnDescriptor> columns = List.of(notNull("n", DataType.of(DataType.Kind.DECIMAL)));

        assertThatThrownBy(() -> encoder(columns).encode(new Object[] {new BigDecimal("1e22")}))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE))
                .hasMessage("column n: 1E+22 has more digits than the Avro type decimal(38, 16) holds");
    }

    @Test
    void shouldRefuseAColumnNameAvroCannotHold() {
        assertThatThrownBy(() -> encoder(List.of(nullable("1st", DataType.Kind.BIGINT))))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_NAME))
                .hasMessageStartingWith("column 1st cannot be an Avro field");
    }

    @Test
    void shouldAcceptUnicodeLettersInColumnNames() {
        assertThat(encoder(List.of(nullable("größe", DataType.Kind.BIGINT))).schema().orElseThrow())
                .contains("\"name\":\"größe\"");
    }

    private static RecordEncoder encoder(List<ColumnDescriptor> columns) {
        return RecordFormats.encoder("avro", columns, Map.of());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
