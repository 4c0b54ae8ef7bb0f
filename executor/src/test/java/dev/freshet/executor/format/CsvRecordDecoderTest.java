package dev.freshet.executor.format;

import static dev.freshet.executor.format.TestColumns.notNull;
import static dev.freshet.executor.format.TestColumns.nullable;
import static dev.freshet.executor.format.TestColumns.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** A CSV record is one line whose fields fill the columns in order; anything ambiguous is refused. */
class CsvRecordDecoderTest {
    private static final List<ColumnDescriptor> COLUMNS = List.of(nullable("id", DataType.Kind.BIGINT),
            nullable("name", DataType.Kind.VARCHAR), nullable("price", DataType.decimal(10, 2)));

    @Test
    void shouldFillTheColumnsInOrder() throws BadRecordException {
        assertThat(decode("7,apple,1.5")).containsExactly(7L, "apple", new BigDecimal("1.50"));
    }

    @Test
    void shouldReadAnEmptyUnquotedFieldAsNull() throws BadRecordException {
        assertThat(decode(",,")).containsExactly(null, null, null);
    }

    @Test
    void shouldReadAnEmptyQuotedFieldAsTheEmptyString() throws BadRecordException {
        assertThat(decode("1,\"\",2")).containsExactly(1L, "", new BigDecimal("2.00"));
    }

    @Test
    void shouldReadDelimitersQuotesAndLineBreaksInsideQuotes() throws BadRecordException {
        assertThat(decode("1,\"a,\"\"b\"\"\nc\",3")).containsExactly(1L, "a,\"b\"\nc", new BigDecimal("3.00"));
    }

    @Test
    void shouldReadAQuotedNumber() throws BadRecordException {
        assertThat(decode("\"1\",x,\"2.5\"")).containsExactly(1L, "x", new BigDecimal("2.50"));
    }

    @Test
    void shouldIgnoreOneLineBreakAtTheEnd() throws BadRecordException {
        assertThat(decode("1,a,2\n")).containsExactly(1L, "a", new BigDecimal("2.00"));
        assertThat(decode("1,a,2\r\n")).containsExactly(1L, "a", new BigDecimal("2.00"));
        assertThat(decode("1,a,\"2\"\n")).containsExactly(1L, "a", new BigDecimal("2.00"));
    }

    @Test
    void shouldKeepSpacesInTextButIgnoreThemAroundNumbers() throws BadRecordException {
        assertThat(decode(" 1 , a , 2 ")).containsExactly(1L, " a ", new BigDecimal("2.00"));
    }

    @Test
    void shouldSplitAtTheConfiguredDelimiter() throws BadRecordException {
        assertThat(decoder(Map.of("csv.delimiter", ";")).decode(utf8("1;a,b;2")))
                .containsExactly(1L, "a,b", new BigDecimal("2.00"));
        assertThat(decoder(Map.of("csv.delimiter", "\\t")).decode(utf8("1\ta b\t2")))
                .containsExactly(1L, "a b", new BigDecimal("2.00"));
    }

    @Test
    void shouldReadAnEmptyRecordAsOneNullField() throws BadRecordException {
        List<ColumnDescriptor> columns = List.of(nullable("v", DataType.Kind.VARCHAR));

        assertThat(RecordFormats.decoder("csv", columns, Map.of()).decode(new byte[0])).containsExactly((Object) null);
    }

    @Test
    void shouldRefuseTooFewOrTooManyFields() {
        assertBad("1,a").hasMessage("CSV: the record has 2 fields, but the source has 3 columns (id, name, price)");
        assertBad("1,a,2,").hasMessage("CSV: the record has 4 fields, but the source has 3 columns (id, name, price)");
    }

    @Test
    void shouldRefuseAQuoteInsideAnUnquotedField() {
        assertBad("1,a\"b,2").hasMessage("CSV: a quote at character 4 inside an unquoted field; quote the whole field "
                + "and write the quote twice");
    }

    @Test
    void shouldRefuseTextAfterAClosingQuote() {
        assertBad("1,\"a\"b,2").hasMessage("CSV: at character 6, a quoted field must be followed by the delimiter or "
                + "the end of the record");
    }

    @Test
    void shouldRefuseAQuoteThatIsNeverClosed() {
        assertBad("1,\"a,2").hasMessage("CSV: the quote at character 3 is never closed");
        assertBad("1,a,\"").hasMessage("CSV: the quote at character 5 is never closed");
    }

    @Test
    void shouldRefuseALineBreakOutsideQuotes() {
        assertBad("1,a,2\n3,b,4").hasMessage("CSV: a line break at character 6 outside quotes; a record is one line");
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8() {
        assertThatThrownBy(() -> decoder(Map.of()).decode(new byte[] {'1', ',', (byte) 0xFF, ',', '2'}))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("CSV: the record is not valid UTF-8");
    }

    @Test
    void shouldRefuseAFieldThatDoesNotFitItsColumn() {
        assertBad("x,a,2").hasMessage("column id (BIGINT): \"x\" is not a whole number");
        assertBad("1,a,123456789").hasMessage("column price (NUMERIC(10, 2)): 123456789 is out of range");
    }

    @Test
    void shouldRefuseAnEmptyFieldInANotNullColumn() {
        List<ColumnDescriptor> columns = List.of(notNull("id", DataType.Kind.BIGINT), nullable("v", DataType.Kind.VARCHAR));

        assertThatThrownBy(() -> RecordFormats.decoder("csv", columns, Map.of()).decode(utf8(",x")))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("column id (BIGINT): the value is NULL, but the column is NOT NULL");
    }

    @Test
    void shouldRefuseATombstone() {
        assertThatThrownBy(() -> decoder(Map.of()).decode(null))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("the record has no value (a tombstone)");
    }

    @Test
    void shouldReadBackRandomRowsWrittenInEachTypesTextForm() throws BadRecordException {
        RandomRows random = new RandomRows(5);
        RecordDecoder decoder = RecordFormats.decoder("csv", TestColumns.ALL_TYPES, Map.of());

        for (int i = 0; i < 1_000; i++) {
            Object[] row = random.row(TestColumns.ALL_TYPES);
            assertThat(decoder.decode(utf8(CsvLines.line(TestColumns.ALL_TYPES, row)))).as("row %d", i)
                    .containsExactly(row);
        }
    }

    private static RecordDecoder decoder(Map<String, String> options) {
        return RecordFormats.decoder("csv", COLUMNS, options);
    }

    private static Object[] decode(String line) throws BadRecordException {
        return decoder(Map.of()).decode(utf8(line));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertBad(String line) {
        return assertThatThrownBy(() -> decode(line)).isInstanceOf(BadRecordException.class);
    }
}
