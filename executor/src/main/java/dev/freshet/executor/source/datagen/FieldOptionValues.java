package dev.freshet.executor.source.datagen;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * Reads the values of one column's {@code fields.<column>.*} options as numbers, dates, times
 * and durations, each with its default when the option is absent; a malformed value is a
 * {@link FreshetException} (22023) naming the option and column. Which options apply, and how
 * values relate, is {@link FieldOptionParser}'s business.
 */
final class FieldOptionValues {
    private final ColumnDescriptor column;
    private final Map<String, String> options;

    /**
     * @param column the column the options are for
     * @param options the column's options, keyed by the part after {@code fields.<column>.}
     */
    FieldOptionValues(ColumnDescriptor column, Map<String, String> options) {
        this.column = requireNonNull(column, "column is null");
        this.options = Map.copyOf(requireNonNull(options, "options is null"));
    }

    /** A number, which must fit the column's DECIMAL precision when it has one. */
    BigDecimal decimal(String option, BigDecimal defaultValue) {
        String text = options.get(option);
        if (text == null) {
            return defaultValue;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(option, format("'%s' is not a number", text));
        }
        DataType type = column.type();
        if (type.precision() >= 0) {
            BigDecimal bound = BigDecimal.ONE.movePointRight(type.precision() - Math.max(type.scale(), 0));
            if (value.abs().compareTo(bound) >= 0) {
                throw invalid(option, format("%s does not fit %s", value, type.sqlName()));
            }
        }
        return value;
    }

    /** The unscaled value of {@code value}, which must fit a long; {@code option} names it in the error. */
    long unscaled(String option, BigDecimal value) {
        try {
            return value.unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw invalid(option, format("%s has too many digits; at most 18 are supported", value));
        }
    }

    /** A whole number in {@code [smallest, largest]}. */
    long wholeNumber(String option, long defaultValue, long smallest, long largest) {
        String text = options.get(option);
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(option, format("'%s' is not a whole number in the range of BIGINT", text));
        }
        if (value < smallest || value > largest) {
            throw invalid(option, format("%d is outside the range of %s, [%d, %d]", value, column.type().sqlName(),
                    smallest, largest));
        }
        return value;
    }

    /** A finite number, within the range of a float for a REAL column. */
    double floating(String option, double defaultValue) {
        String text = options.get(option);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(option, format("'%s' is not a number", text));
        }
        boolean real = column.type().kind() == DataType.Kind.REAL;
        if (!Double.isFinite(value) || (real && Math.abs(value) > Float.MAX_VALUE)) {
            throw invalid(option, format("%s is outside the finite range of %s", text, column.type().sqlName()));
        }
        return value;
    }

    /** A date written {@code YYYY-MM-DD}, as days since 1970-01-01. */
    long date(String option, LocalDate defaultValue) {
        String text = options.get(option);
        if (text == null) {
            return defaultValue.toEpochDay();
        }
        try {
            return LocalDate.parse(text.trim()).toEpochDay();
        } catch (DateTimeParseException e) {
            throw invalid(option, format("'%s' is not a date of the form YYYY-MM-DD", text));
        }
    }

    /** A time of day written {@code HH:MM[:SS[.fff]]}, as milliseconds of the day. */
    long time(String option, long defaultMillis) {
        String text = options.get(option);
        if (text == null) {
            return defaultMillis;
        }
        try {
            return LocalTime.parse(text.trim()).toNanoOfDay() / 1_000_000L;
        } catch (DateTimeParseException e) {
            throw invalid(option, format("'%s' is not a time of the form HH:MM[:SS[.fff]]", text));
        }
    }

    /** A duration (see {@link DatagenDuration}), in milliseconds. */
    long duration(String option, long defaultMillis) {
        String text = options.get(option);
        if (text == null) {
            return defaultMillis;
        }
        try {
            return DatagenDuration.parseMillis(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid(option, format("'%s' is not a duration; write milliseconds (5000) or 'N ms', 'N s' or "
                    + "'N min'", text));
        }
    }

    /** The error for a bad value of {@code fields.<column>.<option>}. */
    FreshetException invalid(String option, String problem) {
        return new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                format("datagen: option '%s%s.%s' of column %s: %s", DatagenConfig.FIELDS_PREFIX, column.name(),
                        option, column.name(), problem));
    }
}
