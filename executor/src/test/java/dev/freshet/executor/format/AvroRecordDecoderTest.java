package dev.freshet.executor.format;

import static dev.freshet.executor.format.TestColumns.notNull;
import static dev.freshet.executor.format.TestColumns.nullable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.calcite.avatica.util.ByteString;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** Avro records written by Avro's own writer decode into rows; schemas the columns cannot hold are refused up front. */
class AvroRecordDecoderTest {
    private static final long NEW_YEAR_2024 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final List<ColumnDescriptor> ID_NAME = List.of(notNull("id", DataType.Kind.BIGINT),
            nullable("name", DataType.Kind.VARCHAR));

    @Test
    void shouldReadRecordsOfTheDerivedSchema() throws BadRecordException {
        GenericRecord record = new GenericRecordBuilder(AvroFixtures.parse(AvroFixtures.ALL_TYPES_SCHEMA))
                .set("b", true).set("s", -7).set("i", 42).set("l", Long.MIN_VALUE).set("r", 1.5f).set("d", -2.25)
                .set("n", ByteBuffer.wrap(new BigDecimal("-12.34").unscaledValue().toByteArray()))
                .set("v", "日本 😀").set("bytes", ByteBuffer.wrap(new byte[] {1, 2, -1}))
                .set("day", (int) LocalDate.of(2024, 2, 29).toEpochDay()).set("tod", 1000)
                .set("ts", NEW_YEAR_2024).set("tstz", NEW_YEAR_2024 + 1).set("span", -5L)
                .build();

        Object[] row = decoder(TestColumns.ALL_TYPES, Map.of()).decode(AvroFixtures.write(record));

        assertThat(row).containsExactly(true, (short) -7, 42, Long.MIN_VALUE, 1.5f, -2.25, new BigDecimal("-12.34"),
                "日本 😀", new ByteString(new byte[] {1, 2, -1}), (int) LocalDate.of(2024, 2, 29).toEpochDay(), 1000,
                NEW_YEAR_2024, NEW_YEAR_2024 + 1, -5L);
    }

    @Test
    void shouldReadNullsOfNullableColumns() throws BadRecordException {
        GenericRecord record = new GenericData.Record(AvroFixtures.parse(AvroFixtures.ALL_TYPES_SCHEMA));

        Object[] row = decoder(TestColumns.ALL_TYPES, Map.of()).decode(AvroFixtures.write(record));

        assertThat(row).hasSize(TestColumns.ALL_TYPES.size()).containsOnlyNulls();
    }

    @Test
    void shouldMatchTheFieldsOfAGivenSchemaByNameAndSkipTheOthers() throws BadRecordException {
        String schema = """
                {"type": "record", "name": "User", "namespace": "com.example", "fields": [
                  {"name": "tags", "type": {"type": "array", "items": "string"}},
                  {"name": "Name", "type": ["null", "string"]},
                  {"name": "attributes", "type": {"type": "map", "values": "long"}},
                  {"name": "ID", "type": "long"},
                  {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
                    {"name": "city", "type": "string"}]}}]}
                """;
        Schema parsed = AvroFixtures.parse(schema);
        GenericRecord record = new GenericRecordBuilder(parsed)
                .set("tags", List.of("a", "b")).set("Name", "ann").set("attributes", Map.of("k", 1L)).set("ID", 7L)
                .set("address", new GenericRecordBuilder(parsed.getField("address").schema()).set("city", "Oslo").build())
                .build();

        Object[] row = decoder(ID_NAME, Map.of("avro.schema", schema)).decode(AvroFixtures.write(record));

        assertThat(row).containsExactly(7L, "ann");
    }

    @Test
    void shouldRefuseAGivenSchemaWithoutAFieldForAColumn() {
        assertRefused(ID_NAME, """
                {"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}]}""")
                .hasMessage("option 'avro.schema': the schema has no field for column name; its fields are id");
    }

    @Test
    void shouldRefuseAFieldTypeTheColumnCannotHold() {
        assertRefused(ID_NAME, """
                {"type": "record", "name": "R", "fields": [{"name": "id", "type": "string"},
                  {"name": "name", "type": "string"}]}""")
                .hasMessage("option 'avro.schema': field id has type \"string\", which column id (BIGINT) cannot "
                        + "hold; docs/formats.md lists the Avro types each column type takes");
    }

    @Test
    void shouldRefuseATimestampFieldForABigintColumn() {
        assertRefused(List.of(nullable("at", DataType.Kind.BIGINT)), """
                {"type": "record", "name": "R", "fields": [
                  {"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}}]}""")
                .hasMessageStartingWith("option 'avro.schema': field at has type "
                        + "{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}, which column at (BIGINT) cannot hold");
    }

