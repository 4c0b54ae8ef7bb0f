package dev.freshet.planner.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * PostgreSQL's pattern form of {@code substring(text FROM pattern)}, which
 * {@link PostgresCastRewriter} routes here; the generated code calls it, so it is public and static.
 */
public final class PostgresPatterns {
    private PostgresPatterns() {
    }

    /**
     * The part of {@code text} the regular expression matches first: the whole match, or, when
     * the pattern has a parenthesized group, what the first group matched. Null when nothing
     * matches, or for a null argument.
     *
     * @throws FreshetException {@code 2201B} for a pattern that is no regular expression
     */
    public static String substringMatching(String text, String pattern) {
        if (text == null || pattern == null) {
            return null;
        }
        Matcher matcher;
        try {
            matcher = Pattern.compile(pattern).matcher(text);
        } catch (PatternSyntaxException e) {
            throw new FreshetException(ErrorCode.INVALID_REGULAR_EXPRESSION,
                    "invalid regular expression \"" + pattern + "\": " + e.getDescription());
        }
        if (!matcher.find()) {
            return null;
        }
        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
    }
}
