package dev.freshet.executor.format;

import static dev.freshet.executor.format.TestColumns.notNull;
import static dev.freshet.executor.format.TestColumns.nullable;
import static dev.freshet.executor.format.TestColumns.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.calcite.avatica.util.ByteString;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** JSON objects fill columns by field name, each value read as its column's type or refused with a reason. */
class JsonRecordDecoderTest {
    private static final long NEW_YEAR_2024 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    @Test
    void shouldReadEveryTypeFromItsNaturalJsonValue() throws BadRecordException {
        Object[] row = decode(TestColumns.ALL_TYPES, """
                {"b": true, "s": -7, "i": 42, "l": 9007199254740993, "r": 1.5, "d": -2.25, "n": 12.34,
                 "v": "héllo", "bytes": "AQL/", "day": "2024-02-29", "tod": "13:45:00.250",
                 "ts": "2024-01-01T00:00:00.123", "tstz": "2024-01-01T00:00:00.123Z", "span": 90000}
                """);

        assertThat(row).containsExactly(true, (short) -7, 42, 9007199254740993L, 1.5f, -2.25, new BigDecimal("12.34"),
                "héllo", new ByteString(new byte[] {1, 2, -1}), (int) LocalDate.of(2024, 2, 29).toEpochDay(),
                (13 * 3600 + 45 * 60) * 1000 + 250, NEW_YEAR_2024 + 123, NEW_YEAR_2024 + 123, 90_000L);
    }

    @Test
    void shouldReadMissingFieldsAndJsonNullsAsNull() throws BadRecordException {
        Object[] row = decode(List.of(nullable("a", DataType.Kind.BIGINT), nullable("b", DataType.Kind.VARCHAR)),
                "{\"a\": null}");

        assertThat(row).containsExactly(null, null);
    }

    @Test
    void shouldIgnoreFieldsNoColumnHas() throws BadRecordException {
        Object[] row = decode(List.of(nullable("a", DataType.Kind.BIGINT)),
                "{\"extra\": {\"deep\": [1, 2]}, \"a\": 1, \"more\": \"x\"}");

        assertThat(row).containsExactly(1L);
    }

    @Test
    void shouldMatchAFieldWhoseNameDiffersOnlyInCase() throws BadRecordException {
        Object[] row = decode(List.of(nullable("userid", DataType.Kind.BIGINT)), "{\"userId\": 5}");

        assertThat(row).containsExactly(5L);
    }

    @Test
    void shouldPreferTheFieldOfTheExactName() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(nullable("id", DataType.Kind.BIGINT));

