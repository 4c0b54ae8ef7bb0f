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
}
