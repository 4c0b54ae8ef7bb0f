package dev.freshet.tests.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a query's rows are compared with the expected block.
 *
 * <p>Both sides are brought to the same canonical form before comparing: every line has its
 * whitespace runs collapsed to one space and its ends trimmed (so columns may be aligned with
 * spaces or separated by tabs), then the mode sorts (or not).
 */
public enum SortMode {
    /** Rows in the order the server returned them: use it only with an ORDER BY that fixes the order. */
    NOSORT,
    /** Rows sorted as strings on both sides: for results whose order SQL leaves open. */
    ROWSORT,
    /** Every value of every row (whitespace-separated tokens) sorted on both sides. */
    VALUESORT;

    private static final Pattern WHITESPACE = Pattern.compile("[ \\t]+");

    /** The keyword as written in a {@code query} line. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a keyword names, or null when the word is not a sort mode (it may be a label). */
    public static SortMode forKeyword(String word) {
        for (SortMode mode : values()) {
            if (mode.keyword().equals(word)) {
                return mode;
            }
        }
        return null;
    }

    /** The canonical form of a result written one row per line: expected block and rendered rows alike. */
    public List<String> canonical(List<String> lines) {
        requireNonNull(lines, "lines is null");
        List<String> result = new ArrayList<>(lines.size());
        for (String line : lines) {
            String normalized = normalize(line);
            if (this == VALUESORT) {
                if (!normalized.isEmpty()) {
                    Collections.addAll(result, normalized.split(" "));
                }
            }
            else {
                result.add(normalized);
            }
        }
        if (this != NOSORT) {
            Collections.sort(result);
        }
        return result;
    }

    static String normalize(String line) {
        return WHITESPACE.matcher(line).replaceAll(" ").strip();
    }
}
