package dev.freshet.executor.sink;

import static java.lang.String.format;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.executor.sink.kafka.KafkaSinkConnector;

/** The connectors a sink may name, by name. */
public final class SinkConnectors {
    private final Map<String, SinkConnector> connectors = new TreeMap<>();

    private SinkConnectors(List<SinkConnector> connectors) {
        for (SinkConnector connector : connectors) {
            this.connectors.put(connector.name(), connector);
        }
    }

    /** The built-in connectors. */
    public static SinkConnectors builtIn() {
        return new SinkConnectors(List.of(new KafkaSinkConnector()));
    }

    /**
     * The connector of this name, in any case.
     *
     * @throws FreshetException (22023) naming the connectors there are
     */
    public SinkConnector get(String name) {
        SinkConnector connector = connectors.get(name.toLowerCase(Locale.ROOT));
        if (connector == null) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, format("there is no sink connector '%s'",
                    name)).withHint(format("The sink connectors are: %s.", String.join(", ", connectors.keySet())));
        }
        return connector;
    }
}