        assertThat(decode(columns, "{\"ID\": 1, \"id\": 2}")).containsExactly(2L);
        assertThat(decode(columns, "{\"id\": 2, \"ID\": 1}")).containsExactly(2L);
        assertThat(decode(columns, "{\"ID\": 1, \"Id\": 3, \"id\": 2}")).containsExactly(2L);
    }

    @Test
    void shouldKeepQuotedColumnsThatDifferOnlyInCaseApart() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(nullable("id", DataType.Kind.BIGINT),
                nullable("ID", DataType.Kind.BIGINT));

        assertThat(decode(columns, "{\"ID\": 1, \"id\": 2}")).containsExactly(2L, 1L);
        assertThat(decode(columns, "{\"Id\": 3}")).containsExactly(null, null);
    }

    @Test
    void shouldRefuseTwoFieldsThatMatchAColumnOnlyIgnoringCase() {
        assertBad(List.of(nullable("id", DataType.Kind.BIGINT)), "{\"ID\": 1, \"Id\": 2}")
                .hasMessage("fields ID and Id both match column id ignoring case, and neither matches it exactly");
    }

    @Test
    void shouldReadNumbersWrittenAsStrings() throws BadRecordException {
        Object[] row = decode(List.of(nullable("l", DataType.Kind.BIGINT), nullable("d", DataType.Kind.DOUBLE),
                nullable("n", DataType.decimal(5, 1)), nullable("b", DataType.Kind.BOOLEAN)),
                "{\"l\": \" 42 \", \"d\": \"1e3\", \"n\": \"-3.25\", \"b\": \"yes\"}");

        assertThat(row).containsExactly(42L, 1000.0, new BigDecimal("-3.3"), true);
    }

    @Test
    void shouldReadAWholeNumberWrittenWithAFractionOrExponent() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(nullable("i", DataType.Kind.INTEGER));

        assertThat(decode(columns, "{\"i\": 7.000}")).containsExactly(7);
        assertThat(decode(columns, "{\"i\": 1e3}")).containsExactly(1000);
    }

    @Test
    void shouldRefuseAFractionInAWholeNumberColumn() {
        assertBad(List.of(nullable("i", DataType.Kind.INTEGER)), "{\"i\": 1.5}")
                .hasMessage("column i (INTEGER): 1.5 is not a whole number");
    }

    @Test
    void shouldRefuseAStringThatIsNoNumber() {
        assertBad(List.of(nullable("price", DataType.Kind.BIGINT)), "{\"price\": \"12abc\"}")
                .hasMessage("column price (BIGINT): \"12abc\" is not a whole number");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SMALLINT | 40000                | 40000 is out of range",
            "BIGINT   | 9223372036854775808  | 9223372036854775808 is out of range",
            "REAL     | 1e39                 | 1E+39 is out of range",
            "DOUBLE   | -1e400               | -1E+400 is out of range",
            "BIGINT   | true                 | true is a JSON boolean, which this column does not take",
            "BOOLEAN  | 1                    | 1 is a JSON number, which this column does not take",
            "BYTEA    | [1, 2]               | [1,2] is a JSON array, which this column does not take"})
    void shouldRefuseAValueTheColumnCannotHold(DataType.Kind kind, String json, String reason) {
        DataType type = DataType.of(kind);

        assertBad(List.of(nullable("c", type)), "{\"c\": " + json + "}")
                .hasMessage("column c (" + type.sqlName() + "): " + reason);
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldRefuseHugeExponentsWithoutBuildingTheirDigits() {
        assertBad(List.of(nullable("l", DataType.Kind.BIGINT)), "{\"l\": 1e999999999}")
                .hasMessage("column l (BIGINT): 1E+999999999 is out of range");
        assertBad(List.of(nullable("n", DataType.decimal(10, 2))), "{\"n\": 1e999999999}")
                .hasMessage("column n (NUMERIC(10, 2)): 1E+999999999 is out of range");
        assertBad(List.of(nullable("n", DataType.of(DataType.Kind.DECIMAL))), "{\"n\": -1e999999999}")
                .hasMessage("column n (NUMERIC): -1E+999999999 is out of range");
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldReadTinyExponentsAsZero() throws BadRecordException {
        Object[] row = decode(List.of(nullable("n", DataType.decimal(10, 2)), nullable("d", DataType.Kind.DOUBLE)),
                "{\"n\": 1e-999999999, \"d\": 1e-999999999}");

        assertThat(row).containsExactly(new BigDecimal("0.00"), 0.0);
    }

    @Test
    void shouldRefuseAnExponentBeyondWhatADecimalHolds() {
        assertBad(List.of(nullable("n", DataType.of(DataType.Kind.DECIMAL))), "{\"n\": 1E362836415556}")
                .hasMessageStartingWith("not valid JSON: Value \"1E362836415556\" can not be deserialized");
    }

    @Test
    void shouldRefuseANumberWithMoreDigitsThanJacksonReads() {
        assertBad(List.of(nullable("l", DataType.Kind.BIGINT)), "{\"l\": " + "9".repeat(2000) + "}")
                .hasMessageStartingWith("not valid JSON: Number value length (");
    }

    @Test
    void shouldRoundDecimalsHalfUpToTheColumnsScale() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(nullable("n", DataType.decimal(10, 2)));

        assertThat(decode(columns, "{\"n\": 1.005}")).containsExactly(new BigDecimal("1.01"));
        assertThat(decode(columns, "{\"n\": -1.005}")).containsExactly(new BigDecimal("-1.01"));
        assertThat(decode(columns, "{\"n\": 3}")).containsExactly(new BigDecimal("3.00"));
    }

    @Test
    void shouldRefuseADecimalWithMoreIntegerDigitsThanItsPrecisionAllows() {
        assertBad(List.of(nullable("n", DataType.decimal(4, 2))), "{\"n\": 99.995}")
                .hasMessage("column n (NUMERIC(4, 2)): 99.995 is out of range");
    }

    @Test
    void shouldKeepAnUnconstrainedNumericsDigitsWithoutTrailingZeros() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(nullable("n", DataType.of(DataType.Kind.DECIMAL)));

        assertThat(decode(columns, "{\"n\": 1.2500}")).containsExactly(new BigDecimal("1.25"));
        assertThat(decode(columns, "{\"n\": 1.00000000000000005}")).containsExactly(new BigDecimal("1.0000000000000001"));
        assertThat(decode(columns, "{\"n\": 1e21}")).containsExactly(new BigDecimal("1000000000000000000000"));
    }

    @Test
    void shouldWriteAnyNonStringValueIntoVarcharAsItsJsonText() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(nullable("o", DataType.Kind.VARCHAR),
                nullable("a", DataType.Kind.VARCHAR), nullable("n", DataType.Kind.VARCHAR),
                nullable("t", DataType.Kind.VARCHAR));

        assertThat(decode(columns, "{\"o\": {\"k\": [1, \"x\"]}, \"a\": [true, null], \"n\": 12, \"t\": true}"))
                .containsExactly("{\"k\":[1,\"x\"]}", "[true,null]", "12", "true");
    }

    @Test
    void shouldRefuseAVarcharLongerThanItsLength() {
        assertBad(List.of(nullable("name", DataType.varchar(5))), "{\"name\": \"abcdef\"}")
                .hasMessage("column name (VARCHAR(5)): \"abcdef\" is longer than 5 characters");
    }

    @Test
    void shouldCountAVarcharsLengthInCharactersNotBytesOrCodeUnits() throws BadRecordException {
        Object[] row = decode(List.of(nullable("name", DataType.varchar(3))), "{\"name\": \"日😀é\"}");

        assertThat(row).containsExactly("日😀é");
    }

    @Test
    void shouldRefuseNullInANotNullColumn() {
        List<ColumnDescriptor> columns = List.of(notNull("id", DataType.Kind.BIGINT));

        assertBad(columns, "{\"id\": null}").hasMessage("column id (BIGINT): the value is NULL, but the column is NOT NULL");
        assertBad(columns, "{}").hasMessage("column id (BIGINT): the value is NULL, but the column is NOT NULL");
    }

    @Test
    void shouldReadTimestampsInIsoAndSqlFormAndAsEpochMilliseconds() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(nullable("ts", DataType.Kind.TIMESTAMP));

        assertThat(decode(columns, "{\"ts\": \"2024-01-01T00:00:00.123\"}")).containsExactly(NEW_YEAR_2024 + 123);
        assertThat(decode(columns, "{\"ts\": \"2024-01-01 00:00:00.123\"}")).containsExactly(NEW_YEAR_2024 + 123);
        assertThat(decode(columns, "{\"ts\": " + (NEW_YEAR_2024 + 123) + "}")).containsExactly(NEW_YEAR_2024 + 123);
    }

    @Test
    void shouldConvertATimestampWithAnOffsetToUtc() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(nullable("ts", DataType.Kind.TIMESTAMP),
                nullable("tstz", DataType.Kind.TIMESTAMPTZ));

        assertThat(decode(columns, "{\"ts\": \"2024-01-01T02:00:00+02:00\", \"tstz\": \"2024-01-01 05:30+05:30\"}"))
                .containsExactly(NEW_YEAR_2024, NEW_YEAR_2024);
    }

    @Test
    void shouldRefuseAMalformedTimestamp() {
        assertBad(List.of(nullable("ts", DataType.Kind.TIMESTAMP)), "{\"ts\": \"2024-13-01 00:00:00\"}")
                .hasMessage("column ts (TIMESTAMP): \"2024-13-01 00:00:00\" is not a timestamp; write "
                        + "YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|+HH[:MM]]");
    }

    @Test
    void shouldReadDatesTimesAndIntervalsFromNumbersOfTheirUnits() throws BadRecordException {
        Object[] row = decode(List.of(nullable("day", DataType.Kind.DATE), nullable("tod", DataType.Kind.TIME),
                nullable("span", DataType.Kind.INTERVAL)), "{\"day\": 19723, \"tod\": 1000, \"span\": \"PT1H\"}");

        assertThat(row).containsExactly(19723, 1000, Duration.ofHours(1).toMillis());
    }

    @Test
    void shouldRefuseATimeOfDayBeyondTheDay() {
        assertBad(List.of(nullable("tod", DataType.Kind.TIME)), "{\"tod\": 86400000}")
                .hasMessage("column tod (TIME): 86400000 is out of range");
    }

    @Test
    void shouldReadNanAndTheInfinitiesFromStrings() throws BadRecordException {
        Object[] row = decode(List.of(nullable("a", DataType.Kind.DOUBLE), nullable("b", DataType.Kind.REAL),
                nullable("c", DataType.Kind.DOUBLE)), "{\"a\": \"NaN\", \"b\": \"Infinity\", \"c\": \"-Infinity\"}");

        assertThat(row).containsExactly(Double.NaN, Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Test
    void shouldRefuseARecordThatIsNotAnObject() {
        assertBad(List.of(nullable("a", DataType.Kind.BIGINT)), "[1, 2]")
                .hasMessage("the record is a JSON array, not an object: [1,2]");
        assertBad(List.of(nullable("a", DataType.Kind.BIGINT)), "null")
                .hasMessage("the record is a JSON null, not an object: null");
    }

    @Test
    void shouldRefuseMalformedJsonSayingWhere() {
        assertBad(List.of(nullable("a", DataType.Kind.BIGINT)), "{\"a\": 1,\n \"b\": x}")
                .hasMessageStartingWith("not valid JSON: Unrecognized token 'x'")
                .hasMessageEndingWith("(line 2, column 9)");
    }

    @Test
    void shouldLeaveJacksonsRedactedSourceOutOfTheReason() {
        assertBad(List.of(nullable("a", DataType.Kind.BIGINT)), "{\"a\": 1")
                .hasMessage("not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at "
                        + "[line: 1, column: 1]) (line 1, column 8)");
    }

    @Test
    void shouldRefuseContentAfterTheObject() {
        assertBad(List.of(nullable("a", DataType.Kind.BIGINT)), "{\"a\": 1} {\"a\": 2}")
                .hasMessageStartingWith("not valid JSON: Trailing token");
    }

    @Test
    void shouldRefuseAnEmptyRecordAndATombstone() {
        List<ColumnDescriptor> columns = List.of(nullable("a", DataType.Kind.BIGINT));

        assertBad(columns, "").hasMessage("the record is empty; it must be a JSON object");
        assertBad(columns, "  \n").hasMessage("the record is empty; it must be a JSON object");
        assertThatThrownBy(() -> decoder(columns).decode(null))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("the record has no value (a tombstone)");
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8() {
        assertThatThrownBy(() -> decoder(List.of(nullable("a", DataType.Kind.VARCHAR)))
                .decode(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}))
                .isInstanceOf(BadRecordException.class)
                .hasMessageStartingWith("not valid JSON: Invalid UTF-8");
    }

    @Test
    void shouldCutLongValuesInReasons() {
        assertBad(List.of(nullable("v", DataType.varchar(2))), "{\"v\": \"" + "x".repeat(100) + "\"}")
                .hasMessage("column v (VARCHAR(2)): \"" + "x".repeat(60) + "…\" is longer than 2 characters");
    }

    private static RecordDecoder decoder(List<ColumnDescriptor> columns) {
        return RecordFormats.decoder("json", columns, Map.of());
    }

    private static Object[] decode(List<ColumnDescriptor> columns, String json) throws BadRecordException {
        return decoder(columns).decode(utf8(json));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertBad(List<ColumnDescriptor> columns,
            String json) {
        return assertThatThrownBy(() -> decode(columns, json)).isInstanceOf(BadRecordException.class);
    }
}
