package dev.freshet.server.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

import dev.freshet.executor.DataflowStatus;
import dev.freshet.planner.PlannerSession;
import dev.freshet.planner.SchemaExtension;
import dev.freshet.planner.SqlPlanner;
import dev.freshet.server.metrics.PlanCounters;

/**
 * PostgreSQL's system catalogs for the clients that introspect a database (psql, pgjdbc's
 * DatabaseMetaData, BI tools): the tables and views of {@code pg_catalog} and
 * {@code information_schema}, computed from the statement's catalog snapshot, Freshet's own
 * {@code freshet_catalog} (watermarks, late rows, state tables; see {@link FreshetCatalogTables}),
 * and the catalog
 * and session functions their queries call ({@code pg_table_is_visible}, {@code format_type},
 * {@code current_setting}, …), registered in {@code pg_catalog} so that they resolve
 * unqualified too.
 *
 * <p>One instance serves one session: the settings supplier is read whenever {@code pg_settings}
 * is scanned or {@code current_setting} runs, so that SET is seen without re-planning.
 */
public final class PgCatalogExtension implements SchemaExtension {
    private static final List<SystemTableSource> PG_CATALOG_TABLES = PgCatalogTables.sources();
    private static final List<SystemTableSource> INFORMATION_SCHEMA_TABLES = InformationSchemaTables.sources();
    private static final List<SystemTableSource> FRESHET_CATALOG_TABLES = FreshetCatalogTables.sources();
    private static final List<SystemTableDefinition> DEFINITIONS = definitions();

    private final Supplier<Map<String, String>> settings;
    private final DataflowStatus dataflow;
    private final PlanCounters planCounters;

    /**
     * @param settings the session's current settings by name (e.g. {@code TimeZone}, {@code DateStyle},
     *     {@code application_name}), over PostgreSQL's defaults; called at execution, from the
     *     thread running the statement
     * @param dataflow the server's running dataflow, which {@code freshet_catalog} reports on
     */
    public PgCatalogExtension(Supplier<Map<String, String>> settings, DataflowStatus dataflow) {
        this(settings, dataflow, new PlanCounters());
    }

    /**
     * @param planCounters the server's counts of plans made and reused, which
     *     {@code freshet_catalog.plan_cache} shows
     */
    public PgCatalogExtension(Supplier<Map<String, String>> settings, DataflowStatus dataflow,
            PlanCounters planCounters) {
        this.settings = requireNonNull(settings, "settings is null");
        this.dataflow = requireNonNull(dataflow, "dataflow is null");
        this.planCounters = requireNonNull(planCounters, "planCounters is null");
    }

    /**
     * An extension without a dataflow (for planning views, and tests): {@code freshet_catalog}
     * shows no view's watermark and no state table.
     */
    public PgCatalogExtension(Supplier<Map<String, String>> settings) {
        this(settings, DataflowStatus.NONE);
    }

    /** An extension whose session changes no setting from PostgreSQL's defaults. */
    public static PgCatalogExtension withDefaultSettings() {
        return new PgCatalogExtension(Map::of);
    }

    @Override
    public void register(SchemaPlus rootSchema, PlannerSession session) {
        PgCatalogSnapshot snapshot = new PgCatalogSnapshot(session.catalog(), DEFINITIONS, session.user(),
                session.database(), settings, dataflow, planCounters);
        SchemaPlus pgCatalog = rootSchema.getSubSchema(SqlPlanner.PG_CATALOG_SCHEMA);
        if (pgCatalog == null) {
            pgCatalog = rootSchema.add(SqlPlanner.PG_CATALOG_SCHEMA, new AbstractSchema());
        }
        for (SystemTableSource source : PG_CATALOG_TABLES) {
            pgCatalog.add(source.definition().name(), new SystemTable(source.definition(), snapshot, source.rows()));
        }
        SchemaPlus informationSchema = rootSchema.add(PgCatalogSnapshot.INFORMATION_SCHEMA, new AbstractSchema());
        informationSchema.add("_pg_expandarray", org.apache.calcite.schema.impl.TableFunctionImpl.create(
                PgFunctions.class, "pgExpandArray"));
        for (SystemTableSource source : INFORMATION_SCHEMA_TABLES) {
            informationSchema.add(source.definition().name(),
                    new SystemTable(source.definition(), snapshot, source.rows()));
        }
        SchemaPlus freshetCatalog = rootSchema.add(PgCatalogSnapshot.FRESHET_CATALOG, new AbstractSchema());
        for (SystemTableSource source : FRESHET_CATALOG_TABLES) {
            freshetCatalog.add(source.definition().name(),
                    new SystemTable(source.definition(), snapshot, source.rows()));
        }
        registerFunctions(pgCatalog);
        registerTypeNames(rootSchema);
        registerTypeNames(pgCatalog);
    }

