package dev.freshet.planner;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;

import dev.freshet.planner.internal.ExecutionContext;

/**
 * How a plan reads a stored table: the planner's view of storage, implemented by the server over
 * one consistent read (a RocksDB snapshot, or a transaction that sees its own writes).
 */
public interface TableReader {
    /**
     * The table's rows within the key range, in primary-key order (row-id order for a table
     * without primary key). Each row holds the table's columns in Calcite's internal
     * representation and, for a table without primary key, its hidden row id as a last
     * {@link Long}. Returns an empty enumerable when no row is in the range.
     */
    Enumerable<Object[]> scan(TableDescriptor table, KeyRange range);

    /**
     * The reader of the statement a plan runs in, for tables registered by a
     * {@link SchemaExtension} that compute their rows from storage when scanned. Call it from a
     * table's scan, with the context Calcite hands it.
     *
     * @throws IllegalStateException when the context is not one of a {@link BatchQuery} run (a
     *     query, or the rows an INSERT, UPDATE or DELETE changes)
     */
    static TableReader of(DataContext context) {
        return ExecutionContext.reader(context);
    }
}
