package dev.freshet.server.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * A system table's definition and how its rows follow from a snapshot.
 *
 * @param definition the table's shape
 * @param rows computes the rows each time the table is scanned
 */
record SystemTableSource(SystemTableDefinition definition, SystemTableRows rows) {
    SystemTableSource {
        requireNonNull(definition, "definition is null");
        requireNonNull(rows, "rows is null");
    }

    /** A table whose rows follow from the catalog snapshot alone (the PostgreSQL catalogs). */
    SystemTableSource(SystemTableDefinition definition, Function<PgCatalogSnapshot, List<Object[]>> rows) {
        this(definition, (snapshot, context) -> rows.apply(snapshot));
    }
}
