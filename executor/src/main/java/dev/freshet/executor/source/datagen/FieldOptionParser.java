package dev.freshet.executor.source.datagen;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * Turns the {@code fields.<column>.*} options of one column into its {@link DatagenField},
 * refusing options that are unknown, malformed, out of range, or meaningless for the column's
 * type and kind. The option table is in {@link DatagenConfig}'s class comment.
 */
final class FieldOptionParser {
    static final String KIND = "kind";
    static final String START = "start";
    static final String END = "end";
    static final String MIN = "min";
    static final String MAX = "max";
    static final String LENGTH = "length";
    static final String NULL_RATE = "null_rate";
    static final String MAX_PAST = "max_past";

    static final int DEFAULT_LENGTH = 10;
    static final long DEFAULT_MAX_PAST_MILLIS = 5_000L;
    /** Scale of values generated for DECIMAL columns declared without one. */
    static final int DEFAULT_DECIMAL_SCALE = 2;
    static final BigDecimal DEFAULT_DECIMAL_MAX = BigDecimal.valueOf(100);
    static final LocalDate DEFAULT_DATE_MIN = LocalDate.of(2000, 1, 1);
    static final LocalDate DEFAULT_DATE_MAX = LocalDate.of(2029, 12, 31);
    static final long DEFAULT_INTERVAL_MAX_MILLIS = 60_000L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private static final Set<String> OPTIONS = Set.of(KIND, START, END, MIN, MAX, LENGTH, NULL_RATE, MAX_PAST);

    private final ColumnDescriptor column;
    private final Map<String, String> options;
    private final FieldOptionValues values;

    /**
     * @param column the column to fill
     * @param options the column's options, keyed by the part after {@code fields.<column>.}
     */
    FieldOptionParser(ColumnDescriptor column, Map<String, String> options) {
        this.column = requireNonNull(column, "column is null");
        this.options = Map.copyOf(requireNonNull(options, "options is null"));
        this.values = new FieldOptionValues(column, this.options);
    }

