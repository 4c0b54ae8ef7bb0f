package dev.freshet.planner.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.calcite.avatica.util.ByteString;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * PostgreSQL's conversions between text and the types whose text forms Calcite reads or writes
 * differently: timestamptz ({@code 2024-01-02 03:04:05+02}), timestamp ({@code 2024-01-02T03:04:05Z}), interval ({@code 1 day 02:00:00},
 * {@code 90 minutes}), bytea ({@code \x0102}), boolean ({@code yes}, {@code off}, {@code t}).
 * {@link PostgresCastRewriter} routes CASTs here; the generated code calls these methods, so they
 * are public and static. Values are in Calcite's internal representation (see
 * {@code DataType}); a null input gives a null result.
 */
public final class PostgresCasts {
    private static final DateTimeFormatter TIMESTAMP_TZ_INPUT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter TIMESTAMP_TZ_OUTPUT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MILLI_OF_SECOND, 0, 3, true).optionalEnd()
            .appendOffset("+HH:mm", "+00")
            .toFormatter(Locale.ROOT);

    private static final Pattern INTERVAL_PART = Pattern.compile(
            "([+-]?\\d+(?:\\.\\d+)?)\\s*(microseconds?|milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|h|"
                    + "days?|d|weeks?|w|mons?|months?|years?|y)\\b|([+-]?\\d+):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d+)?))?",
            Pattern.CASE_INSENSITIVE);

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private PostgresCasts() {
    }

    /** Text to timestamptz: an instant; text without an offset is read in the session's zone. */
    public static Long textToTimestampTz(String text, String zone) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        try {
            java.time.temporal.TemporalAccessor parsed = TIMESTAMP_TZ_INPUT.parseBest(trimmed, OffsetDateTime::from, LocalDateTime::from,
                    LocalDate::from);
            if (parsed instanceof OffsetDateTime offset) {
                return offset.toInstant().toEpochMilli();
            }
            LocalDateTime local = parsed instanceof LocalDateTime dateTime ? dateTime
                    : ((LocalDate) parsed).atStartOfDay();
            return ZonedDateTime.of(local, ZoneId.of(zone)).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new FreshetException(ErrorCode.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type timestamp with time zone: \"" + text + "\"", e)
                    .withHint("Write it as 'YYYY-MM-DD HH:MM:SS[.fff][+HH[:MM]]'.");
        }
    }

    /**
     * Text to timestamp (without time zone), in milliseconds of the local date and time: the same
     * forms as timestamptz, a {@code T} between date and time as in ISO 8601 (what Grafana's
     * {@code $__timeFilter} writes), and, as in PostgreSQL, an offset ({@code Z},
     * {@code +02:00}) read and ignored.
     */
    public static Long textToTimestamp(String text) {
        if (text == null) {
            return null;
        }
        try {
            java.time.temporal.TemporalAccessor parsed = TIMESTAMP_TZ_INPUT.parseBest(text.trim(),
                    LocalDateTime::from, LocalDate::from);
            LocalDateTime local = parsed instanceof LocalDateTime dateTime ? dateTime
                    : ((LocalDate) parsed).atStartOfDay();
            return local.toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException e) {
            throw new FreshetException(ErrorCode.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type timestamp: \"" + text + "\"", e)
                    .withHint("Write it as 'YYYY-MM-DD HH:MM:SS[.fff]'.");
        }
    }

    /** Timestamptz to text, in the session's zone, as PostgreSQL prints it. */
    public static String timestampTzToText(Long millis, String zone) {
        if (millis == null) {
            return null;
        }
        return TIMESTAMP_TZ_OUTPUT.format(java.time.Instant.ofEpochMilli(millis).atZone(ZoneId.of(zone))
                .toOffsetDateTime());
    }

    /**
     * Text to a day-time interval in milliseconds: PostgreSQL's forms such as {@code 1 day},
     * {@code 2 hours 30 minutes}, {@code 1 day 02:00:00}, {@code -00:00:01.5}, {@code 3 weeks}.
     */
    public static Long textToInterval(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        boolean ago = trimmed.toLowerCase(Locale.ROOT).endsWith(" ago");
        if (ago) {
            trimmed = trimmed.substring(0, trimmed.length() - 4);
        }
        String rest = trimmed.startsWith("@") ? trimmed.substring(1) : trimmed;
        Matcher matcher = INTERVAL_PART.matcher(rest);
        double millis = 0;
        int position = 0;
        boolean any = false;
        while (matcher.find()) {
            if (!rest.substring(position, matcher.start()).isBlank()) {
                throw badInterval(text);
            }
            position = matcher.end();
            any = true;
            if (matcher.group(1) != null) {
                double amount = Double.parseDouble(matcher.group(1));
                String unit = matcher.group(2).toLowerCase(Locale.ROOT);
                if (unit.startsWith("mon") || unit.startsWith("y")) {
                    throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                            "interval \"" + text + "\" has months or years, which Freshet's INTERVAL cannot hold")
                            .withHint("Freshet's INTERVAL holds days and time; write 30 days rather than 1 month.");
                }
                millis += amount * unitMillis(unit);
            } else {
                long hours = Long.parseLong(matcher.group(3));
                double sign = matcher.group(3).startsWith("-") ? -1 : 1;
                double minutes = Double.parseDouble(matcher.group(4));
                double seconds = matcher.group(5) == null ? 0 : Double.parseDouble(matcher.group(5));
                millis += hours * 3_600_000d + sign * (minutes * 60_000d + seconds * 1000d);
            }
        }
        if (!any || !rest.substring(position).isBlank()) {
            throw badInterval(text);
        }
        long result = Math.round(millis);
        return ago ? -result : result;
    }

    private static double unitMillis(String unit) {
        if (unit.startsWith("microsecond")) {
            return 0.001;
        }
        if (unit.startsWith("millisecond") || unit.equals("ms")) {
            return 1;
        }
        if (unit.startsWith("s")) {
            return 1000;
        }
        if (unit.startsWith("mi") || unit.equals("m")) {
            return 60_000;
        }
        if (unit.startsWith("h")) {
            return 3_600_000;
        }
        if (unit.startsWith("d")) {
            return MILLIS_PER_DAY;
        }
        return 7 * MILLIS_PER_DAY;
    }

    private static FreshetException badInterval(String text) {
        return new FreshetException(ErrorCode.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type interval: \"" + text + "\"")
                .withHint("Write it as '1 day 02:03:04', '90 minutes' or '2 hours 30 minutes'.");
    }

    /** Text to bytea: the hex form {@code \x0102}, or the escape form with {@code \\} and {@code \ooo}. */
    public static ByteString textToBytea(String text) {
        if (text == null) {
            return null;
        }
        if (text.startsWith("\\x") || text.startsWith("\\X")) {
            String hex = text.substring(2).replace(" ", "");
            try {
                return new ByteString(HexFormat.of().parseHex(hex));
            } catch (IllegalArgumentException e) {
                throw new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                        "invalid hexadecimal data in bytea \"" + text + "\"", e);
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != '\\') {
                bytes.write(utf8[i]);
            } else if (i + 1 < utf8.length && utf8[i + 1] == '\\') {
                bytes.write('\\');
                i++;
            } else if (i + 3 < utf8.length && isOctal(utf8[i + 1]) && isOctal(utf8[i + 2]) && isOctal(utf8[i + 3])) {
                bytes.write(((utf8[i + 1] - '0') << 6) | ((utf8[i + 2] - '0') << 3) | (utf8[i + 3] - '0'));
                i += 3;
            } else {
                throw new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type bytea: \"" + text + "\"");
            }
        }
        return new ByteString(bytes.toByteArray());
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }

    /** Text to boolean, with every spelling PostgreSQL accepts. */
    public static Boolean textToBoolean(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "t", "tr", "tru", "true", "y", "ye", "yes", "on", "1":
                return true;
            case "f", "fa", "fal", "fals", "false", "n", "no", "of", "off", "0":
                return false;
            default:
                throw new FreshetException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type boolean: \"" + text + "\"");
        }
    }

    /** Boolean to text as PostgreSQL writes it: {@code true}, {@code false}. */
    public static String booleanToText(Boolean value) {
        return value == null ? null : value.toString();
    }
}
