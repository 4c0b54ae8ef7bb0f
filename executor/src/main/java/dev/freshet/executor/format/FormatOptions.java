package dev.freshet.executor.format;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * The options of one format in one {@code WITH} map, checked: an option whose name begins with a
 * format's name and a dot ({@code json.}, {@code csv.}, {@code avro.}) must be an option of the
 * chosen format for this side (source or sink). Every other option belongs to the connector and
 * is ignored here.
 */
final class FormatOptions {
    private final Map<String, String> values;

    private FormatOptions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * The chosen format's options among {@code options}.
     *
     * @param sink true for a sink's options, false for a source's
     * @throws FreshetException (22023) naming the first (in name order) option that is unknown,
     *     of another format, or of the other side
     */
    static FormatOptions of(RecordFormat recordFormat, boolean sink, Map<String, String> options) {
        Map<String, String> values = new HashMap<>();
        // Sorted, so that of several bad options the same one is always reported.
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String name = option.getKey();
            int dot = name.indexOf('.');
            RecordFormat owner = dot < 0 ? null : RecordFormat.withOptionPrefix(name.substring(0, dot));
            if (owner == null) {
                continue;
            }
            if (owner != recordFormat) {
                throw invalid(name, format("it is an option of format '%s', but the format is '%s'",
                        owner.formatName(), recordFormat.formatName()));
            }
            if (!recordFormat.options(sink).contains(name)) {
                throw invalid(name, unknown(recordFormat, sink, name));
            }
            values.put(name, requireNonNull(option.getValue(), "option " + name + " is null"));
        }
        return new FormatOptions(values);
    }

    private static String unknown(RecordFormat recordFormat, boolean sink, String name) {
        String side = sink ? "sinks" : "sources";
        if (recordFormat.options(!sink).contains(name)) {
            return format("it applies to %s only", sink ? "sources" : "sinks");
        }
        if (recordFormat.options(sink).isEmpty()) {
            return format("unknown option; format '%s' takes no options in %s", recordFormat.formatName(), side);
        }
        return format("unknown option; the options of format '%s' in %s are %s", recordFormat.formatName(), side,
                String.join(", ", new TreeSet<>(recordFormat.options(sink))));
    }

    /** The option's text, or empty when it was not given. */
    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The option as {@code true} or {@code false}, ignoring case and surrounding space. */
    boolean bool(String name, boolean defaultValue) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, format("'%s' is neither true nor false", text));
        };
    }

    /** The error for a bad value of {@code name}: {@code option 'csv.delimiter': <problem>}. */
    static FreshetException invalid(String name, String problem) {
        return new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format("option '%s': %s", name, problem));
    }
}
