package dev.freshet.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class InformationSchemaTest {
    private final CatalogQueries queries = new CatalogQueries();

    @Test
    void schemataShouldListEverySchema() {
        assertThat(queries.run("SELECT catalog_name, schema_name FROM information_schema.schemata ORDER BY 2"))
                .containsExactly(List.of("freshet", "freshet_catalog"), List.of("freshet", "information_schema"),
                        List.of("freshet", "pg_catalog"), List.of("freshet", "public"));
    }

    @Test
    void tablesShouldNameBaseTablesAndViews() {
        assertThat(queries.run("SELECT table_catalog, table_schema, table_name, table_type, is_insertable_into "
                + "FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"))
                .containsExactly(
                        List.of("freshet", "public", "bids", "BASE TABLE", "YES"),
                        List.of("freshet", "public", "rich", "VIEW", "NO"),
                        List.of("freshet", "public", "users", "BASE TABLE", "YES"));
    }

    @Test
    void columnsShouldDescribeTypesInTheStandardsSpelling() {
        assertThat(queries.run("SELECT column_name, ordinal_position, column_default, is_nullable, data_type, "
                + "character_maximum_length, numeric_precision, numeric_scale, datetime_precision, udt_name "
                + "FROM information_schema.columns WHERE table_name = 'users' ORDER BY ordinal_position"))
                .containsExactly(
                        Arrays.asList("id", 1, null, "NO", "integer", null, 32, 0, null, "int4"),
                        Arrays.asList("name", 2, null, "NO", "character varying", 20, null, null, null, "varchar"),
                        Arrays.asList("city", 3, "'Paris'", "YES", "text", null, null, null, null, "text"),
                        Arrays.asList("score", 4, null, "YES", "numeric", null, 10, 2, null, "numeric"),
                        Arrays.asList("created", 5, null, "YES", "timestamp without time zone", null, null, null, 3,
                                "timestamp"));
    }

    @Test
    void viewsShouldShowTheViewQuery() {
        assertThat(queries.run("SELECT table_name, view_definition FROM information_schema.views"))
                .containsExactly(List.of("rich", "SELECT id, name FROM users WHERE score > 10"));
    }

    @Test
    void constraintsShouldDescribePrimaryKeys() {
        assertThat(queries.run("SELECT tc.constraint_name, tc.table_name, tc.constraint_type, kcu.column_name, "
                + "kcu.ordinal_position FROM information_schema.table_constraints tc "
                + "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name "
                + "AND kcu.table_name = tc.table_name"))
                .containsExactly(List.of("users_pkey", "users", "PRIMARY KEY", "id", 1));
    }
}
