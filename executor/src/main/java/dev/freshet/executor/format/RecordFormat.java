package dev.freshet.executor.format;

import static java.lang.String.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/** The formats of the {@code format} option, with the options each takes from sources and sinks. */
enum RecordFormat {
    JSON("json", Set.of(), Set.of(), true),
    CSV("csv", Set.of(RecordFormats.CSV_DELIMITER), Set.of(), false),
    AVRO("avro", Set.of(RecordFormats.AVRO_SCHEMA, RecordFormats.AVRO_CONFLUENT), Set.of(), true);

    private final String formatName;
    private final Set<String> sourceOptions;
    private final Set<String> sinkOptions;
    private final boolean writable;

    RecordFormat(String formatName, Set<String> sourceOptions, Set<String> sinkOptions, boolean writable) {
        this.formatName = formatName;
        this.sourceOptions = sourceOptions;
        this.sinkOptions = sinkOptions;
        this.writable = writable;
    }

    /** The name users write, which also begins each of the format's options: {@code csv.delimiter}. */
    String formatName() {
        return formatName;
    }

    /** The options the format takes in a source ({@code sink} false) or a sink. */
    Set<String> options(boolean sink) {
        return sink ? sinkOptions : sourceOptions;
    }

    /**
     * The format of a {@code format} option's value, ignoring case.
     *
     * @param sink true when a sink asks, which refuses the formats only sources read
     * @throws FreshetException (22023) for a name that is no format, listing the formats
     */
    static RecordFormat named(String name, boolean sink) {
        String folded = name.trim().toLowerCase(Locale.ROOT);
        for (RecordFormat format : values()) {
            if (format.formatName.equals(folded)) {
                if (sink && !format.writable) {
                    throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format(
                            "format '%s' is for sources only; a sink's format is one of %s", folded, names(true)));
                }
                return format;
            }
        }
        throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format(
                "format '%s' is not supported; the formats are %s", name, names(sink)));
    }

    /** The format whose options begin with {@code prefix}, or null when none does. */
    static RecordFormat withOptionPrefix(String prefix) {
        for (RecordFormat format : values()) {
            if (format.formatName.equals(prefix)) {
                return format;
            }
        }
        return null;
    }

    private static String names(boolean sink) {
        return Arrays.stream(values())
                .filter(format -> format.writable || !sink)
                .map(RecordFormat::formatName)
                .sorted()
                .collect(Collectors.joining(", "));
    }
}
