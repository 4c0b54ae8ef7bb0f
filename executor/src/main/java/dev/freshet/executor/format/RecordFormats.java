package dev.freshet.executor.format;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;

/**
 * Makes the decoders, encoders and envelopes of the {@code format} and {@code type} options of
 * {@code CREATE SOURCE} and {@code CREATE SINK}, checking the format's options. The formats, their
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
    public static final String APPEND_ONLY = "append-only";
    public static final String UPSERT = "upsert";
    public static final String DEBEZIUM = "debezium";

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

    /**
     * The encoder of a sink's rows.
     *
     * @param format the {@code format} option: {@code json} or {@code avro}, in any case
     * @param columns the sink's columns
     * @param options the whole {@code WITH} map
     * @throws FreshetException {@code INVALID_PARAMETER_VALUE} (22023) for a format sinks cannot
     *     write, or an unknown option of the format, naming it; {@code INVALID_NAME} for a column
     *     Avro cannot name
     */
    public static RecordEncoder encoder(String format, List<ColumnDescriptor> columns, Map<String, String> options) {
        requireNonNull(columns, "columns is null");
        RecordFormat recordFormat = sinkFormat(format, options);
        return rowEncoder(recordFormat, AvroSchemas.ROW, columns);
    }

    /**
     * The envelope of a sink's changes.
     *
     * @param type the {@code type} option: {@code append-only}, {@code upsert} or {@code debezium}
     * @param format the {@code format} option: {@code json} or {@code avro}
     * @param columns the sink's columns
     * @param keyColumns the positions in {@code columns} of the key columns, in key order; empty
     *     for records without a key, which an upsert sink cannot have
     * @param options the whole {@code WITH} map
     * @throws FreshetException {@code INVALID_PARAMETER_VALUE} (22023) for an unknown type or a
     *     bad format, as {@link #encoder}, or an upsert sink without key columns
     * @throws IllegalArgumentException when a key column's position is out of range or repeated
     */
    public static SinkEnvelope sinkEnvelope(String type, String format, List<ColumnDescriptor> columns,
            List<Integer> keyColumns, Map<String, String> options) {
        requireNonNull(columns, "columns is null");
        SinkType sinkType = SinkType.named(requireNonNull(type, "type is null"));
        RecordFormat recordFormat = sinkFormat(format, options);
        SinkKey key = key(recordFormat, columns, requireNonNull(keyColumns, "keyColumns is null"));
        return switch (sinkType) {
            case APPEND_ONLY -> new AppendOnlyEnvelope(key, rowEncoder(recordFormat, AvroSchemas.ROW, columns));
            case UPSERT -> {
                if (keyColumns.isEmpty()) {
                    throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format(
                            "option 'type': an %s sink needs key columns to key its records by", UPSERT));
                }
                yield new UpsertEnvelope(key, rowEncoder(recordFormat, AvroSchemas.ROW, columns));
            }
            case DEBEZIUM -> new DebeziumEnvelope(key, changeEncoder(recordFormat, columns));
        };
    }

    private static ChangeEncoder changeEncoder(RecordFormat recordFormat, List<ColumnDescriptor> columns) {
        return switch (recordFormat) {
            case JSON -> new DebeziumJsonEncoder(columns);
            case AVRO -> new DebeziumAvroEncoder(columns);
            case CSV -> throw new IllegalStateException("sinks cannot write CSV");
        };
    }

    private static RecordFormat sinkFormat(String format, Map<String, String> options) {
        RecordFormat recordFormat = RecordFormat.named(requireNonNull(format, "format is null"), true);
        // Sinks take no format options yet; this refuses those of sources and of other formats.
        FormatOptions.of(recordFormat, true, requireNonNull(options, "options is null"));
        return recordFormat;
    }

    private static RecordEncoder rowEncoder(RecordFormat recordFormat, String recordName,
            List<ColumnDescriptor> columns) {
        return switch (recordFormat) {
            case JSON -> new JsonRecordEncoder(columns);
            case AVRO -> new AvroRecordEncoder(recordName, columns);
            case CSV -> throw new IllegalStateException("sinks cannot write CSV");
        };
    }

    private static SinkKey key(RecordFormat recordFormat, List<ColumnDescriptor> columns, List<Integer> keyColumns) {
        if (keyColumns.isEmpty()) {
            return new SinkKey(new int[0], null);
        }
        int[] indexes = new int[keyColumns.size()];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < indexes.length; i++) {
            int index = keyColumns.get(i);
            if (index < 0 || index >= columns.size() || !seen.add(index)) {
                throw new IllegalArgumentException(format("key column %d is out of range or repeated in %s", index,
                        keyColumns));
            }
            indexes[i] = index;
        }
        List<ColumnDescriptor> keys = keyColumns.stream().map(columns::get).toList();
        return new SinkKey(indexes, rowEncoder(recordFormat, AvroSchemas.KEY, keys));
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
