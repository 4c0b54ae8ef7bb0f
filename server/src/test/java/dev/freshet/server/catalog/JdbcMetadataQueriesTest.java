package dev.freshet.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.freshet.common.FreshetException;
import dev.freshet.parser.FreshetSqlParser;

/**
 * The queries pgjdbc 42.7.8's {@code PgDatabaseMetaData} sends for getTables, getColumns,
 * getPrimaryKeys, getSchemas and getCatalogs, as it builds them for a PostgreSQL 15 server (its
 * {@code ?} placeholders are {@code $n} on the wire), with the answers PostgreSQL gives.
 */
class JdbcMetadataQueriesTest {
    private static final String GET_TABLES = "SELECT current_database() AS \"TABLE_CAT\", "
            + "n.nspname AS \"TABLE_SCHEM\", "
            + "c.relname AS \"TABLE_NAME\",  CASE n.nspname ~ '^pg_' OR n.nspname = 'information_schema'  WHEN true "
            + "THEN CASE  WHEN n.nspname = 'pg_catalog' OR n.nspname = 'information_schema' THEN CASE c.relkind "
            + "  WHEN 'r' THEN 'SYSTEM TABLE'   WHEN 'v' THEN 'SYSTEM VIEW'   WHEN 'i' THEN 'SYSTEM INDEX'   ELSE NULL "
            + "  END  WHEN n.nspname = 'pg_toast' THEN CASE c.relkind   WHEN 'r' THEN 'SYSTEM TOAST TABLE' "
            + "  WHEN 'i' THEN 'SYSTEM TOAST INDEX'   ELSE NULL   END  ELSE CASE c.relkind "
            + "  WHEN 'r' THEN 'TEMPORARY TABLE'   WHEN 'p' THEN 'TEMPORARY TABLE'   WHEN 'i' THEN 'TEMPORARY INDEX' "
            + "  WHEN 'S' THEN 'TEMPORARY SEQUENCE'   WHEN 'v' THEN 'TEMPORARY VIEW'   ELSE NULL   END  END "
            + " WHEN false THEN CASE c.relkind  WHEN 'r' THEN 'TABLE'  WHEN 'p' THEN 'PARTITIONED TABLE' "
            + " WHEN 'i' THEN 'INDEX'  WHEN 'P' then 'PARTITIONED INDEX'  WHEN 'S' THEN 'SEQUENCE' "
            + " WHEN 'v' THEN 'VIEW' "
            + " WHEN 'c' THEN 'TYPE'  WHEN 'f' THEN 'FOREIGN TABLE'  WHEN 'm' THEN 'MATERIALIZED VIEW'  ELSE NULL  END "
            + " ELSE NULL  END  AS \"TABLE_TYPE\", d.description AS \"REMARKS\",  '' as \"TYPE_CAT\", "
            + "'' as \"TYPE_SCHEM\", '' as \"TYPE_NAME\", '' AS \"SELF_REFERENCING_COL_NAME\", "
            + "'' AS \"REF_GENERATION\"  FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c "
            + " LEFT JOIN pg_catalog.pg_description d ON (c.oid = d.objoid AND d.objsubid = 0  "
            + "and d.classoid = 'pg_class'::regclass)  WHERE c.relnamespace = n.oid ";

    private static final String TABLE_AND_VIEW_TYPES = " AND (false  OR ( c.relkind = 'r' AND n.nspname !~ '^pg_' "
            + "AND n.nspname <> 'information_schema' )  OR ( c.relkind = 'v' AND n.nspname <> 'pg_catalog' "
            + "AND n.nspname <> 'information_schema' ) ) ";

    private static final String GET_TABLES_ORDER = " ORDER BY \"TABLE_TYPE\",\"TABLE_SCHEM\",\"TABLE_NAME\" ";

    private static final String GET_COLUMNS = "SELECT * FROM (SELECT current_database() AS current_database, "
            + "n.nspname,c.relname,a.attname,a.atttypid,a.attnotnull  OR (t.typtype = 'd' AND t.typnotnull) "
            + "AS attnotnull,a.atttypmod,a.attlen,t.typtypmod,row_number() OVER (PARTITION BY a.attrelid "
            + "ORDER BY a.attnum) AS attnum, nullif(a.attidentity, '') as attidentity,nullif(a.attgenerated, '') "
            + "as attgenerated,pg_catalog.pg_get_expr(def.adbin, def.adrelid) AS adsrc,dsc.description,"
            + "t.typbasetype,t.typtype  FROM pg_catalog.pg_namespace n "
            + " JOIN pg_catalog.pg_class c ON (c.relnamespace = n.oid) "
            + " JOIN pg_catalog.pg_attribute a ON (a.attrelid=c.oid) "
            + " JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid) "
            + " LEFT JOIN pg_catalog.pg_attrdef def ON (a.attrelid=def.adrelid AND a.attnum = def.adnum) "
            + " LEFT JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid) "
            + " LEFT JOIN pg_catalog.pg_class dc ON (dc.oid=dsc.classoid AND dc.relname='pg_class') "
            + " LEFT JOIN pg_catalog.pg_namespace dn ON (dc.relnamespace=dn.oid AND dn.nspname='pg_catalog') "
            + " WHERE c.relkind in ('r','p','v','f','m') and a.attnum > 0 AND NOT a.attisdropped "
            + " AND n.nspname LIKE $1 AND c.relname LIKE $2) c WHERE true  AND attname LIKE $3 "
            + " ORDER BY nspname,c.relname,attnum ";

