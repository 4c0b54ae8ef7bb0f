package dev.freshet.executor.format;

import static dev.freshet.executor.format.TestColumns.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * Whatever bytes arrive, a decoder returns a row of its columns or throws {@link BadRecordException}:
 * random bytes, records cut short at every length, records with bytes flipped, huge numbers.
 */
class DecoderFuzzTest {
    private static final int RECORDS = 3_000;

    @ParameterizedTest
    @ValueSource(strings = {"json", "csv", "avro"})
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldSurviveRandomBytes(String format) {
        RecordDecoder decoder = RecordFormats.decoder(format, TestColumns.ALL_TYPES, Map.of());
        SplittableRandom random = new SplittableRandom(format.hashCode());

        for (int i = 0; i < RECORDS * 3; i++) {
            byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            decodeOrRefuse(decoder, bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "csv", "avro"})
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldSurviveRecordsCutShortAtEveryLength(String format) {
        RecordDecoder decoder = RecordFormats.decoder(format, TestColumns.ALL_TYPES, Map.of());

        for (byte[] record : validRecords(format, 200)) {
            for (int length = 0; length < record.length; length++) {
                decodeOrRefuse(decoder, Arrays.copyOf(record, length));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "csv", "avro"})
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldSurviveRecordsWithBytesChanged(String format) {
        RecordDecoder decoder = RecordFormats.decoder(format, TestColumns.ALL_TYPES, Map.of());
        SplittableRandom random = new SplittableRandom(7);

        for (byte[] record : validRecords(format, RECORDS)) {
            for (int change = random.nextInt(1, 4); change > 0 && record.length > 0; change--) {
                record[random.nextInt(record.length)] = (byte) random.nextInt(256);
            }
            decodeOrRefuse(decoder, record);
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldSurviveRandomBytesForAGivenAvroSchemaOfEveryKind() {
        String schema = """
                {"type": "record", "name": "R", "fields": [
                  {"name": "flags", "type": {"type": "array", "items": "boolean"}},
                  {"name": "counts", "type": {"type": "map", "values": ["null", "long"]}},
                  {"name": "suit", "type": {"type": "enum", "name": "Suit", "symbols": ["A", "B"]}},
                  {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 3}},
                  {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
                    {"name": "x", "type": ["null", "double", "string"]}]}},
                  {"name": "v", "type": ["string", "null"]},
                  {"name": "n", "type": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 3}}]}""";
        List<ColumnDescriptor> columns = List.of(TestColumns.nullable("suit", DataType.Kind.VARCHAR),
                TestColumns.nullable("hash", DataType.Kind.BYTEA), TestColumns.nullable("v", DataType.varchar(2)),
                TestColumns.nullable("n", DataType.decimal(5, 1)));
        RecordDecoder decoder = RecordFormats.decoder("avro", columns, Map.of("avro.schema", schema));
        SplittableRandom random = new SplittableRandom(3);

        for (int i = 0; i < RECORDS * 10; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            decodeOrRefuse(decoder, bytes);
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldSurviveHugeAndOddJsonNumbersInEveryColumn() {
        RecordDecoder decoder = RecordFormats.decoder("json", TestColumns.ALL_TYPES, Map.of());
        List<String> numbers = List.of("1e999999999", "-1e999999999", "1e-999999999", "9".repeat(999),
                "0." + "0".repeat(990) + "1", "-0", "1E+2147483647", "123456789012345678901234567890", "\"1e99999999999\"",
                "\"" + "9".repeat(999) + "\"", "\"-0x10\"", "\"NaN\"", "\"-Infinity\"", "[]", "{}", "\"\"");

        for (ColumnDescriptor column : TestColumns.ALL_TYPES) {
            for (String number : numbers) {
                decodeOrRefuse(decoder, utf8("{\"" + column.name() + "\": " + number + "}"));
            }
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldSurviveHugeNumbersInCsv() {
        List<ColumnDescriptor> columns = List.of(TestColumns.nullable("n", DataType.decimal(10, 2)),
                TestColumns.nullable("d", DataType.Kind.DOUBLE), TestColumns.nullable("l", DataType.Kind.BIGINT));
        RecordDecoder decoder = RecordFormats.decoder("csv", columns, Map.of());

        for (String number : List.of("1e999999999", "1e-999999999", "1E+2147483648", "9".repeat(5_000))) {
            decodeOrRefuse(decoder, utf8(number + "," + number + "," + number));
        }
    }

    private static List<byte[]> validRecords(String format, int count) {
        RandomRows rows = new RandomRows(11);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object[] row = rows.row(TestColumns.ALL_TYPES);
            records.add(format.equals("csv") ? utf8(CsvLines.line(TestColumns.ALL_TYPES, row))
                    : RecordFormats.encoder(format, TestColumns.ALL_TYPES, Map.of()).encode(row));
        }
        return records;
    }

    private static void decodeOrRefuse(RecordDecoder decoder, byte[] bytes) {
        try {
            assertThat(decoder.decode(bytes)).hasSize(decoder.columns().size());
        } catch (BadRecordException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            fail("decoding %s threw %s", Arrays.toString(bytes), e);
        }
    }
}
