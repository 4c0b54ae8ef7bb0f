package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A table: rows stored in Freshet under their primary key, or under a hidden row id when the
 * table has no primary key.
 *
 * @param id the object id; also the storage keyspace of the table's rows
 * @param name the table name
 * @param columns the columns users see, in order
 * @param primaryKey the indexes of the primary-key columns in key order; empty when the table
 *     has none, and then rows are keyed by a hidden BIGINT row id
 * @param watermark the watermark declaration, or null when the table has none
 * @param definition the CREATE TABLE statement
 */
public record TableDescriptor(long id, String name, List<ColumnDescriptor> columns, List<Integer> primaryKey,
        WatermarkDescriptor watermark, String definition) implements CatalogObject {
    public TableDescriptor {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
        requireNonNull(definition, "definition is null");
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.TABLE;
    }

    @Override
    public List<Long> dependencies() {
        return List.of();
    }

    /** True when rows are keyed by a hidden row id because no primary key was declared. */
    @JsonIgnore
    public boolean hasHiddenRowId() {
        return primaryKey.isEmpty();
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
