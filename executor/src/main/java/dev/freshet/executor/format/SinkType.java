package dev.freshet.executor.format;

import static java.lang.String.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/** The sink types of the {@code type} option: which records a sink writes for its changes. */
enum SinkType {
    APPEND_ONLY("append-only"),
    UPSERT("upsert"),
    DEBEZIUM("debezium");

    private final String typeName;

    SinkType(String typeName) {
        this.typeName = typeName;
    }

    /**
     * The type of a {@code type} option's value, ignoring case.
     *
     * @throws FreshetException (22023) for a name that is no type, listing the types
     */
    static SinkType named(String name) {
        String folded = name.trim().toLowerCase(Locale.ROOT);
        for (SinkType type : values()) {
            if (type.typeName.equals(folded)) {
                return type;
            }
        }
        throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format(
                "option 'type': '%s' is not a sink type; the types are %s", name,
                Arrays.stream(values()).map(type -> type.typeName).sorted().collect(Collectors.joining(", "))));
    }
}
