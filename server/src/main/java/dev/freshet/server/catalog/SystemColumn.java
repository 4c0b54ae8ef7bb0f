package dev.freshet.server.catalog;

import static java.util.Objects.requireNonNull;

/**
 * One column of a system table, with the PostgreSQL type {@code pg_attribute} reports for it.
 *
 * @param name the column name, as PostgreSQL spells it
 * @param type the column's PostgreSQL type; its Calcite type is what plans see
 */
public record SystemColumn(String name, PgType type) {
    public SystemColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
