package dev.freshet.tests.sql;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The error a {@code statement error} or {@code query error} record expects.
 *
 * <p>Written as {@code [(SQLSTATE xxxxx)] [message]}: the SQLSTATE, when given, must be equal;
 * the message, when given, must occur in the server's message, compared case-insensitively,
 * either literally or as a regular expression found anywhere in it. Accepting both lets a test
 * quote a message with parentheses as-is and still use {@code .*} where it needs to.
 * Neither given: any error passes.
 */
public record ErrorExpectation(Optional<String> sqlState, Optional<String> message) {
    private static final Pattern SQLSTATE_PREFIX =
            Pattern.compile("^\\(SQLSTATE\\s+([0-9A-Z]{5})\\)\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    public ErrorExpectation {
        requireNonNull(sqlState, "sqlState is null");
        requireNonNull(message, "message is null");
    }

    /**
     * Parses what follows {@code statement error} or {@code query error} on the record's line.
     *
     * @throws IllegalArgumentException if the text starts like a SQLSTATE assertion but is malformed
     */
    public static ErrorExpectation parse(String text) {
        String trimmed = requireNonNull(text, "text is null").strip();
        Optional<String> sqlState = Optional.empty();
        Matcher matcher = SQLSTATE_PREFIX.matcher(trimmed);
        if (matcher.matches()) {
            sqlState = Optional.of(matcher.group(1).toUpperCase(Locale.ROOT));
            trimmed = matcher.group(2).strip();
        }
        else if (trimmed.regionMatches(true, 0, "(SQLSTATE", 0, "(SQLSTATE".length())) {
            throw new IllegalArgumentException(
                    "malformed SQLSTATE assertion, write it as (SQLSTATE 23505): " + trimmed);
        }
        Optional<String> message = trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
        return new ErrorExpectation(sqlState, message);
    }

    /** Whether a server error with this SQLSTATE (null if the driver gave none) and message satisfies the expectation. */
    public boolean matches(String actualSqlState, String actualMessage) {
        if (sqlState.isPresent() && !sqlState.get().equalsIgnoreCase(String.valueOf(actualSqlState))) {
            return false;
        }
        if (message.isEmpty()) {
            return true;
        }
        String haystack = actualMessage == null ? "" : actualMessage;
        String needle = message.get();
        if (haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT))) {
            return true;
        }
        try {
            return Pattern.compile(needle, Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(haystack).find();
        }
        catch (PatternSyntaxException notARegex) {
            return false;
        }
    }

    /** The expectation as written in a {@code .slt} file, for failure messages. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        sqlState.ifPresent(state -> text.append("(SQLSTATE ").append(state).append(')'));
        message.ifPresent(pattern -> text.append(text.length() > 0 ? " " : "").append(pattern));
        return text.length() == 0 ? "any error" : text.toString();
    }
}
