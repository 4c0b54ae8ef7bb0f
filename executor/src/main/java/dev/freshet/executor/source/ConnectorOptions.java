package dev.freshet.executor.source;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;

/**
 * A CREATE SOURCE or CREATE SINK statement's WITH options as one connector reads them: typed values with
 * defaults, and errors (22023) that name the connector, the option and what it accepts.
 */
public final class ConnectorOptions {
    /** The option naming the connector, which every source has. */
    public static final String CONNECTOR = "connector";

    /** The prefix of the options passed to a Kafka client. */
    public static final String PROPERTIES_PREFIX = "properties.";

    private final String connector;
    private final Map<String, String> options;

    public ConnectorOptions(String connector, Map<String, String> options) {
        this.connector = requireNonNull(connector, "connector is null");
        this.options = requireNonNull(options, "options is null");
    }

    /** The option's value, or empty when it is not given. */
    public Optional<String> string(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** The option's value; fails when it is not given. */
    public String required(String key, String what) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                    format("the %s connector needs option \"%s\": %s", connector, key, what));
        }
        return value;
    }

    /** The option as a whole number of at least {@code min}, or {@code defaultValue} when not given. */
    public long longValue(String key, long defaultValue, long min) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a whole number");
        }
        if (parsed < min) {
            throw invalid(key, value, "a whole number of at least " + min);
        }
        return parsed;
    }

    /** Refuses every option whose key is not among {@code known} (nor {@code connector}). */
    public void refuseUnknown(Collection<String> known) {
        refuseUnknown(known::contains, format("Its options are: %s.", String.join(", ", new TreeSet<>(known))));
    }

    /** Refuses every option whose key {@code known} does not accept (other than {@code connector}). */
    public void refuseUnknown(Predicate<String> known, String hint) {
        for (String key : options.keySet()) {
            if (!key.equals(CONNECTOR) && !known.test(key)) {
                throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                        format("the %s connector has no option \"%s\"", connector, key)).withHint(hint);
            }
        }
    }

    /**
     * The settings of a Kafka client from the options {@code properties.<name>}, which must include
     * {@code properties.bootstrap.servers}.
     *
     * @param owned client settings Freshet sets itself, which the options may not
     * @param why why Freshet owns them, for the message
     */
    public Map<String, Object> clientProperties(Collection<String> owned, String why) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", required(PROPERTIES_PREFIX + "bootstrap.servers",
                "the Kafka brokers, host:port,..."));
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getKey().startsWith(PROPERTIES_PREFIX)) {
                String property = option.getKey().substring(PROPERTIES_PREFIX.length());
                if (owned.contains(property)) {
                    throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format(
                            "option \"%s\" cannot be set: Freshet sets the %s itself %s", option.getKey(), property,
                            why));
                }
                properties.put(property, option.getValue());
            }
        }
        return properties;
    }

    /**
     * Fails when a connector that fills declared columns was given none.
     *
     * @param example a statement that shows how to declare them
     */
    public void requireDeclaredColumns(List<ColumnDescriptor> declared, String reason, String example) {
        if (declared.isEmpty()) {
            throw new FreshetException(ErrorCode.INVALID_TABLE_DEFINITION,
                    format("a %s source needs its columns declared: %s", connector, reason))
                    .withHint("For example: " + example);
        }
    }

    /** The error for a value the option does not take. */
    public FreshetException invalid(String key, String value, String expected) {
        return new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                format("option \"%s\" of the %s connector must be %s, not '%s'", key, connector, expected, value));
    }
}
