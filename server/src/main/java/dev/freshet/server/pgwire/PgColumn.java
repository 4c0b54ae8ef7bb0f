package dev.freshet.server.pgwire;

import static java.util.Objects.requireNonNull;

/**
 * One column of a RowDescription.
 *
 * @param name the column name as the client shows it
 * @param type the column's type
 * @param typeModifier the type modifier ({@code atttypmod}), -1 when none; varchar(n) is n + 4,
 *     numeric(p, s) is ((p << 16) | s) + 4, as in PostgreSQL
 * @param tableOid the OID of the table the column comes from, 0 when none
 * @param columnNumber the column's attribute number in that table, 0 when none
 */
public record PgColumn(String name, PgType type, int typeModifier, int tableOid, short columnNumber) {
    public PgColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public static PgColumn of(String name, PgType type) {
        return new PgColumn(name, type, -1, 0, (short) 0);
    }
}
