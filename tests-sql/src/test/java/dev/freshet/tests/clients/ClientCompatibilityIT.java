package dev.freshet.tests.clients;

import static dev.freshet.tests.clients.FreshetClients.query;
import static dev.freshet.tests.clients.FreshetClients.rows;
import static dev.freshet.tests.clients.FreshetClients.simpleQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * What real clients see when they browse a Freshet server (issue 6, parts 3 and 4): pgjdbc's
 * DatabaseMetaData live, information_schema, settings, and real psql's describe commands. The
 * introspection queries of DBeaver, Metabase and Grafana are replayed in {@link ToolQueriesIT}.
 *
 * <p>One server serves every test; each test only reads the objects {@link FreshetClients#SETUP}
 * made.
 */
class ClientCompatibilityIT {
    private static FreshetClients clients;
    private static Connection connection;
    private static Connection simple;

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

    private static List<String> column(ResultSet result, String name) throws SQLException {
        List<String> values = new ArrayList<>();
        try (result) {
            while (result.next()) {
                values.add(result.getString(name));
            }
        }
        return values;
    }

    @Test
    void getTablesListsEachKindUnderItsJdbcType() throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        assertThat(column(metaData.getTables(null, "public", "%", new String[] {"TABLE"}), "TABLE_NAME"))
                .containsExactly("clicks", "users");
        assertThat(column(metaData.getTables(null, "public", "%", new String[] {"VIEW"}), "TABLE_NAME"))
                .containsExactly("emea_users");
        assertThat(column(metaData.getTables(null, "public", "%", new String[] {"MATERIALIZED VIEW"}),
                "TABLE_NAME")).containsExactly("clicks_per_user");
        assertThat(column(metaData.getTables(null, "public", "%", new String[] {"FOREIGN TABLE"}), "TABLE_NAME"))
                .containsExactly("bid");
        List<Map<String, String>> all = rows(metaData.getTables(null, "public", "%", null));
        assertThat(all).extracting(row -> row.get("TABLE_NAME") + ":" + row.get("TABLE_TYPE"))
                .containsExactlyInAnyOrder("users:TABLE", "clicks:TABLE", "emea_users:VIEW",
                        "clicks_per_user:MATERIALIZED VIEW", "bid:FOREIGN TABLE", "users_pkey:INDEX");
        assertThat(all).allSatisfy(row -> assertThat(row.get("TABLE_SCHEM")).isEqualTo("public"));
    }

    @Test
    void getColumnsDescribesTypesNullabilityAndPositions() throws SQLException {
        List<Map<String, String>> users = rows(connection.getMetaData().getColumns(null, "public", "users", "%"));
        assertThat(users).extracting(row -> row.get("ORDINAL_POSITION") + " " + row.get("COLUMN_NAME") + " "
                + row.get("TYPE_NAME") + " " + row.get("COLUMN_SIZE") + " " + row.get("DECIMAL_DIGITS") + " "
                + row.get("IS_NULLABLE")).containsExactly(
                        "1 region text 2147483647 0 NO",
                        "2 id int4 10 0 NO",
                        "3 name varchar 40 0 NO",
                        "4 score numeric 10 2 YES");
        assertThat(users.get(1).get("DATA_TYPE")).isEqualTo(Integer.toString(Types.INTEGER));

        List<Map<String, String>> view = rows(connection.getMetaData().getColumns(null, "public",
                "clicks_per_user", "%"));
        assertThat(view).extracting(row -> row.get("COLUMN_NAME") + " " + row.get("TYPE_NAME"))
                .containsExactly("user_id int4", "clicks int8");
        List<Map<String, String>> source = rows(connection.getMetaData().getColumns(null, "public", "bid", "%"));
        assertThat(source).extracting(row -> row.get("COLUMN_NAME")).startsWith("auction", "bidder", "price");
    }

    @Test
    void getPrimaryKeysGivesTheKeyColumnsInKeyOrder() throws SQLException {
        List<Map<String, String>> key = rows(connection.getMetaData().getPrimaryKeys(null, "public", "users"));
        assertThat(key).extracting(row -> row.get("KEY_SEQ") + " " + row.get("COLUMN_NAME") + " "
                + row.get("PK_NAME")).containsExactly("1 region users_pkey", "2 id users_pkey");
        assertThat(rows(connection.getMetaData().getPrimaryKeys(null, "public", "clicks"))).isEmpty();
    }

    @Test
    void getIndexInfoShowsThePrimaryKeyIndex() throws SQLException {
        List<Map<String, String>> index = rows(connection.getMetaData().getIndexInfo(null, "public", "users", false,
                false));
        assertThat(index).extracting(row -> row.get("INDEX_NAME") + " " + row.get("ORDINAL_POSITION") + " "
                + row.get("COLUMN_NAME") + " unique=" + "f".equals(row.get("NON_UNIQUE")))
                .containsExactly("users_pkey 1 region unique=true", "users_pkey 2 id unique=true");
        assertThat(rows(connection.getMetaData().getIndexInfo(null, "public", "clicks", false, false))).isEmpty();
    }

    @Test
    void getTypeInfoListsTheTypesWithTheirJdbcTypes() throws SQLException {
        List<Map<String, String>> types = rows(connection.getMetaData().getTypeInfo());
        assertThat(types).extracting(row -> row.get("TYPE_NAME") + " " + row.get("DATA_TYPE")).contains(
                "int4 " + Types.INTEGER, "int8 " + Types.BIGINT, "varchar " + Types.VARCHAR,
                "numeric " + Types.NUMERIC, "timestamptz " + Types.TIMESTAMP, "bool " + Types.BIT);
    }

    @Test
    void getSchemasAndGetCatalogsNameTheSchemasAndTheOneDatabase() throws SQLException {
        assertThat(column(connection.getMetaData().getSchemas(), "TABLE_SCHEM"))
                .contains("public", "pg_catalog", "information_schema", "freshet_catalog");
        assertThat(column(connection.getMetaData().getCatalogs(), "TABLE_CAT")).containsExactly("freshet");
    }

    @Test
    void getFunctionsAndGetProceduresAnswerEvenThoughFreshetListsNoRoutines() throws SQLException {
        assertThat(rows(connection.getMetaData().getProcedures(null, "public", "%"))).isEmpty();
        assertThat(rows(connection.getMetaData().getFunctions(null, "public", "%"))).isEmpty();
    }

    @Test
    void informationSchemaTablesListsMaterializedViewsAsViewsAndSourcesAsForeign() throws SQLException {
        List<Map<String, String>> tables = query(connection, "SELECT table_name, table_type, is_insertable_into"
                + " FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        assertThat(tables).extracting(row -> row.get("table_name") + " " + row.get("table_type") + " "
                + row.get("is_insertable_into")).containsExactly(
                        "bid FOREIGN NO",
                        "clicks BASE TABLE YES",
                        "clicks_per_user VIEW NO",
                        "emea_users VIEW NO",
                        "users BASE TABLE YES");
    }

    @Test
    void informationSchemaColumnsCoversEveryRelationKind() throws SQLException {
        List<Map<String, String>> columns = query(connection, "SELECT table_name, column_name, data_type,"
                + " is_nullable FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name IN ('users', 'clicks_per_user', 'bid') AND ordinal_position <= 2"
                + " ORDER BY table_name, ordinal_position");
        assertThat(columns).extracting(row -> row.get("table_name") + "." + row.get("column_name") + " "
                + row.get("data_type") + " " + row.get("is_nullable")).containsExactly(
                        "bid.auction bigint YES",
                        "bid.bidder bigint YES",
                        "clicks_per_user.user_id integer YES",
                        "clicks_per_user.clicks bigint YES",
                        "users.region text NO",
                        "users.id integer NO");
    }

    @Test
    void informationSchemaViewsHoldsTheQueriesOfViewsAndMaterializedViews() throws SQLException {
        List<Map<String, String>> views = query(connection, "SELECT table_name, view_definition"
                + " FROM information_schema.views WHERE table_schema = 'public' ORDER BY table_name");
        assertThat(views).extracting(row -> row.get("table_name")).containsExactly("clicks_per_user", "emea_users");
        assertThat(views.get(0).get("view_definition")).containsIgnoringCase("group by");
    }

    @Test
    void settingsAreReadableAsPgSettingsCurrentSettingAndShow() throws SQLException {
        assertThat(query(connection, "SELECT setting FROM pg_settings WHERE name = 'server_version_num'"))
                .extracting(row -> row.get("setting")).containsExactly("140000");
        assertThat(query(connection, "SELECT current_setting('server_version')")).extracting(
                row -> row.values().iterator().next()).containsExactly("14.0");
        assertThat(simpleQuery(simple, "SHOW TimeZone")).extracting(row -> row.values().iterator().next())
                .containsExactly("UTC");
        assertThat(query(connection, "SELECT version()")).extracting(row -> row.get("version"))
                .singleElement().asString().startsWith("PostgreSQL 14.0 (Freshet");
        assertThatThrownBy(() -> query(connection, "SELECT current_setting('no_such_setting')"))
                .isInstanceOf(PSQLException.class)
                .satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("42704"));
        assertThat(query(connection, "SELECT current_setting('no_such_setting', true) AS v"))
                .extracting(row -> row.get("v")).containsExactly((String) null);
    }

    @Test
    void sourcesAppearAsForeignTablesWithTheirConnectorOptions() throws SQLException {
        List<Map<String, String>> foreign = query(connection, "SELECT c.relname, s.srvname, ft.ftoptions"
                + " FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid"
                + " JOIN pg_foreign_server s ON s.oid = ft.ftserver");
        assertThat(foreign).singleElement().satisfies(row -> {
            assertThat(row.get("relname")).isEqualTo("bid");
            assertThat(row.get("srvname")).isEqualTo("nexmark");
            assertThat(row.get("ftoptions")).contains("nexmark.table=bid", "nexmark.events=1000");
        });
    }

    @Test
    void aFetchSizeReadsALargeResultInBatchesOutsideAutocommit() throws SQLException {
        try (Connection client = clients.connect()) {
            client.setAutoCommit(false);
            try (PreparedStatement clicks = client.prepareStatement(
                    "SELECT user_id, url FROM clicks ORDER BY clicked_at")) {
                clicks.setFetchSize(1);
                List<String> read = new ArrayList<>();
                try (ResultSet result = clicks.executeQuery()) {
                    while (result.next()) {
                        read.add(result.getInt(1) + result.getString(2));
                    }
                }
                assertThat(read).containsExactly("1/a", "1/b", "2/a");
            }
            client.commit();
        }
    }

    // Prepared statements: planned once, however they are sent.

    private static final String PLAN_COUNTERS = "SELECT plans, cache_hits FROM freshet_catalog.plan_cache";
    private static final int EXECUTIONS = 2000;

    private static long[] planCounters() throws SQLException {
        Map<String, String> row = simpleQuery(simple, PLAN_COUNTERS).get(0);
        return new long[] {Long.parseLong(row.get("plans")), Long.parseLong(row.get("cache_hits"))};
    }

    /**
     * Runs a point lookup {@value #EXECUTIONS} times on a new connection with these pgjdbc
     * properties, and returns how many plans the server made meanwhile and how many times it
     * reused a cached plan.
     */
    private static long[] plansForRepeatedLookups(Properties properties) throws SQLException {
        planCounters();
        long[] before = planCounters();
        try (Connection client = clients.connect(properties);
                PreparedStatement lookup = client.prepareStatement(
                        "SELECT name, score FROM users WHERE region = ? AND id = ?")) {
            for (int i = 0; i < EXECUTIONS; i++) {
                lookup.setString(1, "emea");
                lookup.setInt(2, 1);
                try (ResultSet result = lookup.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString("name")).isEqualTo("ada");
                }
            }
        }
        long[] after = planCounters();
        return new long[] {after[0] - before[0], after[1] - before[1]};
    }

    @Test
    void aServerPreparedStatementIsPlannedOnce() throws SQLException {
        Properties named = new Properties();
        named.setProperty("prepareThreshold", "5");
        // pgjdbc sends the first four executions unnamed, then prepares a named statement and binds it.
        assertThat(plansForRepeatedLookups(named)[0]).as("plans made").isEqualTo(1);
    }

    @Test
    void anUnnamedStatementParsedAgainEachTimeIsPlannedOnce() throws SQLException {
        Properties unnamed = new Properties();
        unnamed.setProperty("prepareThreshold", "0");
        long[] counts = plansForRepeatedLookups(unnamed);
        assertThat(counts[0]).as("plans made").isEqualTo(1);
        assertThat(counts[1]).as("cached plans reused").isEqualTo(EXECUTIONS);
    }

    @Test
    void theSameSimpleQuerySentAgainIsPlannedOnce() throws SQLException {
        Properties simpleProtocol = new Properties();
        simpleProtocol.setProperty("preferQueryMode", "simple");
        long[] counts = plansForRepeatedLookups(simpleProtocol);
        assertThat(counts[0]).as("plans made").isEqualTo(1);
        assertThat(counts[1]).as("cached plans reused").isEqualTo(EXECUTIONS);
    }

    // psql 15, the real client, against the real server.

    private static FreshetClients.PsqlRun psql(String... arguments) throws Exception {
        assumeThat(Files.isExecutable(FreshetClients.PSQL)).as("psql is installed").isTrue();
        FreshetClients.PsqlRun run = clients.psql(arguments);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run;
    }

    @Test
    void psqlListsEveryRelationWithItsKind() throws Exception {
        String output = psql("-c", "\\d").output();
        assertThat(output).contains("List of relations")
                .containsPattern("public \\| bid\\s+\\| foreign table\\s+\\| freshet")
                .containsPattern("public \\| clicks\\s+\\| table\\s+\\| freshet")
                .containsPattern("public \\| clicks_per_user\\s+\\| materialized view\\s+\\| freshet")
                .containsPattern("public \\| emea_users\\s+\\| view\\s+\\| freshet")
                .containsPattern("public \\| users\\s+\\| table\\s+\\| freshet")
                .contains("(5 rows)");
    }

    @Test
    void psqlListsEachKindWithItsOwnCommand() throws Exception {
        assertThat(psql("-c", "\\dt").output()).contains("clicks", "users", "(2 rows)").doesNotContain("emea_users");
        assertThat(psql("-c", "\\dv").output()).contains("emea_users", "(1 row)");
        assertThat(psql("-c", "\\dm").output()).contains("clicks_per_user", "(1 row)");
        assertThat(psql("-c", "\\dE").output()).contains("bid", "foreign table", "(1 row)");
        assertThat(psql("-c", "\\di").output()).contains("users_pkey", "index", "(1 row)");
        assertThat(psql("-c", "\\dn").output()).contains("public", "freshet_catalog");
        assertThat(psql("-c", "\\l").output()).contains("freshet", "UTF8");
        assertThat(psql("-c", "\\des").output()).contains("List of foreign servers", "nexmark", "kafka", "datagen");
        assertThat(psql("-c", "\\du").output()).contains("freshet", "Superuser");
        assertThat(psql("-c", "\\df").output()).contains("List of functions", "(0 rows)");
    }

    @Test
    void psqlDescribesATableWithItsKey() throws Exception {
        String output = psql("-c", "\\d users").output();
        assertThat(output).contains("Table \"public.users\"")
                .containsPattern("region\\s+\\| text\\s+\\|\\s+\\| not null")
                .containsPattern("name\\s+\\| character varying\\(40\\)")
                .containsPattern("score\\s+\\| numeric\\(10,2\\)")
                .contains("\"users_pkey\" PRIMARY KEY, btree (region, id)");
    }

    @Test
    void psqlDescribesAViewAndAMaterializedView() throws Exception {
        assertThat(psql("-c", "\\d emea_users").output()).contains("View \"public.emea_users\"")
                .containsPattern("name\\s+\\| character varying\\(40\\)");
        assertThat(psql("-c", "\\d clicks_per_user").output())
                .contains("Materialized view \"public.clicks_per_user\"")
                .containsPattern("clicks\\s+\\| bigint");
    }

    @Test
    void psqlDescribesASourceAsAForeignTable() throws Exception {
        String output = psql("-c", "\\d bid").output();
        assertThat(output).contains("Foreign table \"public.bid\"")
                .containsPattern("auction\\s+\\| bigint")
                .contains("Server: nexmark");
    }
}