    /** The column's field, or a {@link FreshetException} (22023) naming the column and option. */
    DatagenField parse() {
        for (String option : options.keySet()) {
            if (!OPTIONS.contains(option)) {
                throw values.invalid(option, format("unknown option; the options of a column are %s",
                        new TreeSet<>(OPTIONS)));
            }
        }
        String kind = options.getOrDefault(KIND, "random").trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "sequence" -> new DatagenField(column.name(), sequence(), 0);
            case "random" -> new DatagenField(column.name(), random(), nullRate());
            default -> throw values.invalid(KIND, format("'%s' is no kind; use 'sequence' or 'random'", kind));
        };
    }

    private SequenceGenerator sequence() {
        DataType.Kind type = column.type().kind();
        allowOnly(Set.of(KIND, START, END), "a sequence column");
        if (!Set.of(DataType.Kind.SMALLINT, DataType.Kind.INTEGER, DataType.Kind.BIGINT, DataType.Kind.DECIMAL)
                .contains(type)) {
            throw values.invalid(KIND, format("a sequence needs a SMALLINT, INTEGER, BIGINT or DECIMAL column, not %s",
                    column.type().sqlName()));
        }
        long start = wholeNumber(START, 0);
        long end = wholeNumber(END, largestWhole());
        if (end < start) {
            throw values.invalid(END, format("%d is before the start, %d", end, start));
        }
        return new SequenceGenerator(column.type(), start, end);
    }

    private FieldGenerator random() {
        DataType.Kind type = column.type().kind();
        return switch (type) {
            case BOOLEAN -> {
                allowOnly(Set.of(KIND, NULL_RATE), "a random BOOLEAN column");
                yield new RandomBooleanGenerator();
            }
            case SMALLINT, INTEGER, BIGINT -> {
                allowRange();
                yield integralRange(type, wholeNumber(MIN, smallestWhole()), wholeNumber(MAX, largestWhole()));
            }
            case REAL, DOUBLE -> {
                allowRange();
                double min = values.floating(MIN, 0);
                double max = values.floating(MAX, 1);
                if (max < min) {
                    throw maxBelowMin();
                }
                yield new RandomFloatingGenerator(type == DataType.Kind.REAL, min, max);
            }
            case DECIMAL -> {
                allowRange();
                yield decimal();
            }
            case DATE -> {
                allowRange();
                yield integralRange(type, values.date(MIN, DEFAULT_DATE_MIN), values.date(MAX, DEFAULT_DATE_MAX));
            }
            case TIME -> {
                allowRange();
                yield integralRange(type, values.time(MIN, 0), values.time(MAX, MILLIS_PER_DAY - 1));
            }
            case INTERVAL -> {
                allowRange();
                yield integralRange(type, values.duration(MIN, 0),
                        values.duration(MAX, DEFAULT_INTERVAL_MAX_MILLIS));
            }
            case VARCHAR, BYTEA -> {
                allowOnly(Set.of(KIND, NULL_RATE, LENGTH), "a random " + column.type().sqlName() + " column");
                yield new RandomTextGenerator(type == DataType.Kind.BYTEA, length());
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                allowOnly(Set.of(KIND, NULL_RATE, MAX_PAST), "a random " + column.type().sqlName() + " column");
                long maxPast = values.duration(MAX_PAST, DEFAULT_MAX_PAST_MILLIS);
                if (maxPast < 0 || maxPast == Long.MAX_VALUE) {
                    throw values.invalid(MAX_PAST, "must be at least 0 and less than " + Long.MAX_VALUE + " ms");
                }
                yield new RecentTimestampGenerator(maxPast);
            }
        };
    }

    private void allowRange() {
        allowOnly(Set.of(KIND, NULL_RATE, MIN, MAX), "a random " + column.type().sqlName() + " column");
    }

    private void allowOnly(Set<String> allowed, String what) {
        for (String option : new TreeSet<>(options.keySet())) {
            if (!allowed.contains(option)) {
                throw values.invalid(option, format("does not apply to %s; its options are %s", what,
                        new TreeSet<>(allowed)));
            }
        }
    }

    private RandomIntegralGenerator integralRange(DataType.Kind type, long min, long max) {
        if (max < min) {
            throw maxBelowMin();
        }
        return new RandomIntegralGenerator(type, min, max);
    }

    /** The error for a range whose max, given or default, is below its min; quotes the options as written. */
    private FreshetException maxBelowMin() {
        String min = options.getOrDefault(MIN, "the default min");
        if (!options.containsKey(MAX)) {
            return values.invalid(MAX, format("the default max is below the min, %s; give a max", min));
        }
        return values.invalid(MAX, format("%s is below the min, %s", options.get(MAX), min));
    }

    private RandomDecimalGenerator decimal() {
        DataType type = column.type();
        int scale = type.scale() >= 0 ? type.scale() : DEFAULT_DECIMAL_SCALE;
        // Values beyond the scale are rounded inward, so the generated range stays inside [min, max].
        BigDecimal min = values.decimal(MIN, BigDecimal.ZERO).setScale(scale, RoundingMode.CEILING);
        BigDecimal max = values.decimal(MAX, defaultDecimalMax(type, scale)).setScale(scale, RoundingMode.FLOOR);
        if (max.compareTo(min) < 0) {
            throw maxBelowMin().withDetail(format("At the generated scale, %d, the range is [%s, %s].", scale, min,
                    max));
        }
        return new RandomDecimalGenerator(values.unscaled(MIN, min), values.unscaled(MAX, max), scale);
    }

    private static BigDecimal defaultDecimalMax(DataType type, int scale) {
        if (type.precision() < 0) {
            return DEFAULT_DECIMAL_MAX;
        }
        BigDecimal largest = BigDecimal.ONE.movePointRight(type.precision() - scale)
                .subtract(BigDecimal.ONE.movePointLeft(scale));
        return largest.min(DEFAULT_DECIMAL_MAX);
    }

    private int length() {
        int precision = column.type().precision();
        int defaultLength = precision >= 0 ? Math.min(DEFAULT_LENGTH, precision) : DEFAULT_LENGTH;
        String text = options.get(LENGTH);
        if (text == null) {
            return defaultLength;
        }
        int length;
        try {
            length = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw values.invalid(LENGTH, format("'%s' is not a whole number", text));
        }
        if (length < 0) {
            throw values.invalid(LENGTH, format("%d is negative", length));
        }
        if (precision >= 0 && length > precision) {
            throw values.invalid(LENGTH, format("%d is longer than %s allows", length, column.type().sqlName()));
        }
        return length;
    }

    private double nullRate() {
        String text = options.get(NULL_RATE);
        if (text == null) {
            return 0;
        }
        double rate;
        try {
            rate = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw values.invalid(NULL_RATE, format("'%s' is not a number", text));
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw values.invalid(NULL_RATE, format("%s is outside [0, 1]", text));
        }
        if (rate > 0 && !column.nullable()) {
            throw values.invalid(NULL_RATE, "the column is NOT NULL, so its null rate must be 0");
        }
        return rate;
    }

    private long wholeNumber(String option, long defaultValue) {
        return values.wholeNumber(option, defaultValue, smallestWhole(), largestWhole());
    }

    /** The smallest whole number the column holds, within BIGINT's range. */
    private long smallestWhole() {
        DataType type = column.type();
        return switch (type.kind()) {
            case SMALLINT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            case DECIMAL -> smallestWholeDecimal(type);
            default -> Long.MIN_VALUE;
        };
    }

    private static long smallestWholeDecimal(DataType type) {
        long largest = largestWholeDecimal(type);
        // A precision bounds both sides alike; without one, BIGINT's range is the bound.
        if (largest == Long.MAX_VALUE) {
            return Long.MIN_VALUE;
        }
        return -largest;
    }

    /** The largest whole number the column holds, within BIGINT's range. */
    private long largestWhole() {
        DataType type = column.type();
        return switch (type.kind()) {
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            case DECIMAL -> largestWholeDecimal(type);
            default -> Long.MAX_VALUE;
        };
    }

    private static long largestWholeDecimal(DataType type) {
        int integerDigits = type.precision() - Math.max(type.scale(), 0);
        if (type.precision() < 0 || integerDigits > 18) {
            return Long.MAX_VALUE;
        }
        return BigDecimal.ONE.movePointRight(integerDigits).longValueExact() - 1;
    }

}
