package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a validated query produces and reads, for defining views (and later materialized views).
 *
 * @param columns the output columns, named as the query names them
 * @param dependencies the ids of the catalog objects the query reads, in first-mention order
 */
public record QueryDescription(List<ColumnDescriptor> columns, List<Long> dependencies) {
    public QueryDescription {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        dependencies = List.copyOf(requireNonNull(dependencies, "dependencies is null"));
    }
}
