package dev.freshet.executor.source.datagen;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations of datagen options: a number of milliseconds ({@code 5000}) or a whole
 * number with a unit, {@code ms}, {@code s} or {@code min} ({@code '5 s'}, {@code '250ms'}).
 */
final class DatagenDuration {
    private static final Pattern DURATION = Pattern.compile("(-?\\d+)\\s*(ms|s|min)?");

    private DatagenDuration() {
    }

    /**
     * The duration in milliseconds.
     *
     * @throws IllegalArgumentException when the text is no duration or too long for a long
     */
    static long parseMillis(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        if (unit == null || unit.equals("ms")) {
            return amount;
        }
        if (unit.equals("s")) {
            return Math.multiplyExact(amount, 1_000L);
        }
        return Math.multiplyExact(amount, 60_000L);
    }
}
