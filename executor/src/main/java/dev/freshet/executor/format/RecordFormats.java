package dev.freshet.executor.format;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;

/**
 * Makes the decoders of the {@code format} option of {@code CREATE SOURCE}, checking the format's
 * options. The formats, their
 * type mappings and their options are described in {@code docs/formats.md}.
 *
 * <p>Each method takes the whole {@code WITH} map: options that begin with a format's name and a
 * dot ({@code json.}, {@code csv.}, {@code avro.}) must be options of the chosen format, and
 * every other option is left to the connector.
 */
public final class RecordFormats {
    public static final String JSON = "json";
    public static final String CSV = "csv";
    public static final String AVRO = "avro";
    /** The CSV field delimiter: one character, or {@code \t} for a tab; default {@code ,}. */
    public static final String CSV_DELIMITER = "csv.delimiter";
    /** The writer's Avro schema, as JSON text; default the schema derived from the columns. */
    public static final String AVRO_SCHEMA = "avro.schema";
    /** {@code true} when values carry the Confluent wire format's five-byte header; default {@code false}. */
    public static final String AVRO_CONFLUENT = "avro.confluent";

    private static final char DEFAULT_CSV_DELIMITER = ',';

    private RecordFormats() {
    }

    /**
     * The decoder of a source's records.
     *
     * @param format the {@code format} option: {@code json}, {@code csv} or {@code avro}, in any case
     * @param columns the source's declared columns
     * @param options the whole {@code WITH} map
     * @throws FreshetException {@code INVALID_PARAMETER_VALUE} (22023) for an unknown format, or an
     *     unknown or bad option of the format, naming it; {@code INVALID_NAME} for a column Avro
     *     cannot name
     */
    public static RecordDecoder decoder(String format, List<ColumnDescriptor> columns, Map<String, String> options) {
        requireNonNull(columns, "columns is null");
        RecordFormat recordFormat = RecordFormat.named(requireNonNull(format, "format is null"), false);
        FormatOptions formatOptions = FormatOptions.of(recordFormat, false, requireNonNull(options, "options is null"));
        return switch (recordFormat) {
            case JSON -> new JsonRecordDecoder(columns);
            case CSV -> new CsvRecordDecoder(columns, delimiter(formatOptions));
            case AVRO -> AvroRecordDecoder.create(columns, formatOptions);
        };
    }

    private static char delimiter(FormatOptions options) {
        String text = options.text(CSV_DELIMITER).orElse(String.valueOf(DEFAULT_CSV_DELIMITER));
        // SQL strings have no escapes, so a tab is written as the two characters \t.
        String delimiter = text.equals("\\t") ? "\t" : text;
        if (delimiter.length() != 1 || "\"\r\n".indexOf(delimiter.charAt(0)) >= 0) {
            throw FormatOptions.invalid(CSV_DELIMITER, format("'%s' is not a delimiter; give one character other "
                    + "than a double quote or a line break, or \\t for a tab", text));
        }
        return delimiter.charAt(0);
    }
}
