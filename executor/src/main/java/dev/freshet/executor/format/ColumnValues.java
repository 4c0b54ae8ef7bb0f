package dev.freshet.executor.format;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * The checks a decoded value passes to fit one column, whatever format it came from, and the
 * {@link BadRecordException}s naming the column when it does not. Each method takes a value
 * already read as a number or text and returns it in the column's internal representation.
 */
final class ColumnValues {
    /** Values in messages are cut to this many characters, so a reason stays one readable line. */
    private static final int SHOWN_LENGTH = 60;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Unconstrained NUMERIC is planned as NUMERIC(38, 16), so its values fit that type. */
    private static final int UNCONSTRAINED_INTEGER_DIGITS =
            DataType.MAX_DECIMAL_PRECISION - DataType.UNCONSTRAINED_DECIMAL_SCALE;

    private final ColumnDescriptor column;

    ColumnValues(ColumnDescriptor column) {
        this.column = requireNonNull(column, "column is null");
    }

    ColumnDescriptor column() {
        return column;
    }

    DataType.Kind kind() {
        return column.type().kind();
    }

    /** The error for a value of this column: {@code column price (BIGINT): <problem>}. */
    BadRecordException bad(String problem) {
        return new BadRecordException(format("column %s (%s): %s", column.name(), column.type().sqlName(), problem));
    }

    /** NULL, which a NOT NULL column refuses. */
    Object nullValue() throws BadRecordException {
        if (!column.nullable()) {
            throw bad("the value is NULL, but the column is NOT NULL");
        }
        return null;
    }

    /**
     * A whole number, for the types carried as one: SMALLINT, INTEGER, BIGINT, DATE (days), TIME
     * (milliseconds of the day), TIMESTAMP, TIMESTAMPTZ and INTERVAL (milliseconds).
     */
    Object integral(long value) throws BadRecordException {
        return switch (kind()) {
            case SMALLINT -> (short) inRange(value, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER, DATE -> (int) inRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case TIME -> (int) inRange(value, 0, MILLIS_PER_DAY - 1);
            case BIGINT, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> value;
            default -> throw new IllegalStateException("no whole-number values of type " + kind());
        };
    }

    /** A number that must be whole, for the types {@link #integral(long)} takes. */
    Object integral(BigDecimal value) throws BadRecordException {
        if (value.signum() != 0 && value.scale() > 0 && value.stripTrailingZeros().scale() > 0) {
            throw bad(format("%s is not a whole number", shown(value)));
        }
        // Checked before longValueExact, which would first build all the digits of 1e999999999.
        if (value.precision() - value.scale() > 19) {
            throw outOfRange(value);
        }
        try {
            return integral(value.longValueExact());
        } catch (ArithmeticException e) {
            throw outOfRange(value);
        }
    }

    /** A REAL or DOUBLE from a finite number; one beyond the type's range is refused, not made infinite. */
    Object floating(BigDecimal value) throws BadRecordException {
        if (kind() == DataType.Kind.REAL) {
            float real = value.floatValue();
            if (Float.isInfinite(real)) {
                throw outOfRange(value);
            }
            return real;
        }
        double number = value.doubleValue();
        if (Double.isInfinite(number)) {
            throw outOfRange(value);
        }
        return number;
    }

    /** A REAL or DOUBLE, where NaN and the infinities are values like any other. */
    Object floating(double value) throws BadRecordException {
        if (kind() == DataType.Kind.REAL) {
            if (Double.isFinite(value) && Math.abs(value) > Float.MAX_VALUE) {
                throw outOfRange(value);
            }
            return (float) value;
        }
        return value;
    }

    /**
     * A DECIMAL, rounded half up to the column's scale, as PostgreSQL rounds on insert. Unconstrained
     * NUMERIC keeps at most 16 fractional digits, without trailing zeros, as tables store it.
     */
    BigDecimal decimal(BigDecimal value) throws BadRecordException {
        DataType type = column.type();
        boolean unconstrained = type.precision() < 0;
        int scale = unconstrained ? DataType.UNCONSTRAINED_DECIMAL_SCALE : Math.max(type.scale(), 0);
        int integerDigits = unconstrained ? UNCONSTRAINED_INTEGER_DIGITS : type.precision() - scale;
        // Both checks come before setScale, which would build every digit of 1e999999999 or 1e-999999999.
        if (value.precision() - value.scale() > integerDigits) {
            throw outOfRange(value);
        }
        if (value.signum() == 0 || value.precision() - value.scale() < -scale) {
            return BigDecimal.ZERO.setScale(unconstrained ? 0 : scale);
        }
        BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > integerDigits) {
            throw outOfRange(value);
        }
        if (!unconstrained) {
            return scaled;
        }
        BigDecimal stripped = scaled.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A VARCHAR, no longer than its declared length in characters (code points, as PostgreSQL counts). */
    String varchar(String value) throws BadRecordException {
        int length = column.type().precision();
        if (length >= 0 && value.codePointCount(0, value.length()) > length) {
            throw bad(format("%s is longer than %d characters", quoted(value), length));
        }
        return value;
    }

    /** The error for a value outside the column type's range. */
    BadRecordException outOfRange(Object value) {
        return bad(format("%s is out of range", shown(value)));
    }

    /** A text value as messages show it: in double quotes, cut to a readable length. */
    static String quoted(String text) {
        return "\"" + cut(text) + "\"";
    }

    /** A number or other value as messages show it, cut to a readable length. */
    static String shown(Object value) {
        return cut(String.valueOf(value));
    }

    private static String cut(String text) {
        if (text.length() <= SHOWN_LENGTH) {
            return text;
        }
        int end = SHOWN_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private long inRange(long value, long min, long max) throws BadRecordException {
        if (value < min || value > max) {
            throw outOfRange(value);
        }
        return value;
    }
}
