package dev.freshet.server.catalog;

import java.util.List;

import org.apache.calcite.DataContext;

/** How a system table's rows follow from the statement's catalog snapshot and its run. */
@FunctionalInterface
interface SystemTableRows {
    /**
     * The rows, in Calcite's internal representation, computed each time the table is scanned.
     *
     * @param snapshot the catalog snapshot the statement was planned with
     * @param context the run's context: its parameters and its storage read ({@link StorageTableReader})
     */
    List<Object[]> compute(PgCatalogSnapshot snapshot, DataContext context);
}
