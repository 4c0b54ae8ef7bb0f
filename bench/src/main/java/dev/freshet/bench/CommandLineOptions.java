package dev.freshet.bench;

import static java.lang.String.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} and {@code --name=value} options of a benchmark's command line. A
 * benchmark takes the options it knows one by one, then {@link #refuseOthers()} rejects the rest,
 * so a misspelt option fails instead of being ignored.
 */
final class CommandLineOptions {
    private final Map<String, String> values;

    private CommandLineOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Reads the options; a later occurrence of an option replaces an earlier one.
     *
     * @throws IllegalArgumentException for an argument that is not an option, or an option without value
     */
    static CommandLineOptions parse(List<String> arguments) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + argument + "\"");
            }
            int equals = argument.indexOf('=');
            if (equals > 0) {
                values.put(argument.substring(0, equals), argument.substring(equals + 1));
            } else {
                if (i + 1 >= arguments.size()) {
                    throw new IllegalArgumentException("option " + argument + " needs a value");
                }
                values.put(argument, arguments.get(++i));
            }
        }
        return new CommandLineOptions(values);
    }

    /** The value of option {@code name} (with its dashes), or null when it was not given. */
    String take(String name) {
        return values.remove(name);
    }

    /**
     * The whole number given for option {@code name}, or {@code defaultValue} when it was not
     * given; underscores may group digits ({@code 1_000_000}).
     *
     * @throws IllegalArgumentException when the value is no whole number or lies outside [min, max]
     */
    long takeLong(String name, String defaultValue, long min, long max) {
        String value = take(name);
        return range(name, value == null ? defaultValue : value, min, max);
    }

    /**
     * Rejects the options no one took.
     *
     * @throws IllegalArgumentException naming the first of them
     */
    void refuseOthers() {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + values.keySet().iterator().next());
        }
    }

    /**
     * {@code text} as a whole number in [min, max].
     *
     * @throws IllegalArgumentException naming the option, when it is not
     */
    static long range(String name, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not \"" + text + "\"", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(format("%s must be between %d and %d, not %d", name, min, max, value));
        }
        return value;
    }
}
