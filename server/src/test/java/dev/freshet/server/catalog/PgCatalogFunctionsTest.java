package dev.freshet.server.catalog;

import static dev.freshet.server.catalog.CatalogQueries.USERS_OID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

class PgCatalogFunctionsTest {
    private final Map<String, String> settings = new HashMap<>(Map.of("TimeZone", "Europe/Paris",
            "application_name", "psql"));
    private final CatalogQueries queries = new CatalogQueries(settings);

    @Test
    void versionShouldStartLikePostgreSqlsSoClientsParseIt() {
        assertThat(single("SELECT version()")).asString().startsWith("PostgreSQL 14.0 (Freshet");
    }

    @Test
    void dateTruncShouldCutTimestampsToTheStartOfTheField() {
        assertThat(queries.run("SELECT date_trunc('hour', TIMESTAMP '2024-02-29 23:59:59.123'), "
                + "date_trunc('week', TIMESTAMP '2024-02-29 12:00:00'), date_trunc('quarter', TIMESTAMP '2024-05-17 01:02:03')"))
                .containsExactly(List.of(
                        java.time.LocalDateTime.of(2024, 2, 29, 23, 0).toInstant(java.time.ZoneOffset.UTC).toEpochMilli(),
                        java.time.LocalDateTime.of(2024, 2, 26, 0, 0).toInstant(java.time.ZoneOffset.UTC).toEpochMilli(),
                        java.time.LocalDateTime.of(2024, 4, 1, 0, 0).toInstant(java.time.ZoneOffset.UTC).toEpochMilli()));
    }

    @Test
    void sessionFunctionsShouldReportDatabaseSchemaAndSearchPath() {
        assertThat(queries.run("SELECT current_database(), current_schema(), current_schema, current_catalog, "
                + "pg_catalog.current_schemas(false), current_schemas(true)"))
                .containsExactly(List.of("freshet", "public", "public", "freshet", List.of("public"),
                        List.of("pg_catalog", "public")));
    }

    @Test
    void currentSettingShouldReadTheSessionSettingsAtExecution() {
        assertThat(single("SELECT current_setting('timezone')")).isEqualTo("Europe/Paris");
        settings.put("TimeZone", "UTC");
        assertThat(single("SELECT pg_catalog.current_setting('TimeZone')")).isEqualTo("UTC");
        assertThat(single("SELECT current_setting('server_version_num')")).isEqualTo("140000");
    }

    @Test
    void currentSettingShouldRejectUnknownNamesUnlessMissingIsOk() {
        assertThat(single("SELECT current_setting('no_such_setting', true)")).isNull();
        assertThatThrownBy(() -> queries.run("SELECT current_setting('no_such_setting')"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_OBJECT));
    }

    @Test
    void pgSettingsShouldListSessionValuesOverDefaults() {
        assertThat(queries.run("SELECT name, setting FROM pg_settings WHERE name IN ('application_name', "
                + "'TimeZone', 'standard_conforming_strings') ORDER BY name"))
                .containsExactly(List.of("TimeZone", "Europe/Paris"), List.of("application_name", "psql"),
                        List.of("standard_conforming_strings", "on"));
    }

    @Test
    void regclassShouldResolveNamesOnTheSearchPath() {
        assertThat(queries.run("SELECT 'users'::regclass, 'public.users'::pg_catalog.regclass, "
                + "'\"users\"'::regclass, 'pg_class'::regclass, to_regclass('nope')"))
                .containsExactly(Arrays.asList(USERS_OID, USERS_OID, USERS_OID, 1259L, null));
    }

    @Test
    void regclassShouldRejectAnUnknownRelation() {
        assertThatThrownBy(() -> queries.run("SELECT 'nope'::regclass"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_TABLE));
    }

    @Test
    void regclassToTextShouldPrintTheRelationName() {
        assertThat(queries.run("SELECT c.oid::regclass, c.oid::regclass::text FROM pg_class c "
                + "WHERE c.oid IN (%d, 13102) ORDER BY 1".formatted(USERS_OID)))
                .containsExactlyInAnyOrder(List.of("users", "users"),
                        List.of("information_schema.tables", "information_schema.tables"));
    }

    @Test
    void formatTypeShouldPrintTypesWithTheirModifiers() {
        assertThat(queries.run("SELECT format_type(1043, 24), format_type(1043, -1), format_type(1700, 655366), "
                + "format_type(1700, -1), format_type(1184, -1), format_type(1007, -1), format_type(16, NULL)"))
                .containsExactly(List.of("character varying(20)", "character varying", "numeric(10,2)", "numeric",
                        "timestamp with time zone", "integer[]", "boolean"));
    }

    @Test
    void visibilityShouldFollowTheSearchPath() {
        assertThat(queries.run(("SELECT pg_table_is_visible(%d), pg_table_is_visible(1259), "
                + "pg_table_is_visible(13102), pg_type_is_visible(23)").formatted(USERS_OID)))
                .containsExactly(List.of(true, true, false, true));
    }

