package dev.freshet.executor.format;

import static dev.freshet.executor.format.TestColumns.nullable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.apache.calcite.avatica.util.ByteString;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.freshet.planner.DataType;

/** Each type's text form, as CSV fields and JSON strings carry it. */
class TextValuesTest {
    private static final long NEW_YEAR_2024 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    @ParameterizedTest
    @ValueSource(strings = {"t", "TRUE", "y", "yes", "on", "1", " true "})
    void shouldReadPostgresWordsForTrue(String text) throws BadRecordException {
        assertThat(parse(DataType.of(DataType.Kind.BOOLEAN), text)).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f", "False", "n", "no", "off", "0"})
    void shouldReadPostgresWordsForFalse(String text) throws BadRecordException {
        assertThat(parse(DataType.of(DataType.Kind.BOOLEAN), text)).isEqualTo(false);
    }

    @Test
    void shouldRefuseAnotherWordForABoolean() {
        assertBad(DataType.of(DataType.Kind.BOOLEAN), "maybe")
                .hasMessage("column c (BOOLEAN): \"maybe\" is not a boolean; write true or false");
    }

    @Test
    void shouldReadWholeNumbersWithASign() throws BadRecordException {
        assertThat(parse(DataType.of(DataType.Kind.SMALLINT), "-32768")).isEqualTo((short) -32768);
        assertThat(parse(DataType.of(DataType.Kind.INTEGER), "+2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(parse(DataType.of(DataType.Kind.BIGINT), "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1e3", "0x10", "", " ", "1_000", "--1", "½"})
    void shouldRefuseTextThatIsNoWholeNumber(String text) {
        assertBad(DataType.of(DataType.Kind.BIGINT), text).hasMessageEndingWith("is not a whole number");
    }

    @Test
    void shouldRefuseAWholeNumberBeyondTheTypesRange() {
        assertBad(DataType.of(DataType.Kind.INTEGER), "2147483648")
                .hasMessage("column c (INTEGER): 2147483648 is out of range");
        assertBad(DataType.of(DataType.Kind.BIGINT), "9223372036854775808")
                .hasMessage("column c (BIGINT): 9223372036854775808 is out of range");
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldRefuseOverlongNumbersUnparsed() {
        assertBad(DataType.of(DataType.Kind.DECIMAL), "1".repeat(1_000_000))
                .hasMessageEndingWith("has more than 1000 characters, too many for a number");
    }

    @Test
    void shouldReadFloatingPointNumbersAndTheirSpecialValues() throws BadRecordException {
        DataType type = DataType.of(DataType.Kind.DOUBLE);

        assertThat(parse(type, "-.5")).isEqualTo(-0.5);
        assertThat(parse(type, "1.25E2")).isEqualTo(125.0);
        assertThat(parse(type, "NaN")).isEqualTo(Double.NaN);
        assertThat(parse(type, "-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse(DataType.of(DataType.Kind.REAL), "Infinity")).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1f", "1d", "0x1p3", "1e", ".", "e5", "infinityy"})
    void shouldRefuseWhatOnlyJavaTakesAsANumber(String text) {
        assertBad(DataType.of(DataType.Kind.DOUBLE), text).hasMessageEndingWith("is not a number");
    }

    @Test
    void shouldRefuseAFiniteNumberBeyondTheTypesRange() {
        assertBad(DataType.of(DataType.Kind.REAL), "1e39").hasMessage("column c (REAL): 1E+39 is out of range");
        assertBad(DataType.of(DataType.Kind.DOUBLE), "1e309")
                .hasMessage("column c (DOUBLE PRECISION): 1E+309 is out of range");
        assertBad(DataType.of(DataType.Kind.DECIMAL), "1e99999999999")
                .hasMessage("column c (NUMERIC): \"1e99999999999\" is out of range");
    }

    @Test
    void shouldReadADecimalInAnyNotationAtTheColumnsScale() throws BadRecordException {
        assertThat(parse(DataType.decimal(6, 2), "1e2")).isEqualTo(new BigDecimal("100.00"));
        assertThat(parse(DataType.decimal(6, 0), "-12.5")).isEqualTo(new BigDecimal("-13"));
    }

    @Test
    void shouldRefuseNanForADecimal() {
        assertBad(DataType.decimal(6, 2), "NaN").hasMessage("column c (NUMERIC(6, 2)): \"NaN\" is not a number");
    }

    @Test
    void shouldReadByteaAsBase64OrPostgresHex() throws BadRecordException {
        DataType type = DataType.of(DataType.Kind.BYTEA);

        assertThat(parse(type, "AQL/")).isEqualTo(new ByteString(new byte[] {1, 2, -1}));
        assertThat(parse(type, "\\x0102fF")).isEqualTo(new ByteString(new byte[] {1, 2, -1}));
        assertThat(parse(type, "")).isEqualTo(new ByteString(new byte[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@@", "\\x0", "\\xZZ", "A", "AQ="})
    void shouldRefuseByteaThatIsNeitherBase64NorHex(String text) {
        assertBad(DataType.of(DataType.Kind.BYTEA), text).hasMessageEndingWith("is neither base64 nor \\x and hex digits");
    }

    @Test
    void shouldReadDatesAndTimes() throws BadRecordException {
        assertThat(parse(DataType.of(DataType.Kind.DATE), "1969-12-31")).isEqualTo(-1);
        assertThat(parse(DataType.of(DataType.Kind.TIME), "23:59:59.999")).isEqualTo(86_399_999);
        assertThat(parse(DataType.of(DataType.Kind.TIME), "07:30")).isEqualTo(27_000_000);
    }

    @Test
    void shouldRefuseDatesAndTimesThatDoNotExist() {
        assertBad(DataType.of(DataType.Kind.DATE), "2023-02-29")
                .hasMessage("column c (DATE): \"2023-02-29\" is not a date; write YYYY-MM-DD");
        assertBad(DataType.of(DataType.Kind.TIME), "24:00")
                .hasMessage("column c (TIME): \"24:00\" is not a time; write HH:MM[:SS[.fff]]");
    }

    @Test
    void shouldRefuseADateBeyondTheRangeOfDays() {
        assertBad(DataType.of(DataType.Kind.DATE), "+999999999-01-01")
                .hasMessage("column c (DATE): " + LocalDate.of(999_999_999, 1, 1).toEpochDay() + " is out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01", "2024-01-01T00:00", "2024-01-01 00:00:00", "2024-01-01t00:00:00z",
            "2024-01-01T01:00:00+01", "2023-12-31T19:00:00.000-05:00", "2024-01-01T00:00:00.000999999"})
    void shouldReadTimestampsInTheirIsoAndSqlForms(String text) throws BadRecordException {
        assertThat(parse(DataType.of(DataType.Kind.TIMESTAMP), text)).isEqualTo(NEW_YEAR_2024);
        assertThat(parse(DataType.of(DataType.Kind.TIMESTAMPTZ), text)).isEqualTo(NEW_YEAR_2024);
    }

    @Test
    void shouldTruncateFractionsOfAMillisecondTowardsThePast() throws BadRecordException {
        assertThat(parse(DataType.of(DataType.Kind.TIMESTAMP), "1969-12-31T23:59:59.9995")).isEqualTo(-1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01T", "2024-01-01T25:00", "2023-02-29 00:00:00", "2024-1-1", "20240101", "1704067200000",
            "2024-01-01 00:00:00 +01:00", "2024-01-01T00:00:00+0100"})
    void shouldRefuseOtherTimestampForms(String text) {
        assertBad(DataType.of(DataType.Kind.TIMESTAMP), text).hasMessageContaining("is not a timestamp");
    }

    @Test
    void shouldRefuseATimestampBeyondTheRangeOfMilliseconds() {
        assertBad(DataType.of(DataType.Kind.TIMESTAMP), "+999999999-01-01T00:00:00")
                .hasMessage("column c (TIMESTAMP): \"+999999999-01-01T00:00:00\" is out of range");
    }

    @Test
    void shouldReadIntervalsAsMillisecondsOrIsoDurations() throws BadRecordException {
        DataType type = DataType.of(DataType.Kind.INTERVAL);

        assertThat(parse(type, "-1500")).isEqualTo(-1500L);
        assertThat(parse(type, "P1DT2H")).isEqualTo(26 * 3_600_000L);
        assertThat(parse(type, "PT0.25S")).isEqualTo(250L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1M", "P1Y", "1 day", "01:00:00"})
    void shouldRefuseIntervalsWithMonthsOrInOtherForms(String text) {
        assertBad(DataType.of(DataType.Kind.INTERVAL), text)
                .hasMessageEndingWith("is not an interval; write milliseconds or an ISO-8601 duration such as PT1H30M");
    }

    private static Object parse(DataType type, String text) throws BadRecordException {
        return TextValues.parse(new ColumnValues(nullable("c", type)), text);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertBad(DataType type, String text) {
        return assertThatThrownBy(() -> parse(type, text)).isInstanceOf(BadRecordException.class);
    }
}