    private static final String GET_PRIMARY_KEYS = "SELECT        result.TABLE_CAT AS \"TABLE_CAT\", "
            + "       result.TABLE_SCHEM AS \"TABLE_SCHEM\",        result.TABLE_NAME AS \"TABLE_NAME\", "
            + "       result.COLUMN_NAME AS \"COLUMN_NAME\",        result.KEY_SEQ AS \"KEY_SEQ\", "
            + "       result.PK_NAME AS \"PK_NAME\"FROM      (SELECT current_database() AS TABLE_CAT, "
            + "n.nspname AS TABLE_SCHEM,   ct.relname AS TABLE_NAME, a.attname AS COLUMN_NAME, "
            + "  (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ, ci.relname AS PK_NAME, "
            + "  information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS A_ATTNUM, "
            + "i.indnkeyatts as KEY_COUNT "
            + "FROM pg_catalog.pg_class ct   JOIN pg_catalog.pg_attribute a ON (ct.oid = a.attrelid) "
            + "  JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid) "
            + "  JOIN pg_catalog.pg_index i ON ( a.attrelid = i.indrelid) "
            + "  JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid) WHERE true  AND n.nspname = $1 "
            + "AND ct.relname = $2 AND i.indisprimary  ) result where  result.A_ATTNUM = (result.KEYS).x "
            + "AND result.KEY_SEQ <= KEY_COUNT  ORDER BY result.table_name, result.pk_name, result.key_seq";

    private final CatalogQueries queries = new CatalogQueries();

    @Test
    void getTablesShouldListUserTablesAndViews() {
        assertThat(queries.run(GET_TABLES + " AND n.nspname LIKE $1 AND c.relname LIKE $2" + TABLE_AND_VIEW_TYPES
                + GET_TABLES_ORDER, List.of("public", "%")))
                .containsExactly(
                        Arrays.asList("freshet", "public", "bids", "TABLE", null, "", "", "", "", ""),
                        Arrays.asList("freshet", "public", "users", "TABLE", null, "", "", "", "", ""),
                        Arrays.asList("freshet", "public", "rich", "VIEW", null, "", "", "", "", ""));
    }

    @Test
    void getTablesShouldListSystemTablesUnderTheirOwnType() {
        List<List<Object>> rows = queries.run(GET_TABLES + " AND c.relname LIKE $1" + GET_TABLES_ORDER,
                List.of("pg_class"));
        assertThat(rows).extracting(row -> row.get(1), row -> row.get(3))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pg_catalog", "SYSTEM TABLE"));
    }

    @Test
    void getColumnsShouldDescribeEachColumnInOrder() {
        List<List<Object>> rows = queries.run(GET_COLUMNS, List.of("public", "users", "%"));
        assertThat(rows).extracting(row -> row.get(3), row -> row.get(4), row -> row.get(5), row -> row.get(6),
                        row -> row.get(9), row -> row.get(12))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", 23L, true, -1, 1L, null),
                        org.assertj.core.groups.Tuple.tuple("name", 1043L, true, 24, 2L, null),
                        org.assertj.core.groups.Tuple.tuple("city", 25L, false, -1, 3L, "'Paris'"),
                        org.assertj.core.groups.Tuple.tuple("score", 1700L, false, 655366, 4L, null),
                        org.assertj.core.groups.Tuple.tuple("created", 1114L, false, -1, 5L, null));
    }

    @Test
    void getColumnsShouldFilterByColumnPattern() {
        assertThat(queries.run(GET_COLUMNS, List.of("public", "bids", "date%")))
                .extracting(row -> row.get(3), row -> row.get(4), row -> row.get(15))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("date_time", 1184L, "b"));
    }

    @Test
    void getSchemasShouldListEverySchema() {
        assertThat(queries.run("SELECT nspname AS \"TABLE_SCHEM\", current_database() AS \"TABLE_CATALOG\" "
                + "FROM pg_catalog.pg_namespace  WHERE nspname <> 'pg_toast' AND (nspname !~ '^pg_temp_' "
                + " OR nspname = (pg_catalog.current_schemas(true))[1]) AND (nspname !~ '^pg_toast_temp_' "
                + " OR nspname = replace((pg_catalog.current_schemas(true))[1], 'pg_temp_', 'pg_toast_temp_'))  "
                + "ORDER BY \"TABLE_SCHEM\""))
                .containsExactly(
                        List.of("freshet_catalog", "freshet"),
                        List.of("information_schema", "freshet"),
                        List.of("pg_catalog", "freshet"),
                        List.of("public", "freshet"));
    }

    @Test
    void getCatalogsShouldListTheDatabase() {
        assertThat(queries.run("SELECT datname AS \"TABLE_CAT\" FROM pg_catalog.pg_database"
                + " WHERE datallowconn = true ORDER BY datname"))
                .containsExactly(List.of("freshet"));
    }

    /**
     * Needs {@code information_schema._pg_expandarray}, a set-returning function called in the
     * select list and read as a composite ({@code (keys).x}), which Calcite cannot express: runs
     * once the parser and planner accept it (see the report), skipped until then.
     */
    @Test
    void getPrimaryKeysShouldListKeyColumns() {
        assertThat(queries.run(GET_PRIMARY_KEYS, List.of("public", "users")))
                .containsExactly(Arrays.asList("freshet", "public", "users", "id", 1, "users_pkey"));
    }
}
