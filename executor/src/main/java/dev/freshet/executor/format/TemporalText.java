package dev.freshet.executor.format;

import static java.lang.String.format;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;

/**
 * The text forms of dates, times, timestamps and intervals: what the JSON encoder writes and what
 * the decoders read, side by side so that whatever is written reads back the same.
 *
 * <p>Written: {@code 2024-01-31}, {@code 13:45:00.250}, {@code 2024-01-31T13:45:00.250}, and for
 * TIMESTAMPTZ {@code 2024-01-31T13:45:00.250Z}, always with milliseconds. Read: ISO-8601 dates,
 * times ({@code HH:MM[:SS[.fraction]]}) and date-times with {@code T} or a space between date
 * and time, the time optional, and an optional offset ({@code Z}, {@code +HH} or
 * {@code +HH:MM}). A timestamp without offset is UTC; one with an offset is converted to UTC, so
 * TIMESTAMP holds the UTC wall-clock time of the instant. Fractions finer than milliseconds are
 * truncated, as Freshet keeps milliseconds.
 */
final class TemporalText {
    private static final String TIMESTAMP_FORMS = "YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|+HH[:MM]]";
    private static final DateTimeFormatter TIMESTAMP_PARSER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffset("+HH:mm", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);
    private static final DateTimeFormatter TIME_PARSER =
            DateTimeFormatter.ISO_LOCAL_TIME.withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private TemporalText() {
    }

    /** A date's days since 1970-01-01. */
    static long date(ColumnValues column, String text) throws BadRecordException {
        try {
            return LocalDate.parse(text.trim(), DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay();
        } catch (DateTimeException e) {
            throw column.bad(format("%s is not a date; write YYYY-MM-DD", ColumnValues.quoted(text)));
        }
    }

    /** A time's milliseconds of the day. */
    static long time(ColumnValues column, String text) throws BadRecordException {
        try {
            return LocalTime.parse(text.trim(), TIME_PARSER).toNanoOfDay() / 1_000_000L;
        } catch (DateTimeException e) {
            throw column.bad(format("%s is not a time; write HH:MM[:SS[.fff]]", ColumnValues.quoted(text)));
        }
    }

    /** A timestamp's milliseconds since the epoch, UTC. */
    static long timestamp(ColumnValues column, String text) throws BadRecordException {
        String iso = text.trim();
        if (iso.length() > 10 && iso.charAt(10) == ' ') {
            iso = iso.substring(0, 10) + 'T' + iso.substring(11);
        }
        Instant instant;
        try {
            TemporalAccessor parsed = TIMESTAMP_PARSER.parseBest(iso, OffsetDateTime::from, LocalDateTime::from,
                    LocalDate::from);
            if (parsed instanceof OffsetDateTime offsetDateTime) {
                instant = offsetDateTime.toInstant();
            } else if (parsed instanceof LocalDateTime localDateTime) {
                instant = localDateTime.toInstant(ZoneOffset.UTC);
            } else {
                instant = ((LocalDate) parsed).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeException e) {
            throw column.bad(format("%s is not a timestamp; write %s", ColumnValues.quoted(text), TIMESTAMP_FORMS));
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw column.outOfRange(ColumnValues.quoted(text));
        }
    }

    /** An ISO-8601 duration's milliseconds ({@code PT1H30M}, {@code P2DT3H}, {@code -PT0.5S}). */
    static long duration(ColumnValues column, String text) throws BadRecordException {
        Duration duration;
        try {
            duration = Duration.parse(text.trim());
        } catch (DateTimeException e) {
            throw column.bad(format("%s is not an interval; write milliseconds or an ISO-8601 duration such as "
                    + "PT1H30M", ColumnValues.quoted(text)));
        }
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw column.outOfRange(ColumnValues.quoted(text));
        }
    }

    /** A DATE value (days since 1970-01-01) as {@code 2024-01-31}. */
    static String formatDate(int days) {
        return DATE_FORMAT.format(LocalDate.ofEpochDay(days));
    }

    /** A TIME value (milliseconds of the day) as {@code 13:45:00.250}. */
    static String formatTime(int millis) {
        return TIME_FORMAT.format(LocalTime.ofNanoOfDay(millis * 1_000_000L));
    }

    /** A TIMESTAMP value (milliseconds since the epoch, no zone) as {@code 2024-01-31T13:45:00.250}. */
    static String formatTimestamp(long millis) {
        return TIMESTAMP_FORMAT.format(LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC));
    }

    /** A TIMESTAMPTZ value (epoch milliseconds) as {@code 2024-01-31T13:45:00.250Z}. */
    static String formatTimestampTz(long millis) {
        return formatTimestamp(millis) + "Z";
    }
}