    @Test
    void shouldRefuseAUnionOfSeveralTypes() {
        assertRefused(List.of(nullable("v", DataType.Kind.VARCHAR)), """
                {"type": "record", "name": "R", "fields": [{"name": "v", "type": ["null", "string", "long"]}]}""")
                .hasMessage("option 'avro.schema': field v is the union [\"null\",\"string\",\"long\"]; only unions of "
                        + "null and one other type can be read");
    }

    @Test
    void shouldRefuseASchemaThatIsNoRecord() {
        assertRefused(ID_NAME, "\"long\"").hasMessage("option 'avro.schema': the schema is a long; it must be a record");
        assertRefused(ID_NAME, "{\"type\": \"record\"")
                .hasMessageStartingWith("option 'avro.schema': not an Avro schema: ");
    }

    @Test
    void shouldRefuseARecursiveSchema() {
        assertRefused(List.of(nullable("v", DataType.Kind.BIGINT)), """
                {"type": "record", "name": "Node", "fields": [{"name": "v", "type": "long"},
                  {"name": "next", "type": ["null", "Node"]}]}""")
                .hasMessage("option 'avro.schema': record Node contains itself; recursive schemas are not supported");
    }

    @Test
    void shouldRefuseASchemaWithAnArrayOfItemsThatTakeNoBytes() {
        assertRefused(List.of(nullable("v", DataType.Kind.BIGINT)), """
                {"type": "record", "name": "R", "fields": [{"name": "v", "type": "long"},
                  {"name": "nothing", "type": {"type": "array", "items": {"type": "record", "name": "Empty",
                    "fields": [{"name": "none", "type": "null"}]}}}]}""")
                .hasMessage("option 'avro.schema': the array {\"type\":\"array\",\"items\":{\"type\":\"record\","
                        + "\"name\":\"Empty\",\"fields\":[{\"name\":\"none\",\"type\":\"null\"}]}} has items that "
                        + "take no bytes, which is not supported");
    }

    @Test
    void shouldReadFinerTimestampUnitsAsMillisecondsRoundedDown() throws BadRecordException {
        String schema = """
                {"type": "record", "name": "R", "fields": [
                  {"name": "micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "nanos", "type": {"type": "long", "logicalType": "local-timestamp-nanos"}},
                  {"name": "tod", "type": {"type": "long", "logicalType": "time-micros"}}]}""";
        GenericRecord record = new GenericRecordBuilder(AvroFixtures.parse(schema))
                .set("micros", -1L).set("nanos", 1_999_999L).set("tod", 2_500L).build();
        List<ColumnDescriptor> columns = List.of(nullable("micros", DataType.Kind.TIMESTAMPTZ),
                nullable("nanos", DataType.Kind.TIMESTAMP), nullable("tod", DataType.Kind.TIME));

        Object[] row = decoder(columns, Map.of("avro.schema", schema)).decode(AvroFixtures.write(record));

        assertThat(row).containsExactly(-1L, 1L, 2);
    }

    @Test
    void shouldCheckTheRangeOfEachValueOfAWiderType() throws BadRecordException {
        String schema = "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"s\", \"type\": \"long\"}]}";
        RecordDecoder decoder = decoder(List.of(nullable("s", DataType.Kind.SMALLINT)), Map.of("avro.schema", schema));
        Schema parsed = AvroFixtures.parse(schema);

        assertThat(decoder.decode(AvroFixtures.write(new GenericRecordBuilder(parsed).set("s", 12L).build())))
                .containsExactly((short) 12);
        assertThatThrownBy(() -> decoder.decode(AvroFixtures.write(new GenericRecordBuilder(parsed).set("s", 40_000L)
                .build())))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("column s (SMALLINT): 40000 is out of range");
    }

    @Test
    void shouldRoundADecimalOfAnotherScaleToTheColumns() throws BadRecordException {
        String schema = """
                {"type": "record", "name": "R", "fields": [{"name": "n", "type":
                  {"type": "fixed", "name": "N", "size": 8, "logicalType": "decimal", "precision": 12, "scale": 4}}]}""";
        Schema parsed = AvroFixtures.parse(schema);
        byte[] unscaled = new byte[8];
        byte[] value = new BigDecimal("-1.2350").unscaledValue().toByteArray();
        Arrays.fill(unscaled, (byte) -1);
        System.arraycopy(value, 0, unscaled, 8 - value.length, value.length);
        GenericRecord record = new GenericRecordBuilder(parsed)
                .set("n", new GenericData.Fixed(parsed.getField("n").schema(), unscaled)).build();

        Object[] row = decoder(List.of(nullable("n", DataType.decimal(6, 2))), Map.of("avro.schema", schema))
                .decode(AvroFixtures.write(record));

        assertThat(row).containsExactly(new BigDecimal("-1.24"));
    }

