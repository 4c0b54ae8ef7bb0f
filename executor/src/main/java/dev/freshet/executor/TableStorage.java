package dev.freshet.executor;

import java.util.ArrayList;
import java.util.List;

import dev.freshet.executor.internal.OperatorState;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;
import dev.freshet.planner.MaterializedViewDescriptor;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.storage.RowSchema;
import dev.freshet.storage.StateTableDescriptor;
import dev.freshet.storage.ValueType;

/**
 * How tables and materialized views lay out their rows in storage; the one place both the write
 * path of tables (server) and the dataflow (which reads tables to backfill views and writes views'
 * rows) take it from.
 *
 * <p>A table: one state table in the keyspace of its id; the value is the whole row, the key its
 * primary-key columns, or for a table without primary key a hidden BIGINT row id appended as last
 * column. A materialized view: one state table in the keyspace of its id; keyed by the view's key,
 * or (counted layout) by all columns with a trailing BIGINT count of copies, or (an append-only view
 * without key, since row ids came) like a table without primary key, under hidden row ids. Values keep Calcite's
 * internal representation except BYTEA, stored as {@code byte[]}.
 */
public final class TableStorage {
    private TableStorage() {
    }

    /** The state table holding a table's rows. */
    public static StateTableDescriptor tableLayout(TableDescriptor table) {
        List<ValueType> types = valueTypes(table.columns());
        int[] key;
        if (table.hasHiddenRowId()) {
            types.add(ValueType.INT64);
            key = new int[] {table.columns().size()};
        } else {
            key = table.primaryKey().stream().mapToInt(Integer::intValue).toArray();
        }
        return StateTableDescriptor.ascending(table.id(), new RowSchema(types), key);
    }

    /** The state table holding a materialized view's rows. */
    public static StateTableDescriptor viewLayout(MaterializedViewDescriptor view) {
        if (view.rowIds()) {
            return tableLayout(view.storedTable());
        }
        List<ValueType> types = valueTypes(view.columns());
        int[] key;
        if (view.counted()) {
            key = new int[view.columns().size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = i;
            }
            types.add(ValueType.INT64);
        } else {
            key = view.key().stream().mapToInt(Integer::intValue).toArray();
        }
        return StateTableDescriptor.ascending(view.id(), new RowSchema(types), key);
    }

    /** The physical type storage keeps a SQL type in. */
    public static ValueType valueType(DataType type) {
        return OperatorState.valueType(type);
    }

    private static List<ValueType> valueTypes(List<ColumnDescriptor> columns) {
        List<ValueType> types = new ArrayList<>();
        for (ColumnDescriptor column : columns) {
            types.add(valueType(column.type()));
        }
        return types;
    }
}
