package dev.freshet.executor.source.datagen;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;

/**
 * What a datagen source makes: how each declared column is filled, how fast, how many rows, and
 * from which seed. Parsed from the options of {@code CREATE SOURCE ... WITH (connector =
 * 'datagen', ...)}, as Flink's datagen connector does.
 *
 * <p>Source options:
 * <ul>
 *   <li>{@code rows_per_second}: the wall-clock rate, default 1,000; 0 means as fast as possible.
 *   <li>{@code number_of_rows}: the total number of rows; unbounded when absent (a sequence column
 *       may still end the source sooner).
 *   <li>{@code seed}: the seed every random value derives from, with its row number; default 0.
 *   <li>{@code connector}: ignored, it chose this connector. Any other option is refused.
 * </ul>
 *
 * <p>Column options, {@code fields.<column>.<option>}, for columns the source declares:
 * <ul>
 *   <li>{@code kind}: {@code random} (default) or {@code sequence}.
 *   <li>Sequence (SMALLINT, INTEGER, BIGINT, DECIMAL): {@code start} (default 0) and {@code end}
 *       (inclusive, default the type's largest whole value, for DECIMAL the largest its precision
 *       allows, within BIGINT's range).
 *       Row {@code n} has {@code start + n}, so values stay unique across workers; the source
 *       ends after the shortest sequence's last value. Never null.
 *   <li>Random SMALLINT, INTEGER, BIGINT: {@code min}, {@code max}, inclusive, default the type's
 *       range. REAL, DOUBLE: default [0, 1]. DECIMAL: drawn at the column's scale (2 when it has
 *       none), default [0, 100] or less if the precision is smaller. DATE: {@code 'YYYY-MM-DD'},
 *       default [2000-01-01, 2029-12-31]. TIME: {@code 'HH:MM[:SS[.fff]]'}, default the whole day.
 *       INTERVAL: a duration, default [0, 1 min].
 *   <li>Random VARCHAR and BYTEA: {@code length}, default 10 (or the declared length if shorter);
 *       strings are lower-case letters and digits.
 *   <li>Random TIMESTAMP, TIMESTAMPTZ: {@code max_past}, a duration, default {@code '5 s'}: values
 *       lie in {@code [now - max_past, now]}, where now is the row's generation time.
 *   <li>Random BOOLEAN: no options beyond the null rate.
 *   <li>Random columns of every type: {@code null_rate} in [0, 1], default 0; must be 0 for
 *       NOT NULL columns.
 * </ul>
 * Durations are a number of milliseconds or a whole number with {@code ms}, {@code s} or
 * {@code min}. Every refusal is a {@link FreshetException} with
 * {@link ErrorCode#INVALID_PARAMETER_VALUE} naming the option and column.
 *
 * @param fields one field per declared column, in column order
 * @param rowsPerSecond the wall-clock rate, 0 for unthrottled
 * @param numberOfRows the total number of rows, or empty for no limit of its own
 * @param seed the seed random values derive from
 */
public record DatagenConfig(List<DatagenField> fields, long rowsPerSecond, OptionalLong numberOfRows, long seed) {
    public static final String CONNECTOR = "connector";
    public static final String ROWS_PER_SECOND = "rows_per_second";
    public static final String NUMBER_OF_ROWS = "number_of_rows";
    public static final String SEED = "seed";
    public static final String FIELDS_PREFIX = "fields.";
    public static final long DEFAULT_ROWS_PER_SECOND = 1_000L;
    public static final long DEFAULT_SEED = 0L;

    public DatagenConfig {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        requireNonNull(numberOfRows, "numberOfRows is null");
        if (rowsPerSecond < 0) {
            throw invalid(format("option '%s' must not be negative: %d", ROWS_PER_SECOND, rowsPerSecond));
        }
        if (numberOfRows.isPresent() && numberOfRows.getAsLong() < 0) {
            throw invalid(format("option '%s' must not be negative: %d", NUMBER_OF_ROWS, numberOfRows.getAsLong()));
        }
    }