    @Test
    void shouldReadAnEnumSymbolIntoVarchar() throws BadRecordException {
        String schema = """
                {"type": "record", "name": "R", "fields": [{"name": "suit", "type":
                  {"type": "enum", "name": "Suit", "symbols": ["HEARTS", "SPADES"]}}]}""";
        Schema parsed = AvroFixtures.parse(schema);
        GenericRecord record = new GenericRecordBuilder(parsed)
                .set("suit", new GenericData.EnumSymbol(parsed.getField("suit").schema(), "SPADES")).build();

        Object[] row = decoder(List.of(nullable("suit", DataType.Kind.VARCHAR)), Map.of("avro.schema", schema))
                .decode(AvroFixtures.write(record));

        assertThat(row).containsExactly("SPADES");
    }

    @Test
    void shouldRefuseNullFromAUnionInANotNullColumn() {
        String schema = """
                {"type": "record", "name": "R", "fields": [{"name": "id", "type": ["null", "long"]},
                  {"name": "name", "type": ["null", "string"]}]}""";
        byte[] record = AvroFixtures.write(new GenericData.Record(AvroFixtures.parse(schema)));

        assertThatThrownBy(() -> decoder(ID_NAME, Map.of("avro.schema", schema)).decode(record))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("column id (BIGINT): the value is NULL, but the column is NOT NULL");
    }

    @Test
    void shouldReadTheConfluentWireFormat() throws BadRecordException {
        byte[] payload = AvroFixtures.write(new GenericRecordBuilder(AvroFixtures.parse(idNameSchema()))
                .set("id", 3L).set("name", "x").build());
        byte[] framed = new byte[payload.length + 5];
        framed[4] = 42;
        System.arraycopy(payload, 0, framed, 5, payload.length);

        Object[] row = decoder(ID_NAME, Map.of("avro.confluent", "true")).decode(framed);

        assertThat(row).containsExactly(3L, "x");
    }

    @Test
    void shouldRefuseARecordWithoutTheConfluentHeader() {
        assertThatThrownBy(() -> decoder(ID_NAME, Map.of("avro.confluent", "TRUE")).decode(new byte[] {1, 0, 0, 0, 1, 2}))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Avro: the record does not start with the Confluent wire format's magic byte 0 and a "
                        + "four-byte schema id");
    }

    @Test
    void shouldRefuseATruncatedRecord() {
        byte[] record = AvroFixtures.write(new GenericRecordBuilder(AvroFixtures.parse(idNameSchema()))
                .set("id", 3L).set("name", "xyz").build());

        assertThatThrownBy(() -> decoder(ID_NAME, Map.of()).decode(Arrays.copyOf(record, record.length - 1)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageStartingWith("Avro: the record ends early; was it written with another schema?");
    }

    @Test
    void shouldRefuseBytesAfterTheRecord() {
        byte[] record = AvroFixtures.write(new GenericRecordBuilder(AvroFixtures.parse(idNameSchema()))
                .set("id", 3L).set("name", "xyz").build());

        assertThatThrownBy(() -> decoder(ID_NAME, Map.of()).decode(Arrays.copyOf(record, record.length + 1)))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("Avro: bytes follow the end of the record; was it written with another schema?");
    }

    @Test
    void shouldRefuseALengthLongerThanTheRecord() {
        // id 1, then the union branch string, then a string length of a million bytes with none following.
        byte[] record = {2, 2, (byte) 0x80, (byte) 0x89, 0x7A};

        assertThatThrownBy(() -> decoder(ID_NAME, Map.of()).decode(record))
                .isInstanceOf(BadRecordException.class)
                .hasMessageStartingWith("Avro: the record ends early");
    }

    @Test
    void shouldRefuseAStringThatIsNotUtf8() {
        byte[] record = {2, 2, 2, (byte) 0xC3};

        assertThatThrownBy(() -> decoder(ID_NAME, Map.of()).decode(record))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("column name (TEXT): the string is not valid UTF-8");
    }

    @Test
    void shouldRefuseAColumnNameAvroCannotHold() {
        assertThatThrownBy(() -> decoder(List.of(nullable("my col", DataType.Kind.BIGINT)), Map.of()))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_NAME))
                .hasMessage("column my col cannot be an Avro field: Avro names are letters, digits and underscores, "
                        + "not starting with a digit");
    }

    private static String idNameSchema() {
        return """
                {"type": "record", "name": "Row", "fields": [{"name": "id", "type": "long"},
                  {"name": "name", "type": ["null", "string"], "default": null}]}""";
    }

    private static RecordDecoder decoder(List<ColumnDescriptor> columns, Map<String, String> options) {
        return RecordFormats.decoder("avro", columns, options);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(List<ColumnDescriptor> columns,
            String schema) {
        return assertThatThrownBy(() -> decoder(columns, Map.of("avro.schema", schema)))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }
}
