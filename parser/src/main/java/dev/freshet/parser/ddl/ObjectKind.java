package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

/** The kinds of named objects that DROP, SHOW and SHOW CREATE address. */
public enum ObjectKind {
    TABLE("TABLE", "TABLES"),
    SOURCE("SOURCE", "SOURCES"),
    MATERIALIZED_VIEW("MATERIALIZED VIEW", "MATERIALIZED VIEWS"),
    VIEW("VIEW", "VIEWS"),
    SINK("SINK", "SINKS");

    private final String sql;
    private final String pluralSql;

    ObjectKind(String sql, String pluralSql) {
        this.sql = requireNonNull(sql, "sql is null");
        this.pluralSql = requireNonNull(pluralSql, "pluralSql is null");
    }

    /** The keywords naming one object of this kind, e.g. {@code MATERIALIZED VIEW}. */
    public String sql() {
        return sql;
    }

    /** The keywords naming all objects of this kind, as in {@code SHOW MATERIALIZED VIEWS}. */
    public String pluralSql() {
        return pluralSql;
    }
}
