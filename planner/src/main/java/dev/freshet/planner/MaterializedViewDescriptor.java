package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A materialized view: a query whose result Freshet stores and keeps up to date as its inputs
 * change.
 *
 * <p>Storage: the view's rows live in the keyspace of its id. When the query's result has a
 * unique key ({@link #key()} not empty: the GROUP BY columns, or key columns carried through from
 * the inputs), each row is stored under its key. Otherwise equal rows may repeat, and each
 * distinct row is stored once under all its columns with a trailing BIGINT count of its copies
 * (the <em>counted</em> layout), except for an append-only view created since row ids came
 * ({@link #rowIds()}): it is stored like a table without primary key, each row under a hidden
 * BIGINT row id, so that storing a row needs no read. The dataflow's operators keep their state in
 * {@link #stateKeyspaces()}, one keyspace per state table in plan order.
 *
 * @param id the object id; also the keyspace of the view's rows
 * @param name the view's name
 * @param columns the columns the query produces
 * @param query the query text, planned again when the server starts
 * @param dependencies the ids of the tables and materialized views the query reads
 * @param definition the CREATE MATERIALIZED VIEW statement
 * @param key the indexes of the columns that identify a row; empty for the counted layout
 * @param appendOnly true when the view's rows are only ever inserted
 * @param stateKeyspaces the keyspaces of the operators' state tables, in plan order
 * @param plan the streaming plan as EXPLAIN prints it; the server refuses to maintain the view
 *     when planning the query again gives a different plan, since the state would not fit it
 * @param watermarkColumns the view's columns its watermark bounds, with their offsets (see
 *     {@code StreamNode#watermarkColumns}), so that views reading this one can close windows;
 *     empty for views stored before it existed
 * @param rowIds true when the view's rows are stored under hidden row ids (an append-only view
 *     without key); false for views stored before it existed
 */
public record MaterializedViewDescriptor(long id, String name, List<ColumnDescriptor> columns, String query,
        List<Long> dependencies, String definition, List<Integer> key, boolean appendOnly,
        List<Long> stateKeyspaces, String plan, Map<Integer, Long> watermarkColumns, boolean rowIds)
        implements CatalogObject {
    public MaterializedViewDescriptor {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(query, "query is null");
        dependencies = List.copyOf(requireNonNull(dependencies, "dependencies is null"));
        requireNonNull(definition, "definition is null");
        key = List.copyOf(requireNonNull(key, "key is null"));
        stateKeyspaces = List.copyOf(requireNonNull(stateKeyspaces, "stateKeyspaces is null"));
        requireNonNull(plan, "plan is null");
        watermarkColumns = watermarkColumns == null ? Map.of() : Map.copyOf(watermarkColumns);
        if (rowIds && (!key.isEmpty() || !appendOnly)) {
            throw new IllegalArgumentException("only an append-only view without key is stored under row ids");
        }
    }

    /** Whether a view of this plan shape is stored under hidden row ids: append-only and without key. */
    public static boolean storesRowIds(List<Integer> key, boolean appendOnly) {
        return key.isEmpty() && appendOnly;
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.MATERIALIZED_VIEW;
    }

    /** True when rows are stored with a count of their copies because the result has no unique key. */
    @JsonIgnore
    public boolean counted() {
        return key.isEmpty() && !rowIds;
    }

    /**
     * The view's rows as a table that batch plans read: keyed by the view's key, for the counted
     * layout by all columns (so a lookup by the first columns is still a range scan), and under
     * row ids like a table without primary key.
     */
    @JsonIgnore
    public TableDescriptor storedTable() {
        if (rowIds) {
            return new TableDescriptor(id, name, columns, List.of(), null, definition);
        }
        List<Integer> primaryKey = new ArrayList<>(key);
        if (primaryKey.isEmpty()) {
            for (int i = 0; i < columns.size(); i++) {
                primaryKey.add(i);
            }
        }
        return new TableDescriptor(id, name, columns, primaryKey, null, definition);
    }
}
