package dev.freshet.executor.source;

import static java.lang.String.format;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.executor.source.datagen.DatagenConnector;
import dev.freshet.executor.source.kafka.KafkaSourceConnector;
import dev.freshet.executor.source.nexmark.NexmarkConnector;

/** The connectors a source may name, by name. */
public final class SourceConnectors {
    private final Map<String, SourceConnector> connectors = new TreeMap<>();

    private SourceConnectors(List<SourceConnector> connectors) {
        for (SourceConnector connector : connectors) {
            this.connectors.put(connector.name(), connector);
        }
    }

    /** The built-in connectors, with random timestamps taken near the system clock. */
    public static SourceConnectors builtIn() {
        return new SourceConnectors(List.of(new NexmarkConnector(), new DatagenConnector(Clock.systemUTC()),
                new KafkaSourceConnector()));
    }

    /**
     * The connector of this name, in any case.
     *
     * @throws FreshetException (22023) naming the connectors there are
     */
    public SourceConnector get(String name) {
        SourceConnector connector = connectors.get(name.toLowerCase(Locale.ROOT));
        if (connector == null) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format("there is no connector '%s'", name))
                    .withHint(format("The connectors are: %s.", String.join(", ", connectors.keySet())));
        }
        return connector;
    }
}
