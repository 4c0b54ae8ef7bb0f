package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink: pushes the changes of a table, a materialized view or a query to an external system (a
 * Kafka topic), exactly once, starting with the rows the input has when the sink is created.
 *
 * @param id the object id; also the key of its outbox of changes not yet delivered
 * @param name the sink's name
 * @param inputId the table or materialized view whose changes it pushes; for {@code AS query},
 *     the id of {@link #view}
 * @param view for {@code CREATE SINK ... AS query}, the materialized view the sink maintains for
 *     its query, under its own ids and not named in the catalog; null for {@code FROM}
 * @param columns the columns of the rows it pushes
 * @param key the indexes of the columns that identify a row (an upsert sink's record key); empty
 *     when rows may repeat
 * @param appendOnly true when the input never retracts a row
 * @param connector the connector's name ({@code kafka})
 * @param options the WITH options as written, {@code connector} included
 * @param definition the CREATE SINK statement
 */
public record SinkDescriptor(long id, String name, long inputId, MaterializedViewDescriptor view,
        List<ColumnDescriptor> columns, List<Integer> key, boolean appendOnly, String connector,
        Map<String, String> options, String definition) implements CatalogObject {
    public SinkDescriptor {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        key = List.copyOf(requireNonNull(key, "key is null"));
        requireNonNull(connector, "connector is null");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(options, "options is null")));
        requireNonNull(definition, "definition is null");
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.SINK;
    }

    @Override
    public List<Long> dependencies() {
        return view == null ? List.of(inputId) : view.dependencies();
    }
}
