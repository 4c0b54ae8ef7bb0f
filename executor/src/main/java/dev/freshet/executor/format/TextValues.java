package dev.freshet.executor.format;

import static java.lang.String.format;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.calcite.avatica.util.ByteString;

import dev.freshet.planner.DataType;

/**
 * Reads a value of any column type from its text form: a CSV field, or a JSON string in a column
 * that is not VARCHAR. The forms are PostgreSQL's input forms, with the exceptions
 * {@code docs/formats.md} lists: BYTEA is base64 or {@code \x} and hex digits, and INTERVAL is
 * milliseconds or an ISO-8601 duration. Surrounding white space is ignored except in VARCHAR.
 */
final class TextValues {
    /** Longer numbers are refused before parsing, which is quadratic in their length (as Jackson's limit). */
    private static final int MAX_NUMBER_LENGTH = 1000;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");
    /** What PostgreSQL's numeric input takes; Java's own parsers would also take {@code 0x1p3} and {@code 1d}. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX_BYTES = Pattern.compile("\\\\x([0-9a-fA-F]{2})*");

    private TextValues() {
    }

    /** The value of {@code text} in the column, in its internal representation. */
    static Object parse(ColumnValues column, String text) throws BadRecordException {
        DataType.Kind kind = column.kind();
        return switch (kind) {
            case BOOLEAN -> bool(column, text);
            case SMALLINT, INTEGER, BIGINT -> column.integral(number(column, text, WHOLE_NUMBER, "a whole number"));
            case REAL, DOUBLE -> floating(column, text);
            case DECIMAL -> column.decimal(number(column, text, NUMBER, "a number"));
            case VARCHAR -> column.varchar(text);
            case BYTEA -> bytes(column, text);
            case DATE -> column.integral(TemporalText.date(column, text));
            case TIME -> column.integral(TemporalText.time(column, text));
            case TIMESTAMP, TIMESTAMPTZ -> TemporalText.timestamp(column, text);
            case INTERVAL -> interval(column, text);
        };
    }

    private static Object interval(ColumnValues column, String text) throws BadRecordException {
        if (WHOLE_NUMBER.matcher(text.trim()).matches()) {
            return column.integral(number(column, text, WHOLE_NUMBER, "a whole number"));
        }
        return column.integral(TemporalText.duration(column, text));
    }

    private static Boolean bool(ColumnValues column, String text) throws BadRecordException {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> throw column.bad(format("%s is not a boolean; write true or false", ColumnValues.quoted(text)));
        };
    }

    private static BigDecimal number(ColumnValues column, String text, Pattern form, String what)
            throws BadRecordException {
        String trimmed = text.trim();
        if (trimmed.length() > MAX_NUMBER_LENGTH) {
            throw column.bad(format("%s has more than %d characters, too many for a number",
                    ColumnValues.quoted(text), MAX_NUMBER_LENGTH));
        }
        if (!form.matcher(trimmed).matches()) {
            throw column.bad(format("%s is not %s", ColumnValues.quoted(text), what));
        }
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            // Only an exponent beyond an int's range gets here.
            throw column.outOfRange(ColumnValues.quoted(text));
        }
    }

    private static Object floating(ColumnValues column, String text) throws BadRecordException {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan":
                return column.floating(Double.NaN);
            case "inf", "+inf", "infinity", "+infinity":
                return column.floating(Double.POSITIVE_INFINITY);
            case "-inf", "-infinity":
                return column.floating(Double.NEGATIVE_INFINITY);
            default:
                return column.floating(number(column, text, NUMBER, "a number"));
        }
    }

    private static ByteString bytes(ColumnValues column, String text) throws BadRecordException {
        String trimmed = text.trim();
        if (HEX_BYTES.matcher(trimmed).matches()) {
            return new ByteString(HexFormat.of().parseHex(trimmed, 2, trimmed.length()));
        }
        try {
            return new ByteString(Base64.getDecoder().decode(trimmed));
        } catch (IllegalArgumentException e) {
            throw column.bad(format("%s is neither base64 nor \\x and hex digits", ColumnValues.quoted(text)));
        }
    }
}
