package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source: an unbounded input from outside Freshet (a Kafka topic, a built-in generator) that
 * materialized views and sinks read. Freshet does not store a source's rows; each view reading
 * it keeps its own position in it, committed with the view's epochs.
 *
 * @param id the object id
 * @param name the source's name
 * @param columns the columns its rows have: declared by the user, or defined by the connector
 *     (the {@code nexmark} tables)
 * @param connector the connector's name, {@code kafka}, {@code nexmark} or {@code datagen}
 * @param options the WITH options as written, in order, {@code connector} included
 * @param watermark the watermark declaration (declared, or the connector's default), or null
 * @param definition the CREATE SOURCE statement
 */
public record SourceDescriptor(long id, String name, List<ColumnDescriptor> columns, String connector,
        Map<String, String> options, WatermarkDescriptor watermark, String definition) implements CatalogObject {
    public SourceDescriptor {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(connector, "connector is null");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(options, "options is null")));
        requireNonNull(definition, "definition is null");
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.SOURCE;
    }

    @Override
    public List<Long> dependencies() {
        return List.of();
    }

    /** The index of a column by name, or -1. */
    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }
}
