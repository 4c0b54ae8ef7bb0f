package dev.freshet.server.session;

import static java.lang.String.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * Reads a duration written the way PostgreSQL writes interval-like settings: a number and a unit,
 * with or without a space ({@code '30 s'}, {@code '30s'}, {@code '500 ms'}, {@code '1 min'},
 * {@code '2 minutes'}, {@code '1.5 h'}), several such parts added up ({@code '1 min 30 s'}), or a
 * bare {@code '0'}.
 *
 * <p>A bare number other than zero is refused rather than given a unit: PostgreSQL reads a bare
 * number as milliseconds in {@code statement_timeout} but as seconds in an interval, and a
 * timeout a thousand times off is worse than an error. Negative durations and fractions of a
 * millisecond are refused too.
 */
final class DurationParser {
    /** The forms an error message offers. */
    static final String ACCEPTED_FORMS = "'30 s', '500 ms', '1 min', '2 minutes', '1 h' or '0'";

    private static final Pattern PART = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-z]+)\\s*");
    private static final Pattern ZERO = Pattern.compile("\\s*0+(?:\\.0+)?\\s*");
    private static final Pattern NUMBER = Pattern.compile("\\s*\\d+(?:\\.\\d+)?\\s*");

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    /** Each unit's spellings, as PostgreSQL accepts them in intervals, in milliseconds. */
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("ms", 1L), Map.entry("msec", 1L), Map.entry("msecs", 1L),
            Map.entry("millisecond", 1L), Map.entry("milliseconds", 1L),
            Map.entry("s", SECOND), Map.entry("sec", SECOND), Map.entry("secs", SECOND),
            Map.entry("second", SECOND), Map.entry("seconds", SECOND),
            Map.entry("min", MINUTE), Map.entry("mins", MINUTE), Map.entry("minute", MINUTE),
            Map.entry("minutes", MINUTE),
            Map.entry("h", HOUR), Map.entry("hr", HOUR), Map.entry("hrs", HOUR), Map.entry("hour", HOUR),
            Map.entry("hours", HOUR),
            Map.entry("d", DAY), Map.entry("day", DAY), Map.entry("days", DAY));

    private DurationParser() {
    }

    /**
     * The duration the text gives.
     *
     * @param name how an error names what the text sets, e.g. {@code option "idle_timeout"}
     * @param text the duration as written
     * @throws FreshetException {@code INVALID_PARAMETER_VALUE} when the text is not a duration
     */
    static Duration parse(String name, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (ZERO.matcher(lower).matches()) {
            return Duration.ZERO;
        }
        if (NUMBER.matcher(lower).matches()) {
            throw invalid(name, text).withDetail("A number other than 0 needs a unit.");
        }
        Matcher matcher = PART.matcher(lower);
        BigDecimal millis = BigDecimal.ZERO;
        int position = 0;
        while (position < lower.length()) {
            matcher.region(position, lower.length());
            if (!matcher.lookingAt()) {
                throw invalid(name, text);
            }
            Long unit = UNITS.get(matcher.group(2));
            if (unit == null) {
                throw invalid(name, text);
            }
            millis = millis.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit)));
            position = matcher.end();
        }
        if (position == 0) {
            throw invalid(name, text);
        }
        BigInteger whole;
        try {
            whole = millis.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw invalid(name, text).withDetail("A duration is a whole number of milliseconds.");
        }
        if (whole.bitLength() >= Long.SIZE) {
            throw invalid(name, text).withDetail("The duration is too long.");
        }
        return Duration.ofMillis(whole.longValueExact());
    }

    private static FreshetException invalid(String name, String text) {
        return new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                format("invalid value for %s: \"%s\" (expected a duration such as %s)", name, text, ACCEPTED_FORMS))
                .withHint("Write a number and a unit: ms, s, min, h or d (or milliseconds, seconds, minutes, "
                        + "hours, days).");
    }
}