    /**
     * The configuration of a datagen source with these columns and {@code WITH} options.
     *
     * @param columns the source's declared columns
     * @param options the {@code WITH} options, keys as written (without quotes)
     * @throws FreshetException (22023) for an unknown option, an option naming no column, or a
     *     value that is malformed, out of range, or meaningless for the column's type and kind
     */
    public static DatagenConfig parse(List<ColumnDescriptor> columns, Map<String, String> options) {
        requireNonNull(columns, "columns is null");
        requireNonNull(options, "options is null");
        Map<String, ColumnDescriptor> columnsByName = new LinkedHashMap<>();
        Map<String, Map<String, String>> fieldOptions = new LinkedHashMap<>();
        for (ColumnDescriptor column : columns) {
            columnsByName.put(column.name(), column);
            fieldOptions.put(column.name(), new TreeMap<>());
        }
        long rowsPerSecond = DEFAULT_ROWS_PER_SECOND;
        OptionalLong numberOfRows = OptionalLong.empty();
        long seed = DEFAULT_SEED;
        // Sorted, so that of several bad options the same one is always reported.
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String key = option.getKey();
            String value = requireNonNull(option.getValue(), "option " + key + " is null");
            if (key.startsWith(FIELDS_PREFIX)) {
                addFieldOption(key, value, columnsByName, fieldOptions);
            } else if (key.equals(ROWS_PER_SECOND)) {
                rowsPerSecond = longOption(key, value);
            } else if (key.equals(NUMBER_OF_ROWS)) {
                numberOfRows = OptionalLong.of(longOption(key, value));
            } else if (key.equals(SEED)) {
                seed = longOption(key, value);
            } else if (!key.equals(CONNECTOR)) {
                throw invalid(format("unknown option '%s'; the options are %s, %s, %s and %s<column>.<option>", key,
                        ROWS_PER_SECOND, NUMBER_OF_ROWS, SEED, FIELDS_PREFIX));
            }
        }
        List<DatagenField> fields = new ArrayList<>(columns.size());
        for (ColumnDescriptor column : columns) {
            fields.add(new FieldOptionParser(column, fieldOptions.get(column.name())).parse());
        }
        return new DatagenConfig(fields, rowsPerSecond, numberOfRows, seed);
    }

    /**
     * How many rows the source makes: the least of {@code number_of_rows} and the sequences'
     * lengths, or empty when neither bounds it.
     */
    public OptionalLong rowLimit() {
        long limit = numberOfRows.orElse(Long.MAX_VALUE);
        boolean bounded = numberOfRows.isPresent();
        for (DatagenField field : fields) {
            OptionalLong fieldLimit = field.rowLimit();
            if (fieldLimit.isPresent()) {
                limit = Math.min(limit, fieldLimit.getAsLong());
                bounded = true;
            }
        }
        if (bounded) {
            return OptionalLong.of(limit);
        }
        return OptionalLong.empty();
    }

    private static void addFieldOption(String key, String value, Map<String, ColumnDescriptor> columnsByName,
            Map<String, Map<String, String>> fieldOptions) {
        String rest = key.substring(FIELDS_PREFIX.length());
        // The option name is after the last dot, so a quoted column name may itself hold dots.
        int dot = rest.lastIndexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            throw invalid(format("option '%s' is not of the form %s<column>.<option>", key, FIELDS_PREFIX));
        }
        String column = rest.substring(0, dot);
        if (!columnsByName.containsKey(column)) {
            throw invalid(format("option '%s' names column %s, which the source does not have; its columns are %s",
                    key, column, columnsByName.keySet().stream().collect(Collectors.joining(", "))));
        }
        fieldOptions.get(column).put(rest.substring(dot + 1), value);
    }

    private static long longOption(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(format("option '%s' must be a whole number: '%s'", key, value));
        }
    }

    private static FreshetException invalid(String message) {
        return new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, "datagen: " + message);
    }
}
