package dev.freshet.tests.clients;

import static dev.freshet.tests.clients.FreshetClients.query;
import static dev.freshet.tests.clients.FreshetClients.simpleQuery;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays of the introspection queries DBeaver, Metabase and Grafana's PostgreSQL data source send
 * when they connect and browse, against a real server holding every kind of object
 * ({@link FreshetClients#SETUP}). Each query is test data copied from the tool's source, as the
 * tool would send it to a PostgreSQL 14 server (the version Freshet reports); the comment above
 * it names the project, file and commit it comes from. Queries a tool prepares are sent prepared
 * with the same parameters, the others through the simple query protocol.
 */
class ToolQueriesIT {
    private static FreshetClients clients;
    private static Connection connection;
    private static Connection simple;

    private static final long PUBLIC_OID = 2200;

    @BeforeAll
    static void startServer() throws Exception {
        clients = FreshetClients.start();
        connection = clients.connect();
        simple = clients.connectSimple();
    }

    @AfterAll
    static void stopServer() throws SQLException {
        if (clients != null) {
            clients.close();
        }
    }

    private static long oid(String relation) throws SQLException {
        return Long.parseLong(query(connection, "SELECT oid FROM pg_catalog.pg_class WHERE relname = ?", relation)
                .get(0).get("oid"));
    }

    // ---------------------------------------------------------------------------------------------
    // DBeaver: plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/,
    // github.com/dbeaver/dbeaver at commit 2428359b748778a5a345432906ab3da69289c20c (2024-10-24).
    // The navigator's queries, in the order DBeaver runs them when a connection is opened and
    // public's tables are expanded. DBeaver prepares all of them.
    // ---------------------------------------------------------------------------------------------

    /** PostgreExecutionContext.refreshDefaults: the current schema and user, then the search path. */
    @Test
    void dbeaverReadsTheSessionDefaults() throws SQLException {
        assertThat(query(connection, "SELECT current_schema(),session_user")).singleElement()
                .satisfies(row -> assertThat(row.values()).containsExactly("public", "freshet"));
        assertThat(query(connection, "SHOW search_path")).singleElement()
                .satisfies(row -> assertThat(row.values()).containsExactly("\"$user\", public"));
    }

    /** PostgreDataSource.prepareReadDatabaseListStatement, templates and unavailable databases hidden. */
    @Test
    void dbeaverListsTheDatabase() throws SQLException {
        List<Map<String, String>> databases = query(connection, "SELECT db.oid,db.* FROM pg_catalog.pg_database db"
                + " WHERE 1 = 1 AND datallowconn AND NOT datistemplate OR db.datname =?\nORDER BY db.datname",
                "freshet");
        assertThat(databases).extracting(row -> row.get("datname")).containsExactly("freshet");
    }

    /** PostgreDatabase.SchemaCache.prepareLookupStatement, with no schema filter. */
    @Test
    void dbeaverListsTheSchemas() throws SQLException {
        List<Map<String, String>> schemas = query(connection, "SELECT n.oid,n.*,d.description FROM "
                + "pg_catalog.pg_namespace n\nLEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND "
                + "d.objsubid=0 AND d.classoid='pg_namespace'::regclass\n ORDER BY nspname");
        assertThat(schemas).extracting(row -> row.get("nspname"))
                .containsExactly("freshet_catalog", "information_schema", "pg_catalog", "public");
    }

    /**
     * PostgreSchema.TableCache.prepareLookupStatement (server 10 or later): every relation of a
     * schema but indexes and types; DBeaver builds a table, view, materialized view or foreign
     * table from relkind.
     */
    @Test
    void dbeaverListsTheRelationsOfASchemaWithTheirKinds() throws SQLException {
        List<Map<String, String>> relations = query(connection, "SELECT c.oid,c.*,d.description,"
                + "pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_expr,  "
                + "pg_catalog.pg_get_partkeydef(c.oid) as partition_key \nFROM pg_catalog.pg_class c\n"
                + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND "
                + "d.classoid='pg_class'::regclass\nWHERE c.relnamespace=? AND c.relkind not in ('i','I','c')",
                PUBLIC_OID);
        assertThat(relations).extracting(row -> row.get("relname") + ":" + row.get("relkind"))
                .containsExactlyInAnyOrder("users:r", "clicks:r", "emea_users:v", "clicks_per_user:m", "bid:f");
        assertThat(relations).allSatisfy(row -> assertThat(row.get("partition_key")).isNull());
    }

    /** PostgreSchema.TableCache.prepareChildrenStatement for one relation (sequences supported). */
    @Test
    void dbeaverReadsTheColumnsOfEachKindOfRelation() throws SQLException {
        String sql = "SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,"
                + "dsc.description,dep.objid\nFROM pg_catalog.pg_attribute a\n"
                + "INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)\n"
                + "LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)\n"
                + "LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)\n"
                + "LEFT OUTER JOIN pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i' and "
                + "dep.refobjsubid = a.attnum and dep.classid = dep.refclassid\n"
                + "WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=?\nORDER BY a.attnum";
        assertThat(query(connection, sql, oid("users"))).extracting(row -> row.get("attname") + " "
                + row.get("atttypid") + " " + row.get("atttypmod") + " " + row.get("attnotnull"))
                .containsExactly("region 25 -1 t", "id 23 -1 t", "name 1043 44 t", "score 1700 655366 f");
        assertThat(query(connection, sql, oid("clicks_per_user"))).extracting(row -> row.get("attname"))
                .containsExactly("user_id", "clicks");
        assertThat(query(connection, sql, oid("emea_users"))).extracting(row -> row.get("attname"))
                .containsExactly("id", "name");
        assertThat(query(connection, sql, oid("bid"))).extracting(row -> row.get("attname"))
                .startsWith("auction", "bidder", "price");
    }

    /** PostgreSchema.ConstraintCache.prepareObjectsStatement for one table. */
    @Test
    void dbeaverReadsThePrimaryKeyConstraint() throws SQLException {
        String sql = "SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as refnamespace,d.description, "
                + "case when c.contype='c' then \"substring\"(pg_get_constraintdef(c.oid), 7) else null end "
                + "consrc_copy\nFROM pg_catalog.pg_constraint c\n"
                + "INNER JOIN pg_catalog.pg_class t ON t.oid=c.conrelid\n"
                + "LEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.confrelid\n"
                + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND "
                + "d.classoid='pg_constraint'::regclass\nWHERE c.conrelid=?\nORDER BY c.oid";
        assertThat(query(connection, sql, oid("users"))).singleElement().satisfies(row -> {
            assertThat(row.get("conname")).isEqualTo("users_pkey");
            assertThat(row.get("contype")).isEqualTo("p");
            assertThat(row.get("tabrelname")).isEqualTo("users");
            assertThat(row.get("conkey")).isEqualTo("{1,2}");
        });
        assertThat(query(connection, sql, oid("clicks"))).isEmpty();
    }

    /** PostgreSchema.IndexCache.prepareObjectsStatement for one table (expression indexes, sizes). */
    @Test
    void dbeaverReadsThePrimaryKeyIndex() throws SQLException {
        String sql = "SELECT i.*,i.indkey as keys,c.relname,c.relnamespace,c.relam,c.reltablespace,"
                + "tc.relname as tabrelname,dsc.description,pg_catalog.pg_get_expr(i.indpred, i.indrelid) as "
                + "pred_expr,pg_catalog.pg_get_expr(i.indexprs, i.indrelid, true) as expr,"
                + "pg_catalog.pg_relation_size(i.indexrelid) as index_rel_size,"
                + "pg_catalog.pg_stat_get_numscans(i.indexrelid) as index_num_scans\n"
                + "FROM pg_catalog.pg_index i\nINNER JOIN pg_catalog.pg_class c ON c.oid=i.indexrelid\n"
                + "INNER JOIN pg_catalog.pg_class tc ON tc.oid=i.indrelid\n"
                + "LEFT OUTER JOIN pg_catalog.pg_description dsc ON i.indexrelid=dsc.objoid\n"
                + "WHERE  i.indrelid=? ORDER BY c.relname";
        assertThat(query(connection, sql, oid("users"))).singleElement().satisfies(row -> {
            assertThat(row.get("relname")).isEqualTo("users_pkey");
            assertThat(row.get("keys")).isEqualTo("1 2");
            assertThat(row.get("indisprimary")).isEqualTo("t");
        });
    }

    /** PostgreViewBase.readObjectDefinition, for a view and a materialized view. */
    @Test
    void dbeaverReadsTheDefinitionsOfViewsAndMaterializedViews() throws SQLException {
        assertThat(simpleQuery(simple, "SELECT pg_get_viewdef(" + oid("emea_users") + ", true)"))
                .singleElement().satisfies(row -> assertThat(row.values().iterator().next())
                        .containsIgnoringCase("where").contains("'emea'"));
        assertThat(simpleQuery(simple, "SELECT pg_get_viewdef(" + oid("clicks_per_user") + ", true)"))
                .singleElement().satisfies(row -> assertThat(row.values().iterator().next())
                        .containsIgnoringCase("group by"));
    }

    /**
     * PostgreTableForeign's foreign info for one source, then PostgreDatabase's ForeignServerCache
     * and ForeignDataWrapperCache, through which DBeaver names the server.
     */
    @Test
    void dbeaverReadsTheServerAndOptionsOfASource() throws SQLException {
        Map<String, String> foreign = query(connection, "SELECT * FROM pg_catalog.pg_foreign_table WHERE ftrelid=?",
                oid("bid")).get(0);
        assertThat(foreign.get("ftoptions")).isEqualTo("{nexmark.table=bid,nexmark.events=1000,nexmark.rate=0}");
        List<Map<String, String>> servers = query(connection,
                "SELECT l.oid,l.* FROM pg_catalog.pg_foreign_server l\nORDER BY l.srvname");
        assertThat(servers).extracting(server -> server.get("srvname")).containsExactly("datagen", "kafka", "nexmark");
        assertThat(servers).filteredOn(server -> server.get("oid").equals(foreign.get("ftserver")))
                .extracting(server -> server.get("srvname")).containsExactly("nexmark");
        assertThat(query(connection, "SELECT l.oid,l.*,p.pronamespace as handler_schema_id \n"
                + "FROM pg_catalog.pg_foreign_data_wrapper l\nLEFT OUTER JOIN pg_catalog.pg_proc p ON "
                + "p.oid=l.fdwhandler \nORDER BY l.fdwname")).extracting(wrapper -> wrapper.get("fdwname"))
                .containsExactly("freshet");
    }

    /** PostgreTableReal.readTableStatistics. */
    @Test
    void dbeaverReadsRelationSizes() throws SQLException {
        long users = oid("users");
        assertThat(query(connection, "select pg_catalog.pg_total_relation_size(?) as total_rel_size,"
                + "pg_catalog.pg_relation_size(?) as rel_size", users, users)).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------
    // Metabase: src/metabase/driver/postgres.clj, github.com/metabase/metabase at commit
    // 008fd6675457cdd62da2265628bed3b725a607ea. Metabase builds most of them with HoneySQL 2
    // ({@code :dialect :ansi}, which quotes identifiers and sends strings and numbers as
    // parameters); the texts below are those renderings, written out by hand. A sync runs, in
    // order: db-default-timezone, describe-database (privileges, then tables), enum types,
    // describe-fields.
    // ---------------------------------------------------------------------------------------------

    /** driver/db-default-timezone. */
    @Test
    void metabaseReadsTheTimeZone() throws SQLException {
        assertThat(query(connection, "show timezone;")).singleElement()
                .satisfies(row -> assertThat(row.values()).containsExactly("UTC"));
    }

    /** sql-jdbc.sync/current-user-table-privileges: the literal text. */
    @Test
    void metabaseReadsTablePrivilegesOfTablesViewsAndMaterializedViews() throws SQLException {
        String sql = String.join("\n", List.of(
                "with table_privileges as (",
                " select",
                "   NULL as role,",
                "   t.schemaname as schema,",
                "   t.objectname as table,",
                "   pg_catalog.has_any_column_privilege(current_user, '\"' || replace(t.schemaname, '\"', '\"\"')"
                        + " || '\"' || '.' || '\"' || replace(t.objectname, '\"', '\"\"') || '\"',  'update') as update,",
                "   pg_catalog.has_any_column_privilege(current_user, '\"' || replace(t.schemaname, '\"', '\"\"')"
                        + " || '\"' || '.' || '\"' || replace(t.objectname, '\"', '\"\"') || '\"',  'select') as select,",
                "   pg_catalog.has_any_column_privilege(current_user, '\"' || replace(t.schemaname, '\"', '\"\"')"
                        + " || '\"' || '.' || '\"' || replace(t.objectname, '\"', '\"\"') || '\"',  'insert') as insert,",
                "   pg_catalog.has_table_privilege(     current_user, '\"' || replace(t.schemaname, '\"', '\"\"')"
                        + " || '\"' || '.' || '\"' || replace(t.objectname, '\"', '\"\"') || '\"',  'delete') as delete",
                " from (",
                "   select schemaname, tablename as objectname from pg_catalog.pg_tables",
                "   union",
                "   select schemaname, viewname as objectname from pg_catalog.pg_views",
                "   union",
                "   select schemaname, matviewname as objectname from pg_catalog.pg_matviews",
                " ) t",
                " where t.schemaname !~ '^pg_'",
                "   and t.schemaname <> 'information_schema'",
                "   and pg_catalog.has_schema_privilege(current_user, t.schemaname, 'usage')",
                ")",
                "select t.*",
                "from table_privileges t"));
        List<Map<String, String>> privileges = query(connection, sql);
        assertThat(privileges).filteredOn(row -> row.get("schema").equals("public"))
                .extracting(row -> row.get("table") + " " + row.get("select"))
                .containsExactlyInAnyOrder("users t", "clicks t", "emea_users t", "clicks_per_user t");
        assertThat(privileges).extracting(row -> row.get("schema")).contains("freshet_catalog")
                .doesNotContain("pg_catalog", "information_schema");
    }

    /** get-tables-sql, as describe-database sends it for the schema public. */
    @Test
    void metabaseListsTablesViewsMaterializedViewsAndSources() throws SQLException {
        String sql = "SELECT \"n\".\"nspname\" AS \"schema\", \"c\".\"relname\" AS \"name\", CASE \"c\".\"relkind\""
                + " WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW'"
                + " WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE NULL END AS \"type\","
                + " \"d\".\"description\" AS \"description\", \"stat\".\"n_live_tup\" AS \"estimated_row_count\""
                + " FROM \"pg_catalog\".\"pg_class\" AS \"c\""
                + " INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"n\" ON \"c\".\"relnamespace\" = \"n\".\"oid\""
                + " LEFT JOIN \"pg_catalog\".\"pg_description\" AS \"d\" ON (\"c\".\"oid\" = \"d\".\"objoid\")"
                + " AND (\"d\".\"objsubid\" = ?) AND (\"d\".\"classoid\" = 'pg_class'::regclass)"
                + " LEFT JOIN \"pg_stat_user_tables\" AS \"stat\" ON (\"n\".\"nspname\" = \"stat\".\"schemaname\")"
                + " AND (\"c\".\"relname\" = \"stat\".\"relname\")"
                + " WHERE (\"c\".\"relnamespace\" = \"n\".\"oid\") AND (\"n\".\"nspname\" !~ ?)"
                + " AND (\"n\".\"nspname\" <> ?) AND c.relkind in ('r', 'p', 'v', 'f', 'm')"
                + " AND (\"n\".\"nspname\" IN (?))"
                + " ORDER BY \"type\" ASC, \"schema\" ASC, \"name\" ASC";
        assertThat(query(connection, sql, 0, "^pg_", "information_schema", "public"))
                .extracting(row -> row.get("type") + " " + row.get("name") + " " + row.get("estimated_row_count"))
                .containsExactly(
                        "FOREIGN TABLE bid null",
                        "MATERIALIZED VIEW clicks_per_user null",
                        "TABLE clicks null",
                        "TABLE users null",
                        "VIEW emea_users null");
    }

    /** enum-types: the literal text. Freshet has no enum types. */
    @Test
    void metabaseFindsNoEnumTypes() throws SQLException {
        assertThat(query(connection, "SELECT nspname, typname FROM pg_type t JOIN pg_namespace n ON n.oid = "
                + "t.typnamespace WHERE t.oid IN (SELECT DISTINCT enumtypid FROM pg_enum e)")).isEmpty();
    }

    /**
     * describe-fields-sql for the schema public: information_schema.columns with primary keys,
     * then (UNION ALL) materialized views' columns from pg_attribute, because PostgreSQL leaves
     * them out of information_schema. Freshet lists them in information_schema too, so a
     * materialized view's columns come back twice, identical.
     */
    @Test
    void metabaseDescribesTheFieldsOfEveryRelation() throws SQLException {
        String sql = "SELECT \"c\".\"column_name\" AS \"name\", CASE WHEN \"c\".\"udt_schema\" IN ('public',"
                + " 'pg_catalog') THEN FORMAT('%s', \"c\".\"udt_name\") ELSE FORMAT('\"%s\".\"%s\"',"
                + " \"c\".\"udt_schema\", \"c\".\"udt_name\") END AS \"database-type\","
                + " \"c\".\"ordinal_position\" - 1 AS \"database-position\","
                + " \"c\".\"table_schema\" AS \"table-schema\", \"c\".\"table_name\" AS \"table-name\","
                + " \"pk\".\"column_name\" IS NOT NULL AS \"pk?\","
                + " COL_DESCRIPTION(CAST(CAST(FORMAT('%I.%I', CAST(\"c\".\"table_schema\" AS TEXT),"
                + " CAST(\"c\".\"table_name\" AS TEXT)) AS REGCLASS) AS OID), \"c\".\"ordinal_position\")"
                + " AS \"field-comment\","
                + " ((\"column_default\" IS NULL) OR (LOWER(\"column_default\") = 'null'))"
                + " AND (\"is_nullable\" = 'NO') AND NOT (((\"column_default\" IS NOT NULL)"
                + " AND (\"column_default\" LIKE '%nextval(%')) OR (\"is_identity\" <> 'NO'))"
                + " AS \"database-required\","
                + " ((\"column_default\" IS NOT NULL) AND (\"column_default\" LIKE '%nextval(%'))"
                + " OR (\"is_identity\" <> 'NO') AS \"database-is-auto-increment\""
                + " FROM \"information_schema\".\"columns\" AS \"c\""
                + " LEFT JOIN (SELECT \"tc\".\"table_schema\", \"tc\".\"table_name\", \"kc\".\"column_name\""
                + " FROM \"information_schema\".\"table_constraints\" AS \"tc\""
                + " INNER JOIN \"information_schema\".\"key_column_usage\" AS \"kc\""
                + " ON (\"tc\".\"constraint_name\" = \"kc\".\"constraint_name\")"
                + " AND (\"tc\".\"table_schema\" = \"kc\".\"table_schema\")"
                + " AND (\"tc\".\"table_name\" = \"kc\".\"table_name\")"
                + " WHERE \"tc\".\"constraint_type\" = 'PRIMARY KEY') AS \"pk\""
                + " ON (\"c\".\"table_schema\" = \"pk\".\"table_schema\")"
                + " AND (\"c\".\"table_name\" = \"pk\".\"table_name\")"
                + " AND (\"c\".\"column_name\" = \"pk\".\"column_name\")"
                + " WHERE c.table_schema !~ '^information_schema|catalog_history|pg_'"
                + " AND (\"c\".\"table_schema\" IN (?))"
                + " UNION ALL"
                + " SELECT \"pa\".\"attname\" AS \"name\", CASE WHEN \"ptn\".\"nspname\" IN ('public', 'pg_catalog')"
                + " THEN FORMAT('%s', \"pt\".\"typname\") ELSE FORMAT('\"%s\".\"%s\"', \"ptn\".\"nspname\","
                + " \"pt\".\"typname\") END AS \"database-type\", \"pa\".\"attnum\" - 1 AS \"database-position\","
                + " \"pn\".\"nspname\" AS \"table-schema\", \"pc\".\"relname\" AS \"table-name\", FALSE AS \"pk?\","
                + " NULL AS \"field-comment\", FALSE AS \"database-required\","
                + " FALSE AS \"database-is-auto-increment\""
                + " FROM \"pg_catalog\".\"pg_class\" AS \"pc\""
                + " INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"pn\" ON \"pn\".\"oid\" = \"pc\".\"relnamespace\""
                + " INNER JOIN \"pg_catalog\".\"pg_attribute\" AS \"pa\" ON \"pa\".\"attrelid\" = \"pc\".\"oid\""
                + " INNER JOIN \"pg_catalog\".\"pg_type\" AS \"pt\" ON \"pt\".\"oid\" = \"pa\".\"atttypid\""
                + " INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"ptn\" ON \"ptn\".\"oid\" = \"pt\".\"typnamespace\""
                + " WHERE (\"pc\".\"relkind\" = 'm') AND (\"pa\".\"attnum\" >= 1) AND (\"pn\".\"nspname\" IN (?))"
                + " ORDER BY \"table-schema\" ASC, \"table-name\" ASC, \"database-position\" ASC";
        List<Map<String, String>> fields = query(connection, sql, "public", "public");
        assertThat(fields).filteredOn(row -> row.get("table-name").equals("users"))
                .extracting(row -> row.get("name") + " " + row.get("database-type") + " pk=" + row.get("pk?")
                        + " required=" + row.get("database-required"))
                .containsExactly("region text pk=t required=t", "id int4 pk=t required=t",
                        "name varchar pk=f required=t", "score numeric pk=f required=f");
        assertThat(fields).filteredOn(row -> row.get("table-name").equals("clicks_per_user"))
                .extracting(row -> row.get("database-position") + " " + row.get("name") + " "
                        + row.get("database-type"))
                .containsExactly("0 user_id int4", "0 user_id int4", "1 clicks int8", "1 clicks int8");
        assertThat(fields).extracting(row -> row.get("table-name")).contains("bid", "clicks", "emea_users");
    }

    /**
     * describe-fks-sql for the schema public (its select list is a Clojure map, so the column
     * order here is one of several HoneySQL may give). Freshet has no foreign keys.
     */
    @Test
    void metabaseFindsNoForeignKeys() throws SQLException {
        String sql = "SELECT \"fk_ns\".\"nspname\" AS \"fk-table-schema\", \"fk_table\".\"relname\" AS \"fk-table-name\","
                + " \"fk_column\".\"attname\" AS \"fk-column-name\", \"pk_ns\".\"nspname\" AS \"pk-table-schema\","
                + " \"pk_table\".\"relname\" AS \"pk-table-name\", \"pk_column\".\"attname\" AS \"pk-column-name\""
                + " FROM \"pg_constraint\" AS \"c\""
                + " INNER JOIN \"pg_class\" AS \"fk_table\" ON \"c\".\"conrelid\" = \"fk_table\".\"oid\""
                + " INNER JOIN \"pg_namespace\" AS \"fk_ns\" ON \"c\".\"connamespace\" = \"fk_ns\".\"oid\""
                + " INNER JOIN \"pg_attribute\" AS \"fk_column\" ON \"c\".\"conrelid\" = \"fk_column\".\"attrelid\""
                + " INNER JOIN \"pg_class\" AS \"pk_table\" ON \"c\".\"confrelid\" = \"pk_table\".\"oid\""
                + " INNER JOIN \"pg_namespace\" AS \"pk_ns\" ON \"pk_table\".\"relnamespace\" = \"pk_ns\".\"oid\""
                + " INNER JOIN \"pg_attribute\" AS \"pk_column\" ON \"c\".\"confrelid\" = \"pk_column\".\"attrelid\""
                + " WHERE fk_ns.nspname !~ '^information_schema|catalog_history|pg_' AND (\"c\".\"contype\" = 'f'::char)"
                + " AND (\"fk_column\".\"attnum\" = ANY(c.conkey)) AND (\"pk_column\".\"attnum\" = ANY(c.confkey))"
                + " AND (\"fk_ns\".\"nspname\" IN (?))"
                + " ORDER BY \"fk-table-schema\" ASC, \"fk-table-name\" ASC";
        assertThat(query(connection, sql, "public")).isEmpty();
    }

    /**
     * Not a replay: a question written the way Metabase's query processor writes SQL (quoted,
     * schema-qualified names, an aggregate over a materialized view), to show that form runs.
     */
    @Test
    void metabaseStyleQuestionsRunOverQuotedQualifiedNames() throws SQLException {
        assertThat(query(connection, "SELECT \"public\".\"clicks_per_user\".\"user_id\" AS \"user_id\","
                + " SUM(\"public\".\"clicks_per_user\".\"clicks\") AS \"sum\" FROM \"public\".\"clicks_per_user\""
                + " GROUP BY \"public\".\"clicks_per_user\".\"user_id\""
                + " ORDER BY \"public\".\"clicks_per_user\".\"user_id\" ASC LIMIT 2000"))
                .extracting(row -> row.get("user_id") + " " + row.get("sum")).containsExactly("1 2", "2 1");
    }

    // ---------------------------------------------------------------------------------------------
    // Grafana's PostgreSQL data source: public/app/plugins/datasource/grafana-postgresql-datasource/
    // postgresMetaQuery.ts, github.com/grafana/grafana at commit
    // 12f912ab8d010f4d95a4043a0efaa20fc4ca0100. The query editor sends them through Grafana's
    // backend, which runs them as plain (unprepared) queries.
    // ---------------------------------------------------------------------------------------------

    /**
     * Save & test: the health check pings with an empty statement (pgx's {@code Ping} sends
     * {@code -- ping}; pkg/tsdb/grafana-postgresql-datasource/sqleng/handler_checkhealth.go).
     */
    @Test
    void grafanaPingsTheServer() throws SQLException {
        try (java.sql.Statement statement = simple.createStatement()) {
            assertThat(statement.execute("-- ping")).isFalse();
        }
    }

    /**
     * A time-series panel's query after Grafana expanded {@code $__timeGroupAlias(clicked_at,
     * '1m')} and {@code $__timeFilter(clicked_at)} (pkg/tsdb/grafana-postgresql-datasource/macros.go,
     * same commit): ISO 8601 times with a {@code Z}, compared with a timestamp column.
     */
    @Test
    void grafanaRunsATimeSeriesQueryWithItsMacrosExpanded() throws SQLException {
        String sql = "SELECT floor(extract(epoch from clicked_at)/60)*60 AS \"time\", count(*) AS clicks\n"
                + "FROM clicks\n"
                + "WHERE clicked_at BETWEEN '2026-01-01T09:30:00Z' AND '2026-01-01T10:30:00.000Z'\n"
                + "GROUP BY 1 ORDER BY 1";
        assertThat(simpleQuery(simple, sql)).extracting(row -> row.get("time") + " " + row.get("clicks"))
                .containsExactly("1767261600 3");
    }

    /** getVersion(): the configuration page's version check. */
    @Test
    void grafanaReadsTheServerVersion() throws SQLException {
        assertThat(simpleQuery(simple, "SELECT current_setting('server_version_num')::int/100 as version"))
                .extracting(row -> row.get("version")).containsExactly("1400");
    }

    /** getTimescaleDBVersion(): Freshet has no TimescaleDB. */
    @Test
    void grafanaFindsNoTimescaleDb() throws SQLException {
        assertThat(simpleQuery(simple, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"))
                .isEmpty();
    }

    /** showTables() without a schema: the tables of the search path unqualified, others qualified. */
    @Test
    void grafanaListsTheRelationsOnTheSearchPath() throws SQLException {
        String sql = "SELECT\n    CASE WHEN " + grafanaSchemaConstraint() + "\n"
                + "      THEN quote_ident(table_name)\n"
                + "      ELSE quote_ident(table_schema) || '.' || quote_ident(table_name)\n"
                + "    END AS \"table\"\n"
                + "    FROM information_schema.tables\n"
                + "    WHERE quote_ident(table_schema) NOT IN ('information_schema',\n"
                + "                             'pg_catalog',\n"
                + "                             '_timescaledb_cache',\n"
                + "                             '_timescaledb_catalog',\n"
                + "                             '_timescaledb_internal',\n"
                + "                             '_timescaledb_config',\n"
                + "                             'timescaledb_information',\n"
                + "                             'timescaledb_experimental')\n"
                + "    ORDER BY CASE WHEN " + grafanaSchemaConstraint() + " THEN 0 ELSE 1 END, 1";
        List<String> tables = simpleQuery(simple, sql).stream().map(row -> row.get("table")).toList();
        assertThat(tables).startsWith("bid", "clicks", "clicks_per_user", "emea_users", "users")
                .contains("freshet_catalog.watermarks");
    }

    /** getSchema(table): the columns the query builder offers, for an unqualified table name. */
    @Test
    void grafanaReadsTheColumnsOfAMaterializedView() throws SQLException {
        String table = "'clicks_per_user'";
        String sql = "SELECT quote_ident(column_name) AS \"column\", data_type AS \"type\"\n"
                + "    FROM information_schema.columns\n"
                + "    WHERE\n"
                + "      CASE WHEN array_length(parse_ident(" + table + "),1) = 2\n"
                + "        THEN quote_ident(table_schema) = (parse_ident(" + table + "))[1]\n"
                + "          AND quote_ident(table_name) = (parse_ident(" + table + "))[2]\n"
                + "        ELSE quote_ident(table_name) = " + table + "\n"
                + "          AND " + grafanaSchemaConstraint() + "\n"
                + "      END";
        assertThat(simpleQuery(simple, sql)).extracting(row -> row.get("column") + " " + row.get("type"))
                .containsExactly("user_id integer", "clicks bigint");
    }

    /** buildSchemaConstraint(): the schemas of the search path, "$user" resolved. */
    private static String grafanaSchemaConstraint() {
        return "\n          quote_ident(table_schema) IN (\n"
                + "          SELECT\n"
                + "            CASE WHEN trim(s[i]) = '\"$user\"' THEN user ELSE trim(s[i]) END\n"
                + "          FROM\n"
                + "            generate_series(\n"
                + "              array_lower(string_to_array(current_setting('search_path'),','),1),\n"
                + "              array_upper(string_to_array(current_setting('search_path'),','),1)\n"
                + "            ) as i,\n"
                + "            string_to_array(current_setting('search_path'),',') s\n"
                + "          )";
    }
}