    @Test
    void privilegeFunctionsShouldGrantEverythingToTheOnlyRole() {
        assertThat(queries.run("SELECT has_table_privilege('users', 'SELECT'), has_table_privilege(c.oid, "
                + "'SELECT, INSERT'), has_schema_privilege('public', 'USAGE'), "
                + "has_database_privilege('freshet', 'freshet', 'CONNECT') FROM pg_class c WHERE c.relname = 'users'"))
                .containsExactly(List.of(true, true, true, true));
    }

    @Test
    void descriptionFunctionsShouldFindNoComments() {
        assertThat(queries.run(("SELECT obj_description(%d, 'pg_class'), col_description(%d, 1), "
                + "shobj_description(16383, 'pg_database')").formatted(USERS_OID, USERS_OID)))
                .containsExactly(Arrays.asList(null, null, null));
    }

    @Test
    void miscellaneousFunctionsShouldAnswerAsPostgreSqlDoes() {
        assertThat(queries.run(("SELECT quote_ident('users'), quote_ident('Users'), quote_ident('select'), "
                + "pg_encoding_to_char(6), pg_is_in_recovery(), pg_get_userbyid(10), "
                + "pg_size_pretty(pg_table_size(%d))").formatted(USERS_OID)))
                .containsExactly(List.of("users", "\"Users\"", "\"select\"", "UTF8", false, "freshet", "0 bytes"));
        assertThat(single("SELECT pg_backend_pid() > 0")).isEqualTo(true);
        assertThat(single("SELECT pg_postmaster_start_time() <= CURRENT_TIMESTAMP")).isEqualTo(true);
    }

    @Test
    void viewDefinitionsShouldBeTheStoredQuery() {
        assertThat(queries.run("SELECT pg_get_viewdef('rich'::regclass), definition FROM pg_views "
                + "WHERE viewname = 'rich'"))
                .containsExactly(List.of("SELECT id, name FROM users WHERE score > 10",
                        "SELECT id, name FROM users WHERE score > 10"));
    }

    @Test
    void pgTypeShouldListBaseAndArrayTypesWithPostgreSqlsOids() {
        assertThat(queries.run("SELECT t.oid, t.typname, t.typlen, t.typcategory, t.typarray, e.typname "
                + "FROM pg_type t LEFT JOIN pg_type e ON e.oid = t.typelem "
                + "WHERE t.typname IN ('int4', '_int4', 'varchar', 'timestamptz') ORDER BY t.oid"))
                .containsExactly(
                        Arrays.asList(23L, "int4", (short) 4, "N", 1007L, null),
                        Arrays.asList(1007L, "_int4", (short) -1, "A", 0L, "int4"),
                        Arrays.asList(1043L, "varchar", (short) -1, "S", 1015L, null),
                        Arrays.asList(1184L, "timestamptz", (short) 8, "D", 1185L, null));
    }

    private Object single(String sql) {
        List<List<Object>> rows = queries.run(sql);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).hasSize(1);
        return rows.get(0).get(0);
    }

    @Test
    void formatShouldQuoteIdentifiersAndLiteralsAsPostgreSqlDoes() {
        assertThat(queries.run("SELECT format('%I.%I', 'public', 'My Table'), format('%s=%L', 'a', 'it''s'),"
                + " format('%2$s %1$s', 'x', 'y'), format('100%%')"))
                .containsExactly(List.of("public.\"My Table\"", "a='it''s'", "y x", "100%"));
    }

    @Test
    void parseIdentShouldSplitAQualifiedNameFoldingUnquotedParts() {
        assertThat(queries.run("SELECT parse_ident('Public.\"Mixed Case\"')[2], array_length(parse_ident('a.b'), 1),"
                + " string_to_array('a,b,c', ',')[3], array_lower(string_to_array('a', ','), 1)"))
                .containsExactly(List.of("Mixed Case", 2, "c", 1));
    }

    @Test
    void subscriptsOfCatalogVectorsShouldCountAsPostgreSqlCounts() {
        assertThat(queries.run("SELECT i.indkey[0], i.indkey[1], c.conkey[1] FROM pg_index i, pg_constraint c"))
                .containsExactly(java.util.Arrays.asList(1, null, 1));
    }

    @Test
    void pgOptionsToTableShouldListNameValuePairs() {
        assertThat(queries.run("SELECT option_name, option_value FROM"
                + " pg_catalog.pg_options_to_table('{a=1,\"b=x y\"}')"))
                .containsExactly(List.of("a", "1"), List.of("b", "x y"));
    }

    @Test
    void anySearchOfACatalogVectorShouldFindItsElements() {
        assertThat(queries.run("SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid"
                + " WHERE a.attnum = ANY(c.conkey)")).containsExactly(List.of("id"));
    }
}
