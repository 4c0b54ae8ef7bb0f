package dev.freshet.server.session;

import java.util.Locale;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/** Reads the values of statements' {@code WITH (...)} options. */
final class StatementOptions {
    private StatementOptions() {
    }

    /**
     * A true-or-false option, written as PostgreSQL accepts booleans: true/false, on/off, yes/no, 1/0.
     *
     * @throws FreshetException {@code 22023} for any other value
     */
    static boolean flag(String statement, String option, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                    statement + " option " + option + " must be true or false, not \"" + value + "\"");
        };
    }
}
