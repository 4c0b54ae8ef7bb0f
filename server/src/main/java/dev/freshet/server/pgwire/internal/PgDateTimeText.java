package dev.freshet.server.pgwire.internal;

import static java.lang.String.format;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.server.pgwire.PgInterval;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date, time, timestamp and interval text as PostgreSQL writes it with {@code DateStyle = ISO}
 * and {@code IntervalStyle = postgres}, and the forms it reads (ISO dates and times with an
 * optional offset and {@code BC}; intervals in the postgres, verbose {@code @ …} and ISO 8601
 * forms).
 *
 * <p>Years before 1 AD: Java's proleptic year 0 is 1 BC, -1 is 2 BC, as PostgreSQL counts them.
 * {@code infinity} and {@code -infinity} map to the Java types' MAX and MIN.
 */
public final class PgDateTimeText {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    private static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    private static final Pattern DATE = Pattern.compile("(\\d{1,7})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{0,9}))?)?");
    private static final Pattern OFFSET = Pattern.compile("(?:[zZ]|([+-])(\\d{1,2})(?::?(\\d{2}))?(?::?(\\d{2}))?)");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{1,7}-\\d{1,2}-\\d{1,2})(?:[ T]+(" + TIME.pattern() + "))?\\s*(" + OFFSET.pattern() + ")?"
                    + "(?:\\s+(BC|AD|bc|ad))?");
    private static final Pattern ISO_INTERVAL = Pattern.compile(
            "p(?:([-+]?[\\d.]+)y)?(?:([-+]?[\\d.]+)m)?(?:([-+]?[\\d.]+)w)?(?:([-+]?[\\d.]+)d)?"
                    + "(?:t(?:([-+]?[\\d.]+)h)?(?:([-+]?[\\d.]+)m)?(?:([-+]?[\\d.]+)s)?)?");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern CLOCK = Pattern.compile("([-+]?)(\\d+):(\\d+)(?::(\\d+(?:\\.\\d*)?))?");

    private PgDateTimeText() {
    }

    // ---- output ----

    public static String formatDate(LocalDate date) {
        if (date.equals(LocalDate.MAX)) {
            return "infinity";
        }
        if (date.equals(LocalDate.MIN)) {
            return "-infinity";
        }
        StringBuilder out = new StringBuilder(16);
        appendDate(out, date);
        return appendEra(out, date.getYear()).toString();
    }

    public static String formatTime(LocalTime time) {
        StringBuilder out = new StringBuilder(15);
        appendTime(out, time);
        return out.toString();
    }

    public static String formatTimestamp(LocalDateTime timestamp) {
        if (timestamp.equals(LocalDateTime.MAX)) {
            return "infinity";
        }
        if (timestamp.equals(LocalDateTime.MIN)) {
            return "-infinity";
        }
        StringBuilder out = new StringBuilder(26);
        appendDate(out, timestamp.toLocalDate());
        out.append(' ');
        appendTime(out, timestamp.toLocalTime());
        return appendEra(out, timestamp.getYear()).toString();
    }

    /** A timestamptz rendered in {@code zone}, with the zone's offset as {@code +HH[:MM[:SS]]}. */
    public static String formatTimestampTz(OffsetDateTime timestamp, ZoneId zone) {
        if (timestamp.equals(OffsetDateTime.MAX)) {
            return "infinity";
        }
        if (timestamp.equals(OffsetDateTime.MIN)) {
            return "-infinity";
        }
        OffsetDateTime local = timestamp.atZoneSameInstant(zone).toOffsetDateTime();
        StringBuilder out = new StringBuilder(32);
        appendDate(out, local.toLocalDate());
        out.append(' ');
        appendTime(out, local.toLocalTime());
        int seconds = local.getOffset().getTotalSeconds();
        out.append(seconds < 0 ? '-' : '+');
        seconds = Math.abs(seconds);
        out.append(format("%02d", seconds / 3600));
        if (seconds % 3600 != 0) {
            out.append(format(":%02d", seconds / 60 % 60));
            if (seconds % 60 != 0) {
                out.append(format(":%02d", seconds % 60));
            }
        }
        return appendEra(out, local.getYear()).toString();
    }

    /** An interval as {@code IntervalStyle = postgres} writes it: {@code 1 year 2 mons 3 days 04:05:06.5}. */
    public static String formatInterval(PgInterval interval) {
        StringBuilder out = new StringBuilder(40);
        // PostgreSQL prints '+' before a positive field only right after a negative one.
        boolean[] previousNegative = {false};
        appendIntervalPart(out, interval.months() / 12, "year", previousNegative);
        appendIntervalPart(out, interval.months() % 12, "mon", previousNegative);
        appendIntervalPart(out, interval.days(), "day", previousNegative);
        long micros = interval.microseconds();
        if (out.length() == 0 || micros != 0) {
            if (out.length() > 0) {
                out.append(' ');
            }
            if (micros < 0) {
                out.append('-');
            } else if (previousNegative[0]) {
                out.append('+');
            }
            long magnitude = Math.abs(micros);
            long hours = magnitude / MICROS_PER_HOUR;
            out.append(hours < 10 ? "0" : "").append(hours);
            out.append(format(":%02d:%02d", magnitude / MICROS_PER_MINUTE % 60, magnitude / MICROS_PER_SECOND % 60));
            appendFraction(out, (int) (magnitude % MICROS_PER_SECOND) * 1000);
        }
        return out.toString();
    }

    private static void appendIntervalPart(StringBuilder out, long value, String unit, boolean[] previousNegative) {
        if (value == 0) {
            return;
        }
        if (out.length() > 0) {
            out.append(' ');
        }
        if (previousNegative[0] && value > 0) {
            out.append('+');
        }
        out.append(value).append(' ').append(unit);
        if (value != 1) {
            out.append('s');
        }
        previousNegative[0] = value < 0;
    }

    private static void appendDate(StringBuilder out, LocalDate date) {
        int year = date.getYear();
        out.append(format("%04d-%02d-%02d", year > 0 ? year : 1 - year, date.getMonthValue(), date.getDayOfMonth()));
    }

    private static StringBuilder appendEra(StringBuilder out, int year) {
        return year > 0 ? out : out.append(" BC");
    }

    private static void appendTime(StringBuilder out, LocalTime time) {
        out.append(format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond()));
        appendFraction(out, time.getNano());
    }

    /** Appends {@code .ffffff} with trailing zeros trimmed, nothing for whole seconds; nanoseconds truncate. */
    private static void appendFraction(StringBuilder out, int nanos) {
        int micros = nanos / 1000;
        if (micros == 0) {
            return;
        }
        String digits = format("%06d", micros);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        out.append('.').append(digits, 0, end);
    }

    // ---- input ----

    public static LocalDate parseDate(String text) {
        String value = text.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("infinity") || lower.equals("+infinity")) {
            return LocalDate.MAX;
        }
        if (lower.equals("-infinity")) {
            return LocalDate.MIN;
        }
        if (lower.equals("epoch")) {
            return LocalDate.of(1970, 1, 1);
        }
        boolean bc = lower.endsWith(" bc");
        if (bc || lower.endsWith(" ad")) {
            value = value.substring(0, value.length() - 3).trim();
        }
        Matcher matcher = DATE.matcher(value);
        if (!matcher.matches()) {
            throw invalid("date", text);
        }
        try {
            return LocalDate.of(year(Integer.parseInt(matcher.group(1)), bc), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
        } catch (DateTimeException e) {
            throw outOfRange("date", text);
        }
    }

    public static LocalTime parseTime(String text) {
        String value = text.trim();
        if (value.equalsIgnoreCase("allballs")) {
            return LocalTime.MIDNIGHT;
        }
        Matcher matcher = TIME.matcher(value);
        if (!matcher.matches()) {
            // A time with an offset (timetz input) is accepted and its offset ignored.
            Matcher withOffset = Pattern.compile(TIME.pattern() + "\\s*" + OFFSET.pattern()).matcher(value);
            if (!withOffset.matches()) {
                throw invalid("time without time zone", text);
            }
            matcher = withOffset;
        }
        try {
            return time(matcher, 1);
        } catch (DateTimeException e) {
            throw outOfRange("time", text);
        }
    }

    public static LocalDateTime parseTimestamp(String text) {
        Object parsed = parseTimestamp(text, null, "timestamp without time zone");
        return (LocalDateTime) parsed;
    }

    /** A timestamptz; text without an offset is in {@code zone}. */
    public static OffsetDateTime parseTimestampTz(String text, ZoneId zone) {
        return (OffsetDateTime) parseTimestamp(text, zone, "timestamp with time zone");
    }

    private static Object parseTimestamp(String text, ZoneId zone, String typeName) {
        String value = text.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        boolean withZone = zone != null;
        if (lower.equals("infinity") || lower.equals("+infinity")) {
            return withZone ? OffsetDateTime.MAX : LocalDateTime.MAX;
        }
        if (lower.equals("-infinity")) {
            return withZone ? OffsetDateTime.MIN : LocalDateTime.MIN;
        }
        if (lower.equals("epoch")) {
            LocalDateTime epoch = LocalDateTime.of(1970, 1, 1, 0, 0);
            return withZone ? epoch.atOffset(ZoneOffset.UTC) : epoch;
        }
        Matcher matcher = TIMESTAMP.matcher(value);
        if (!matcher.matches()) {
            throw invalid(typeName, text);
        }
        try {
            LocalDate date = parseDate(matcher.group(1) + (matcher.group(12) == null ? "" : " " + matcher.group(12)));
            LocalTime time = matcher.group(2) == null ? LocalTime.MIDNIGHT : time(matcher, 3);
            LocalDateTime local = LocalDateTime.of(date, time);
            if (!withZone) {
                return local;
            }
            String offsetText = matcher.group(7);
            if (offsetText == null) {
                return local.atZone(zone).toOffsetDateTime();
            }
            if (offsetText.equalsIgnoreCase("z")) {
                return local.atOffset(ZoneOffset.UTC);
            }
            int sign = matcher.group(8).equals("-") ? -1 : 1;
            int seconds = Integer.parseInt(matcher.group(9)) * 3600
                    + (matcher.group(10) == null ? 0 : Integer.parseInt(matcher.group(10)) * 60)
                    + (matcher.group(11) == null ? 0 : Integer.parseInt(matcher.group(11)));
            return local.atOffset(ZoneOffset.ofTotalSeconds(sign * seconds));
        } catch (DateTimeException e) {
            throw outOfRange(typeName, text);
        }
    }

    private static int year(int year, boolean bc) {
        return bc ? 1 - year : year;
    }

    private static LocalTime time(Matcher matcher, int firstGroup) {
        int hour = Integer.parseInt(matcher.group(firstGroup));
        int minute = Integer.parseInt(matcher.group(firstGroup + 1));
        int second = matcher.group(firstGroup + 2) == null ? 0 : Integer.parseInt(matcher.group(firstGroup + 2));
        String fraction = matcher.group(firstGroup + 3);
        int nanos = 0;
        if (fraction != null && !fraction.isEmpty()) {
            nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
        }
        if (hour == 24 && minute == 0 && second == 0 && nanos == 0) {
            return LocalTime.MAX;
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    /**
     * Reads an interval in the postgres form ({@code 1 year 2 mons -3 days +04:05:06.5}), the
     * verbose form ({@code @ 1 day 2 hours ago}, also what pgjdbc sends:
     * {@code 0 years 0 mons 3 days 0 hours 0 mins 0.0 secs}) or ISO 8601 ({@code P1Y2M3DT4H}).
     * Fractions cascade down as in PostgreSQL: a month is 30 days, a day 24 hours.
     */
    public static PgInterval parseInterval(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("@")) {
            value = value.substring(1).trim();
        }
        IntervalBuilder builder = new IntervalBuilder();
        try {
            if (value.startsWith("p")) {
                parseIsoInterval(text, value, builder);
                return builder.build();
            }
            String[] tokens = value.isEmpty() ? new String[0] : value.split("\\s+");
            if (tokens.length == 0) {
                throw invalid("interval", text);
            }
            boolean ago = false;
            for (int i = 0; i < tokens.length; i++) {
                String token = tokens[i];
                Matcher clock = CLOCK.matcher(token);
                if (clock.matches()) {
                    double sign = clock.group(1).equals("-") ? -1 : 1;
                    builder.add(sign * Long.parseLong(clock.group(2)), MICROS_PER_HOUR);
                    builder.add(sign * Long.parseLong(clock.group(3)), MICROS_PER_MINUTE);
                    if (clock.group(4) != null) {
                        builder.add(sign * Double.parseDouble(clock.group(4)), MICROS_PER_SECOND);
                    }
                } else if (token.equals("ago")) {
                    ago = true;
                } else {
                    String number = token;
                    String unit = null;
                    Matcher numberMatcher = NUMBER.matcher(token);
                    if (numberMatcher.lookingAt() && numberMatcher.end() < token.length()) {
                        number = token.substring(0, numberMatcher.end());
                        unit = token.substring(numberMatcher.end());
                    } else if (i + 1 < tokens.length && !CLOCK.matcher(tokens[i + 1]).matches()
                            && !NUMBER.matcher(tokens[i + 1]).matches() && !tokens[i + 1].equals("ago")) {
                        unit = tokens[++i];
                    }
                    if (!NUMBER.matcher(number).matches()) {
                        throw invalid("interval", text);
                    }
                    addUnit(builder, Double.parseDouble(number), unit == null ? "s" : unit, text);
                }
            }
            if (ago) {
                builder.negate();
            }
            return builder.build();
        } catch (NumberFormatException e) {
            throw invalid("interval", text);
        }
    }

    private static void parseIsoInterval(String text, String value, IntervalBuilder builder) {
        Matcher matcher = ISO_INTERVAL.matcher(value);
        if (!matcher.matches() || value.equals("p") || value.endsWith("t")) {
            throw invalid("interval", text);
        }
        String[] units = {"y", "mon", "w", "d", "h", "min", "s"};
        for (int i = 0; i < units.length; i++) {
            if (matcher.group(i + 1) != null) {
                addUnit(builder, Double.parseDouble(matcher.group(i + 1)), units[i], text);
            }
        }
    }

    private static void addUnit(IntervalBuilder builder, double amount, String unit, String text) {
        switch (unit) {
            case "millennium", "millennia", "millenniums", "mil", "mils" -> builder.addMonths(amount * 12000);
            case "century", "centuries", "c", "cent" -> builder.addMonths(amount * 1200);
            case "decade", "decades", "dec", "decs" -> builder.addMonths(amount * 120);
            case "y", "yr", "yrs", "year", "years" -> builder.addMonths(amount * 12);
            case "mon", "mons", "month", "months" -> builder.addMonths(amount);
            case "w", "week", "weeks" -> builder.addDays(amount * 7);
            case "d", "day", "days" -> builder.addDays(amount);
            case "h", "hr", "hrs", "hour", "hours" -> builder.add(amount, MICROS_PER_HOUR);
            case "m", "min", "mins", "minute", "minutes" -> builder.add(amount, MICROS_PER_MINUTE);
            case "s", "sec", "secs", "second", "seconds" -> builder.add(amount, MICROS_PER_SECOND);
            case "ms", "msec", "msecs", "millisecond", "milliseconds" -> builder.add(amount, 1000);
            case "us", "usec", "usecs", "microsecond", "microseconds" -> builder.add(amount, 1);
            default -> throw invalid("interval", text);
        }
    }

    /** Collects months, days and microseconds, cascading fractions downward as PostgreSQL does. */
    private static final class IntervalBuilder {
        private long months;
        private long days;
        private double micros;

        void addMonths(double amount) {
            long whole = (long) amount;
            months += whole;
            addDays((amount - whole) * 30);
        }

        void addDays(double amount) {
            long whole = (long) amount;
            days += whole;
            add(amount - whole, MICROS_PER_DAY);
        }

        void add(double amount, long unitMicros) {
            micros += amount * unitMicros;
        }

        void negate() {
            months = -months;
            days = -days;
            micros = -micros;
        }

        PgInterval build() {
            if (months != (int) months || days != (int) days || Math.abs(micros) > Long.MAX_VALUE / 2) {
                throw new FreshetException(ErrorCode.DATETIME_FIELD_OVERFLOW, "interval out of range");
            }
            return new PgInterval((int) months, (int) days, Math.round(micros));
        }
    }

    static FreshetException invalid(String typeName, String text) {
        return new FreshetException(ErrorCode.INVALID_DATETIME_FORMAT,
                format("invalid input syntax for type %s: \"%s\"", typeName, text));
    }

    private static FreshetException outOfRange(String typeName, String text) {
        return new FreshetException(ErrorCode.DATETIME_FIELD_OVERFLOW,
                format("date/time field value out of range: \"%s\"", text)).withHint(
                        "Perhaps the value is not a valid " + typeName + ".");
    }
}
