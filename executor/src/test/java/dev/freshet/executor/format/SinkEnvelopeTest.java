package dev.freshet.executor.format;

import static dev.freshet.executor.format.TestColumns.notNull;
import static dev.freshet.executor.format.TestColumns.nullable;
import static dev.freshet.executor.format.TestColumns.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** Each sink type turns inserts, updates and deletes into the Kafka records docs/formats.md shows. */
class SinkEnvelopeTest {
    private static final List<ColumnDescriptor> COLUMNS = List.of(notNull("id", DataType.Kind.BIGINT),
            nullable("name", DataType.Kind.VARCHAR));
    private static final List<Integer> KEY = List.of(0);
    private static final Object[] ANN = {1L, "ann"};
    private static final Object[] ANNE = {1L, "anne"};
    private static final Object[] BOB = {2L, "bob"};
    private static final long TS = 1_704_067_200_000L;

    @Test
    void shouldWriteAnAppendOnlyInsertWithoutAKey() {
        List<EncodedRecord> records = envelope("append-only", "json", List.of()).encode(null, ANN, TS);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isNull();
            assertThat(text(record.value())).isEqualTo("{\"id\":1,\"name\":\"ann\"}");
        });
    }

    @Test
    void shouldKeyAnAppendOnlyInsertByItsKeyColumns() {
        List<EncodedRecord> records = envelope("append-only", "json", List.of(1)).encode(null, ANN, TS);

        assertThat(text(records.get(0).key())).isEqualTo("{\"name\":\"ann\"}");
    }

    @Test
    void shouldRefuseADeleteOrUpdateInAnAppendOnlySink() {
        SinkEnvelope envelope = envelope("append-only", "json", List.of());

        assertThatThrownBy(() -> envelope.encode(ANN, null, TS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an append-only sink takes inserts only, not deletes or updates");
        assertThatThrownBy(() -> envelope.encode(ANN, ANNE, TS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAChangeWithoutRows() {
        assertThatThrownBy(() -> envelope("upsert", "json", KEY).encode(null, null, TS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a change needs a row before or after it");
    }

    @Test
    void shouldWriteAnUpsertUnderTheRowsKey() {
        List<EncodedRecord> records = envelope("upsert", "json", KEY).encode(ANN, ANNE, TS);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(text(record.key())).isEqualTo("{\"id\":1}");
            assertThat(text(record.value())).isEqualTo("{\"id\":1,\"name\":\"anne\"}");
        });
    }

    @Test
    void shouldWriteATombstoneForAnUpsertSinksDelete() {
        List<EncodedRecord> records = envelope("upsert", "json", KEY).encode(ANN, null, TS);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(text(record.key())).isEqualTo("{\"id\":1}");
            assertThat(record.value()).isNull();
        });
    }

    @Test
    void shouldWriteATombstoneForTheOldKeyWhenAnUpdateChangesTheKey() {
        List<EncodedRecord> records = envelope("upsert", "json", KEY).encode(ANN, BOB, TS);

        assertThat(records).hasSize(2);
        assertThat(text(records.get(0).key())).isEqualTo("{\"id\":1}");
        assertThat(records.get(0).value()).isNull();
        assertThat(text(records.get(1).key())).isEqualTo("{\"id\":2}");
        assertThat(text(records.get(1).value())).isEqualTo("{\"id\":2,\"name\":\"bob\"}");
    }

    @Test
    void shouldRefuseAnUpsertSinkWithoutKeyColumns() {
        assertThatThrownBy(() -> envelope("upsert", "json", List.of()))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage("option 'type': an upsert sink needs key columns to key its records by");
    }

    @Test
    void shouldRefuseAKeyColumnOutOfRangeOrRepeated() {
        assertThatThrownBy(() -> envelope("upsert", "json", List.of(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> envelope("upsert", "json", List.of(0, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteDebeziumCreatesUpdatesAndDeletes() {
        SinkEnvelope envelope = envelope("debezium", "json", KEY);

        assertThat(text(envelope.encode(null, ANN, TS).get(0).value()))
                .isEqualTo("{\"before\":null,\"after\":{\"id\":1,\"name\":\"ann\"},\"op\":\"c\",\"ts_ms\":1704067200000}");
        assertThat(text(envelope.encode(ANN, ANNE, TS).get(0).value()))
                .isEqualTo("{\"before\":{\"id\":1,\"name\":\"ann\"},\"after\":{\"id\":1,\"name\":\"anne\"},\"op\":\"u\","
                        + "\"ts_ms\":1704067200000}");
        assertThat(text(envelope.encode(ANNE, null, TS).get(0).value()))
                .isEqualTo("{\"before\":{\"id\":1,\"name\":\"anne\"},\"after\":null,\"op\":\"d\",\"ts_ms\":1704067200000}");
        assertThat(text(envelope.encode(ANNE, null, TS).get(0).key())).isEqualTo("{\"id\":1}");
    }

    @Test
    void shouldWriteADebeziumDeleteAndCreateWhenAnUpdateChangesTheKey() {
        List<EncodedRecord> records = envelope("debezium", "json", KEY).encode(ANN, BOB, TS);

        assertThat(records).extracting(record -> text(record.key())).containsExactly("{\"id\":1}", "{\"id\":2}");
        assertThat(records).extracting(record -> text(record.value())).containsExactly(
                "{\"before\":{\"id\":1,\"name\":\"ann\"},\"after\":null,\"op\":\"d\",\"ts_ms\":1704067200000}",
                "{\"before\":null,\"after\":{\"id\":2,\"name\":\"bob\"},\"op\":\"c\",\"ts_ms\":1704067200000}");
    }

    @Test
    void shouldWriteADebeziumUpdateWithoutAKeyWhenTheSinkHasNoKeyColumns() {
        List<EncodedRecord> records = envelope("debezium", "json", List.of()).encode(ANN, BOB, TS);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isNull();
            assertThat(text(record.value())).contains("\"op\":\"u\"");
        });
    }

    @Test
    void shouldDeriveTheDebeziumAvroSchema() {
        SinkEnvelope envelope = envelope("debezium", "avro", KEY);

        assertThat(envelope.keySchema()).contains(
                "{\"type\":\"record\",\"name\":\"Key\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}");
        assertThat(envelope.valueSchema()).contains("{\"type\":\"record\",\"name\":\"Envelope\",\"fields\":["
                + "{\"name\":\"before\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"Row\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"name\",\"type\":[\"null\",\"string\"],"
                + "\"default\":null}]}],\"default\":null},"
                + "{\"name\":\"after\",\"type\":[\"null\",\"Row\"],\"default\":null},"
                + "{\"name\":\"op\",\"type\":\"string\"},{\"name\":\"ts_ms\",\"type\":\"long\"}]}");
    }

    @Test
    void shouldWriteDebeziumAvroEnvelopesAvrosReaderReads() {
        SinkEnvelope envelope = envelope("debezium", "avro", KEY);
        Schema schema = AvroFixtures.parse(envelope.valueSchema().orElseThrow());

        GenericRecord update = AvroFixtures.read(schema, envelope.encode(ANN, ANNE, TS).get(0).value());
        GenericRecord key = AvroFixtures.read(AvroFixtures.parse(envelope.keySchema().orElseThrow()),
                envelope.encode(ANN, ANNE, TS).get(0).key());

        assertThat(((GenericRecord) update.get("before")).get("name")).isEqualTo(new Utf8("ann"));
        assertThat(((GenericRecord) update.get("after")).get("name")).isEqualTo(new Utf8("anne"));
        assertThat(update.get("op")).isEqualTo(new Utf8("u"));
        assertThat(update.get("ts_ms")).isEqualTo(TS);
        assertThat(key.get("id")).isEqualTo(1L);
    }

    @Test
    void shouldWriteAvroKeysAndValuesForUpserts() throws BadRecordException {
        SinkEnvelope envelope = envelope("upsert", "avro", KEY);

        EncodedRecord record = envelope.encode(null, ANN, TS).get(0);

        assertThat(envelope.valueSchema()).isEqualTo(RecordFormats.encoder("avro", COLUMNS, Map.of()).schema());
        assertThat(RecordFormats.decoder("avro", COLUMNS, Map.of()).decode(record.value())).containsExactly(ANN);
        assertThat(AvroFixtures.read(AvroFixtures.parse(envelope.keySchema().orElseThrow()), record.key()).get("id"))
                .isEqualTo(1L);
    }

    @Test
    void shouldRefuseAnUnknownSinkType() {
        assertThatThrownBy(() -> envelope("retract", "json", KEY))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessage("option 'type': 'retract' is not a sink type; the types are append-only, debezium, upsert");
    }

    @Test
    void shouldHaveNoSchemasInJson() {
        SinkEnvelope envelope = envelope("debezium", "JSON", KEY);

        assertThat(envelope.keySchema()).isEmpty();
        assertThat(envelope.valueSchema()).isEmpty();
    }

    private static SinkEnvelope envelope(String type, String format, List<Integer> key) {
        return RecordFormats.sinkEnvelope(type, format, COLUMNS, key, Map.of("connector", "kafka", "type", type));
    }
}
