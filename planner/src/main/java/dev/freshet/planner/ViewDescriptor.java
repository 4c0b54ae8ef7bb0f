package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A view: a named query, expanded wherever it is read, storing nothing.
 *
 * @param id the object id
 * @param name the view name
 * @param columns the columns the query produces, named by the column list when one was given
 * @param query the query text, expanded on every read
 * @param dependencies the ids of the objects the query reads
 * @param definition the CREATE VIEW statement
 */
public record ViewDescriptor(long id, String name, List<ColumnDescriptor> columns, String query,
        List<Long> dependencies, String definition) implements CatalogObject {
    public ViewDescriptor {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(query, "query is null");
        dependencies = List.copyOf(requireNonNull(dependencies, "dependencies is null"));
        requireNonNull(definition, "definition is null");
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.VIEW;
    }
}
