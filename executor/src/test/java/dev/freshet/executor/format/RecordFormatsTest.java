package dev.freshet.executor.format;

import static dev.freshet.executor.format.TestColumns.nullable;
import static dev.freshet.executor.format.TestColumns.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** The factory checks format names and format options, naming what is wrong, and leaves the connector's options alone. */
class RecordFormatsTest {
    private static final List<ColumnDescriptor> COLUMNS = List.of(nullable("a", DataType.Kind.BIGINT),
            nullable("b", DataType.Kind.VARCHAR));

    @Test
    void shouldIgnoreTheConnectorsOptions() throws BadRecordException {
        RecordDecoder decoder = RecordFormats.decoder("json", COLUMNS, Map.of("connector", "kafka", "topic", "t",
                "properties.bootstrap.servers", "127.0.0.1:9092", "scan.startup.mode", "earliest", "format", "json"));

        assertThat(decoder.decode(utf8("{\"a\": 1}"))).containsExactly(1L, null);
        assertThat(decoder.columns()).isEqualTo(COLUMNS);
    }

    @Test
    void shouldAcceptFormatNamesInAnyCase() {
        assertThat(RecordFormats.decoder(" CSV ", COLUMNS, Map.of())).isInstanceOf(CsvRecordDecoder.class);
        assertThat(RecordFormats.encoder("Avro", COLUMNS, Map.of()).schema()).isPresent();
    }

    @Test
    void shouldRefuseAnUnknownFormatListingTheFormats() {
        assertInvalid(() -> RecordFormats.decoder("xml", COLUMNS, Map.of()))
                .hasMessage("format 'xml' is not supported; the formats are avro, csv, json");
        assertInvalid(() -> RecordFormats.encoder("xml", COLUMNS, Map.of()))
                .hasMessage("format 'xml' is not supported; the formats are avro, json");
    }

    @Test
    void shouldRefuseCsvForSinks() {
        assertInvalid(() -> RecordFormats.encoder("csv", COLUMNS, Map.of()))
                .hasMessage("format 'csv' is for sources only; a sink's format is one of avro, json");
    }

    @Test
    void shouldRefuseAnUnknownOptionOfTheFormat() {
        assertInvalid(() -> RecordFormats.decoder("json", COLUMNS, Map.of("json.ignore_parse_errors", "true")))
                .hasMessage("option 'json.ignore_parse_errors': unknown option; format 'json' takes no options in "
                        + "sources");
        assertInvalid(() -> RecordFormats.decoder("csv", COLUMNS, Map.of("csv.quote", "'")))
                .hasMessage("option 'csv.quote': unknown option; the options of format 'csv' in sources are "
                        + "csv.delimiter");
    }

    @Test
    void shouldRefuseAnOptionOfAnotherFormat() {
        assertInvalid(() -> RecordFormats.decoder("json", COLUMNS, Map.of("csv.delimiter", ";")))
                .hasMessage("option 'csv.delimiter': it is an option of format 'csv', but the format is 'json'");
    }

    @Test
    void shouldRefuseASourceOptionInASink() {
        assertInvalid(() -> RecordFormats.encoder("avro", COLUMNS, Map.of("avro.schema", "{}")))
                .hasMessage("option 'avro.schema': it applies to sources only");
        assertInvalid(() -> RecordFormats.sinkEnvelope("upsert", "avro", COLUMNS, List.of(0),
                Map.of("avro.confluent", "true")))
                .hasMessage("option 'avro.confluent': it applies to sources only");
    }

    @Test
    void shouldReportTheFirstBadOptionByName() {
        assertInvalid(() -> RecordFormats.decoder("json", COLUMNS, Map.of("json.z", "1", "json.a", "1")))
                .hasMessageStartingWith("option 'json.a'");
    }

    @Test
    void shouldRefuseADelimiterThatIsNotOneCharacter() {
        assertInvalid(() -> RecordFormats.decoder("csv", COLUMNS, Map.of("csv.delimiter", "::")))
                .hasMessage("option 'csv.delimiter': '::' is not a delimiter; give one character other than a double "
                        + "quote or a line break, or \\t for a tab");
        assertInvalid(() -> RecordFormats.decoder("csv", COLUMNS, Map.of("csv.delimiter", "\"")))
                .hasMessageStartingWith("option 'csv.delimiter': '\"' is not a delimiter");
        assertInvalid(() -> RecordFormats.decoder("csv", COLUMNS, Map.of("csv.delimiter", "")))
                .hasMessageStartingWith("option 'csv.delimiter': '' is not a delimiter");
    }

    @Test
    void shouldRefuseABooleanOptionThatIsNeitherTrueNorFalse() {
        assertInvalid(() -> RecordFormats.decoder("avro", COLUMNS, Map.of("avro.confluent", "yes")))
                .hasMessage("option 'avro.confluent': 'yes' is neither true nor false");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(ThrowingCallable call) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.errorCode().sqlState()).isEqualTo("22023");
                });
    }
}
