package dev.freshet.server.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of one system table or view: where it lives, its fixed OID and its columns. Rows
 * are computed per statement by {@link PgCatalogTables} and {@link InformationSchemaTables}.
 *
 * @param schema the schema name: {@code pg_catalog} or {@code information_schema}
 * @param name the table name
 * @param oid the relation's OID, fixed for the life of the product
 * @param relationKind {@code r} for tables, {@code v} for views, as in {@code pg_class.relkind}
 * @param columns the columns, in order
 */
public record SystemTableDefinition(String schema, String name, long oid, String relationKind,
        List<SystemColumn> columns) {
    public SystemTableDefinition {
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        requireNonNull(relationKind, "relationKind is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    /** Starts a definition; columns follow as name, type pairs. */
    static Builder builder(String schema, String name, long oid, String relationKind) {
        return new Builder(schema, name, oid, relationKind);
    }

    /** The index of a column by name. */
    int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("system table " + schema + "." + name + " has no column " + columnName);
    }

    /** Accumulates the columns of a definition. */
    static final class Builder {
        private final String schema;
        private final String name;
        private final long oid;
        private final String relationKind;
        private final List<SystemColumn> columns = new ArrayList<>();

        private Builder(String schema, String name, long oid, String relationKind) {
            this.schema = schema;
            this.name = name;
            this.oid = oid;
            this.relationKind = relationKind;
        }

        Builder column(String columnName, PgType type) {
            columns.add(new SystemColumn(columnName, type));
            return this;
        }

        SystemTableDefinition build() {
            return new SystemTableDefinition(schema, name, oid, relationKind, columns);
        }
    }
}
