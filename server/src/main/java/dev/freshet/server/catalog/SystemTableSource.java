package dev.freshet.server.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * A system table's definition and how its rows follow from a snapshot.
 *
 * @param definition the table's shape
 * @param rows computes the rows, in Calcite's internal representation, each time the table is scanned
 */
record SystemTableSource(SystemTableDefinition definition, Function<PgCatalogSnapshot, List<Object[]>> rows) {
    SystemTableSource {
        requireNonNull(definition, "definition is null");
        requireNonNull(rows, "rows is null");
    }
}
