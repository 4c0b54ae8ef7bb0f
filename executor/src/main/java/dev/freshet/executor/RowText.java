package dev.freshet.executor;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.StringJoiner;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/**
 * Rows and values as people read them in messages and system tables ({@code late_rows}), in
 * PostgreSQL's text forms for dates and times: {@code (1, abc, 2024-01-01 00:00:01)}.
 */
public final class RowText {
    /** PostgreSQL's text form: seconds always, a fraction only when there is one. */
    private static final DateTimeFormatter TIME_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.MILLI_OF_SECOND, 0, 3, true)
            .optionalEnd().toFormatter();
    private static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd ").append(TIME_TEXT).toFormatter();

    private RowText() {
    }

    private static LocalDateTime utc(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000,
                ZoneOffset.UTC);
    }

    /** The first {@code columns.size()} values of a row as text: {@code (1, abc, null)}. */
    public static String row(List<ColumnDescriptor> columns, Object[] values) {
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < columns.size(); i++) {
            joiner.add(value(columns.get(i).type(), values[i]));
        }
        return joiner.toString();
    }

    /** A TIMESTAMP value (milliseconds since the epoch) as text: {@code 2024-01-01 00:00:01}. */
    public static String timestamp(long millis) {
        if (millis == Long.MIN_VALUE) {
            return "-infinity";
        }
        if (millis == Long.MAX_VALUE) {
            return "infinity";
        }
        return value(DataType.of(DataType.Kind.TIMESTAMP), millis);
    }

    /** One value of the type, in its internal form, as text; {@code null} for SQL NULL. */
    public static String value(DataType type, Object value) {
        if (value == null) {
            return "null";
        }
        return switch (type.kind()) {
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue()).toString();
            case TIME -> TIME_TEXT.format(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L));
            case TIMESTAMP -> TIMESTAMP_TEXT.format(utc(((Number) value).longValue()));
            case TIMESTAMPTZ -> TIMESTAMP_TEXT.format(utc(((Number) value).longValue())) + "+00";
            default -> value.toString();
        };
    }
}