    /**
     * PostgreSQL's OID alias types the planner does not name, so that casts such as
     * {@code stxnamespace::pg_catalog.regnamespace} validate; like regclass, they are BIGINT.
     */
    private static void registerTypeNames(SchemaPlus schema) {
        for (String name : List.of("regnamespace", "regrole", "regoper", "regoperator", "regprocedure", "regconfig",
                "regdictionary")) {
            schema.add(name, (RelDataTypeFactory factory) ->
                    factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.BIGINT), true));
        }
    }

    private static void registerFunctions(SchemaPlus schema) {
        schema.add("version", CatalogFunction.of("version", SqlTypeName.VARCHAR));
        schema.add("current_schema", CatalogFunction.of("currentSchema", SqlTypeName.VARCHAR));
        schema.add("current_database", CatalogFunction.of("currentDatabase", SqlTypeName.VARCHAR));
        schema.add("current_schemas", CatalogFunction.of("currentSchemas", SqlTypeName.ARRAY, SqlTypeName.BOOLEAN));
        schema.add("current_setting", CatalogFunction.of("currentSetting", SqlTypeName.VARCHAR, SqlTypeName.VARCHAR));
        schema.add("current_setting", CatalogFunction.of("currentSetting", SqlTypeName.VARCHAR, SqlTypeName.VARCHAR,
                SqlTypeName.BOOLEAN));
        schema.add("pg_table_is_visible", CatalogFunction.of("pgTableIsVisible", SqlTypeName.BOOLEAN,
                SqlTypeName.BIGINT));
        schema.add("pg_type_is_visible", CatalogFunction.of("pgTypeIsVisible", SqlTypeName.BOOLEAN,
                SqlTypeName.BIGINT));
        schema.add("pg_function_is_visible", CatalogFunction.of("pgFunctionIsVisible", SqlTypeName.BOOLEAN,
                SqlTypeName.BIGINT));
        schema.add("format_type", CatalogFunction.of("formatType", SqlTypeName.VARCHAR, SqlTypeName.BIGINT,
                SqlTypeName.INTEGER));
        schema.add("pg_get_userbyid", CatalogFunction.of("pgGetUserById", SqlTypeName.VARCHAR, SqlTypeName.BIGINT));
        schema.add("pg_get_expr", CatalogFunction.of("pgGetExpr", SqlTypeName.VARCHAR, SqlTypeName.VARCHAR,
                SqlTypeName.BIGINT));
        schema.add("pg_get_expr", CatalogFunction.of("pgGetExpr", SqlTypeName.VARCHAR, SqlTypeName.VARCHAR,
                SqlTypeName.BIGINT, SqlTypeName.BOOLEAN));
        schema.add("pg_get_indexdef", CatalogFunction.of("pgGetIndexDef", SqlTypeName.VARCHAR, SqlTypeName.BIGINT));
        schema.add("pg_get_indexdef", CatalogFunction.of("pgGetIndexDef", SqlTypeName.VARCHAR, SqlTypeName.BIGINT,
                SqlTypeName.INTEGER, SqlTypeName.BOOLEAN));
        schema.add("pg_get_constraintdef", CatalogFunction.of("pgGetConstraintDef", SqlTypeName.VARCHAR,
                SqlTypeName.BIGINT));
        schema.add("pg_get_constraintdef", CatalogFunction.of("pgGetConstraintDef", SqlTypeName.VARCHAR,
                SqlTypeName.BIGINT, SqlTypeName.BOOLEAN));
        schema.add("pg_get_viewdef", CatalogFunction.of("pgGetViewDef", SqlTypeName.VARCHAR, SqlTypeName.BIGINT));
        schema.add("pg_get_viewdef", CatalogFunction.of("pgGetViewDef", SqlTypeName.VARCHAR, SqlTypeName.BIGINT,
                SqlTypeName.BOOLEAN));
        schema.add("obj_description", CatalogFunction.of("objDescription", SqlTypeName.VARCHAR, SqlTypeName.BIGINT));
        schema.add("obj_description", CatalogFunction.of("objDescription", SqlTypeName.VARCHAR, SqlTypeName.BIGINT,
                SqlTypeName.VARCHAR));
        schema.add("col_description", CatalogFunction.of("colDescription", SqlTypeName.VARCHAR, SqlTypeName.BIGINT,
                SqlTypeName.INTEGER));
        schema.add("shobj_description", CatalogFunction.of("shobjDescription", SqlTypeName.VARCHAR,
                SqlTypeName.BIGINT, SqlTypeName.VARCHAR));
        schema.add("pg_encoding_to_char", CatalogFunction.of("pgEncodingToChar", SqlTypeName.VARCHAR,
                SqlTypeName.INTEGER));
        for (String privilegeFunction : List.of("has_table_privilege", "has_schema_privilege",
                "has_database_privilege", "has_column_privilege", "has_any_column_privilege")) {
            schema.add(privilegeFunction, CatalogFunction.of("hasPrivilege", SqlTypeName.BOOLEAN, SqlTypeName.ANY,
                    SqlTypeName.VARCHAR));
            schema.add(privilegeFunction, CatalogFunction.of("hasPrivilege", SqlTypeName.BOOLEAN, SqlTypeName.VARCHAR,
                    SqlTypeName.ANY, SqlTypeName.VARCHAR));
        }
        schema.add("pg_backend_pid", CatalogFunction.of("pgBackendPid", SqlTypeName.INTEGER));
        schema.add("now", CatalogFunction.of("now", SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE));
        for (String name : List.of("date_trunc", "DATE_TRUNC")) {
            // Calcite's grammar reads DATE_TRUNC as a built-in and keeps its upper-case name.
            schema.add(name, CatalogFunction.of("dateTrunc", SqlTypeName.TIMESTAMP, SqlTypeName.VARCHAR,
                    SqlTypeName.TIMESTAMP));
        }
        schema.add("array_upper", CatalogFunction.of("arrayUpper", SqlTypeName.INTEGER, SqlTypeName.ANY,
                SqlTypeName.ANY));
        schema.add("generate_series", org.apache.calcite.schema.impl.TableFunctionImpl.create(PgFunctions.class,
                "generateSeries"));
        schema.add("pg_postmaster_start_time", CatalogFunction.of("pgPostmasterStartTime",
                SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE));
        schema.add("pg_is_in_recovery", CatalogFunction.of("pgIsInRecovery", SqlTypeName.BOOLEAN));
        schema.add("pg_relation_is_publishable", CatalogFunction.of("pgRelationIsPublishable", SqlTypeName.BOOLEAN,
                SqlTypeName.ANY));
        schema.add("pg_get_statisticsobjdef_columns", CatalogFunction.of("pgGetStatisticsObjDefColumns",
                SqlTypeName.VARCHAR, SqlTypeName.BIGINT));
        for (String sizeFunction : List.of("pg_relation_size", "pg_table_size", "pg_total_relation_size",
                "pg_indexes_size")) {
            schema.add(sizeFunction, CatalogFunction.of("pgRelationSize", SqlTypeName.BIGINT, SqlTypeName.BIGINT));
        }
        schema.add("pg_size_pretty", CatalogFunction.of("pgSizePretty", SqlTypeName.VARCHAR, SqlTypeName.BIGINT));
        schema.add("quote_ident", CatalogFunction.of("quoteIdent", SqlTypeName.VARCHAR, SqlTypeName.VARCHAR));
        schema.add("array_to_string", CatalogFunction.of("arrayToString", SqlTypeName.VARCHAR, SqlTypeName.ANY,
                SqlTypeName.VARCHAR));
        schema.add("pg_options_to_table", org.apache.calcite.schema.impl.TableFunctionImpl.create(PgFunctions.class,
                "pgOptionsToTable"));
        schema.add("quote_literal", CatalogFunction.of("quoteLiteral", SqlTypeName.VARCHAR, SqlTypeName.VARCHAR));
        for (String signatureFunction : List.of("pg_get_function_result", "pg_get_function_arguments",
                "pg_get_function_identity_arguments")) {
            schema.add(signatureFunction, CatalogFunction.of("pgGetFunctionText", SqlTypeName.VARCHAR,
                    SqlTypeName.BIGINT));
        }
        for (int arguments = 0; arguments <= 3; arguments++) {
            SqlTypeName[] parameters = new SqlTypeName[arguments + 1];
            java.util.Arrays.fill(parameters, SqlTypeName.VARCHAR);
            schema.add("format", CatalogFunction.of("format", SqlTypeName.VARCHAR, parameters));
        }
        schema.add("string_to_array", CatalogFunction.of("stringToArray", SqlTypeName.ARRAY, SqlTypeName.VARCHAR,
                SqlTypeName.VARCHAR));
        schema.add("array_lower", CatalogFunction.of("arrayLower", SqlTypeName.INTEGER, SqlTypeName.ANY,
                SqlTypeName.ANY));
        schema.add("array_length", CatalogFunction.of("arrayLength", SqlTypeName.INTEGER, SqlTypeName.ANY,
                SqlTypeName.ANY));
        schema.add("parse_ident", CatalogFunction.of("parseIdent", SqlTypeName.ARRAY, SqlTypeName.VARCHAR));
        schema.add("catalog_array_element", CatalogFunction.of("catalogArrayElement", SqlTypeName.INTEGER,
                SqlTypeName.VARCHAR, SqlTypeName.INTEGER));
        schema.add("catalog_array_contains", CatalogFunction.of("catalogArrayContains", SqlTypeName.BOOLEAN,
                SqlTypeName.VARCHAR, SqlTypeName.INTEGER));
        for (String definitionFunction : List.of("pg_get_partkeydef", "pg_get_ruledef", "pg_get_triggerdef")) {
            schema.add(definitionFunction, CatalogFunction.of("pgGetUnknownDefinition", SqlTypeName.VARCHAR,
                    SqlTypeName.BIGINT));
        }
        for (String statisticsFunction : List.of("pg_stat_get_numscans", "pg_stat_get_tuples_returned",
                "pg_stat_get_tuples_fetched")) {
            schema.add(statisticsFunction, CatalogFunction.of("pgStatUnknown", SqlTypeName.BIGINT,
                    SqlTypeName.BIGINT));
        }
        schema.add("regclass", CatalogFunction.of("regclass", SqlTypeName.BIGINT, SqlTypeName.VARCHAR));
        schema.add("to_regclass", CatalogFunction.of("toRegclass", SqlTypeName.BIGINT, SqlTypeName.VARCHAR));
        schema.add("regclass_name", CatalogFunction.of("regclassName", SqlTypeName.VARCHAR, SqlTypeName.BIGINT));
    }

    private static List<SystemTableDefinition> definitions() {
        List<SystemTableDefinition> definitions = new ArrayList<>();
        for (SystemTableSource source : PG_CATALOG_TABLES) {
            definitions.add(source.definition());
        }
        for (SystemTableSource source : INFORMATION_SCHEMA_TABLES) {
            definitions.add(source.definition());
        }
        for (SystemTableSource source : FRESHET_CATALOG_TABLES) {
            definitions.add(source.definition());
        }
        return List.copyOf(definitions);
    }
}
