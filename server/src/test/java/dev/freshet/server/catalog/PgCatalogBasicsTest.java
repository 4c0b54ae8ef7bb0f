package dev.freshet.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PgCatalogBasicsTest {
    private final CatalogQueries queries = new CatalogQueries();

    @Test
    void shouldListUserRelationsInPgClass() {
        assertThat(queries.run("SELECT relname, relkind FROM pg_catalog.pg_class WHERE oid >= 16384 ORDER BY relname"))
                .containsExactly(List.of("bids", "r"), List.of("rich", "v"), List.of("users", "r"),
                        List.of("users_pkey", "i"));
    }

    @Test
    void shouldDescribeSystemTablesThemselves() {
        assertThat(queries.run("SELECT a.attname, a.atttypid, format_type(a.atttypid, a.atttypmod) "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "WHERE c.relname = 'pg_class' AND a.attnum <= 3 ORDER BY a.attnum"))
                .containsExactly(List.of("oid", 26L, "oid"), List.of("relname", 19L, "name"),
                        List.of("relnamespace", 26L, "oid"));
    }

    @Test
    void shouldLeaveUserQueriesUnchanged() {
        assertThat(queries.run("SELECT id, name FROM users WHERE city = 'Paris'")).isEmpty();
        assertThat(queries.columnNames("SELECT * FROM rich")).containsExactly("id", "name");
    }

    @Test
    void shouldResolveCatalogTablesWithoutQualification() {
        assertThat(queries.run("SELECT count(*) FROM pg_namespace")).containsExactly(List.of(4L));
    }
}
