package dev.freshet.server.catalog;

import java.util.List;

import dev.freshet.server.catalog.PgCatalogSnapshot.Attribute;
import dev.freshet.server.catalog.PgCatalogSnapshot.Namespace;
import dev.freshet.server.catalog.PgCatalogSnapshot.Relation;

/**
 * The views of {@code information_schema} BI tools and ORMs read, with the SQL standard's column
 * names and PostgreSQL's spellings of the values ({@code BASE TABLE}, {@code character varying},
 * {@code YES}/{@code NO}). The standard's domains are plain types here: {@code sql_identifier} is
 * name, {@code character_data} and {@code yes_or_no} are varchar, {@code cardinal_number} is int4.
 */
final class InformationSchemaTables {
    private static final String SCHEMA = PgCatalogSnapshot.INFORMATION_SCHEMA;
    /** PostgreSQL's {@code character_octet_length} of unbounded text: 1 GB. */
    private static final int MAX_TEXT_OCTETS = 1073741824;
    /** UTF-8 needs at most four bytes a character. */
    private static final int MAX_BYTES_PER_CHARACTER = 4;
    /** Fractional-second digits Freshet keeps (milliseconds). */
    private static final int DATETIME_PRECISION = 3;
    private static final int VARHDRSZ = 4;

    static final SystemTableDefinition SCHEMATA = view("schemata", 13101)
            .column("catalog_name", PgType.NAME).column("schema_name", PgType.NAME)
            .column("schema_owner", PgType.NAME).column("default_character_set_catalog", PgType.NAME)
            .column("default_character_set_schema", PgType.NAME).column("default_character_set_name", PgType.NAME)
            .column("sql_path", PgType.VARCHAR).build();

    static final SystemTableDefinition TABLES = view("tables", 13102)
            .column("table_catalog", PgType.NAME).column("table_schema", PgType.NAME)
            .column("table_name", PgType.NAME).column("table_type", PgType.VARCHAR)
            .column("self_referencing_column_name", PgType.NAME).column("reference_generation", PgType.VARCHAR)
            .column("user_defined_type_catalog", PgType.NAME).column("user_defined_type_schema", PgType.NAME)
            .column("user_defined_type_name", PgType.NAME).column("is_insertable_into", PgType.VARCHAR)
            .column("is_typed", PgType.VARCHAR).column("commit_action", PgType.VARCHAR).build();

    static final SystemTableDefinition COLUMNS = view("columns", 13103)
            .column("table_catalog", PgType.NAME).column("table_schema", PgType.NAME)
            .column("table_name", PgType.NAME).column("column_name", PgType.NAME)
            .column("ordinal_position", PgType.INT4).column("column_default", PgType.VARCHAR)
            .column("is_nullable", PgType.VARCHAR).column("data_type", PgType.VARCHAR)
            .column("character_maximum_length", PgType.INT4).column("character_octet_length", PgType.INT4)
            .column("numeric_precision", PgType.INT4).column("numeric_precision_radix", PgType.INT4)
            .column("numeric_scale", PgType.INT4).column("datetime_precision", PgType.INT4)
            .column("interval_type", PgType.VARCHAR).column("interval_precision", PgType.INT4)
            .column("character_set_catalog", PgType.NAME).column("character_set_schema", PgType.NAME)
            .column("character_set_name", PgType.NAME).column("collation_catalog", PgType.NAME)
            .column("collation_schema", PgType.NAME).column("collation_name", PgType.NAME)
            .column("domain_catalog", PgType.NAME).column("domain_schema", PgType.NAME)
            .column("domain_name", PgType.NAME).column("udt_catalog", PgType.NAME)
            .column("udt_schema", PgType.NAME).column("udt_name", PgType.NAME)
            .column("scope_catalog", PgType.NAME).column("scope_schema", PgType.NAME)
            .column("scope_name", PgType.NAME).column("maximum_cardinality", PgType.INT4)
            .column("dtd_identifier", PgType.NAME).column("is_self_referencing", PgType.VARCHAR)
            .column("is_identity", PgType.VARCHAR).column("identity_generation", PgType.VARCHAR)
            .column("identity_start", PgType.VARCHAR).column("identity_increment", PgType.VARCHAR)
            .column("identity_maximum", PgType.VARCHAR).column("identity_minimum", PgType.VARCHAR)
            .column("identity_cycle", PgType.VARCHAR).column("is_generated", PgType.VARCHAR)
            .column("generation_expression", PgType.VARCHAR).column("is_updatable", PgType.VARCHAR).build();

    static final SystemTableDefinition VIEWS = view("views", 13104)
            .column("table_catalog", PgType.NAME).column("table_schema", PgType.NAME)
            .column("table_name", PgType.NAME).column("view_definition", PgType.VARCHAR)
            .column("check_option", PgType.VARCHAR).column("is_updatable", PgType.VARCHAR)
            .column("is_insertable_into", PgType.VARCHAR).column("is_trigger_updatable", PgType.VARCHAR)
            .column("is_trigger_deletable", PgType.VARCHAR).column("is_trigger_insertable_into", PgType.VARCHAR)
            .build();

    static final SystemTableDefinition TABLE_CONSTRAINTS = view("table_constraints", 13105)
            .column("constraint_catalog", PgType.NAME).column("constraint_schema", PgType.NAME)
            .column("constraint_name", PgType.NAME).column("table_catalog", PgType.NAME)
            .column("table_schema", PgType.NAME).column("table_name", PgType.NAME)
            .column("constraint_type", PgType.VARCHAR).column("is_deferrable", PgType.VARCHAR)
            .column("initially_deferred", PgType.VARCHAR).column("enforced", PgType.VARCHAR)
            .column("nulls_distinct", PgType.VARCHAR).build();

    static final SystemTableDefinition KEY_COLUMN_USAGE = view("key_column_usage", 13106)
            .column("constraint_catalog", PgType.NAME).column("constraint_schema", PgType.NAME)
            .column("constraint_name", PgType.NAME).column("table_catalog", PgType.NAME)
            .column("table_schema", PgType.NAME).column("table_name", PgType.NAME)
            .column("column_name", PgType.NAME).column("ordinal_position", PgType.INT4)
            .column("position_in_unique_constraint", PgType.INT4).build();

    private InformationSchemaTables() {
    }

    static List<SystemTableSource> sources() {
        return List.of(
                new SystemTableSource(SCHEMATA, InformationSchemaTables::schemata),
                new SystemTableSource(TABLES, InformationSchemaTables::tables),
                new SystemTableSource(COLUMNS, InformationSchemaTables::columns),
                new SystemTableSource(VIEWS, InformationSchemaTables::views),
                new SystemTableSource(TABLE_CONSTRAINTS, InformationSchemaTables::tableConstraints),
                new SystemTableSource(KEY_COLUMN_USAGE, InformationSchemaTables::keyColumnUsage));
    }

    private static SystemTableDefinition.Builder view(String name, long oid) {
        return SystemTableDefinition.builder(SCHEMA, name, oid, "v");
    }

    private static List<Object[]> schemata(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(SCHEMATA);
        for (Namespace namespace : snapshot.namespaces()) {
            rows.add().set("catalog_name", snapshot.database()).set("schema_name", namespace.name())
                    .set("schema_owner", snapshot.user());
        }
        return rows.rows();
    }

    private static List<Object[]> tables(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(TABLES);
        for (Relation relation : snapshot.relations()) {
            String type = tableType(relation);
            if (type == null) {
                continue;
            }
            boolean insertable = relation.relationKind().equals("r") && relation.isUserRelation();
            rows.add().set("table_catalog", snapshot.database()).set("table_schema", relation.namespace().name())
                    .set("table_name", relation.name()).set("table_type", type)
                    .set("is_insertable_into", yesOrNo(insertable)).set("is_typed", "NO");
        }
        return rows.rows();
    }

    /**
     * {@code BASE TABLE}, {@code VIEW} or {@code FOREIGN} (a source); null for relations the
     * standard does not list (indexes). PostgreSQL leaves materialized views out of
     * information_schema; Freshet lists them as views, because they are what users query and
     * tools that read only information_schema (Grafana) would otherwise not offer them.
     */
    private static String tableType(Relation relation) {
        return switch (relation.relationKind()) {
            case "r" -> "BASE TABLE";
            case "v", "m" -> "VIEW";
            case "f" -> "FOREIGN";
            default -> null;
        };
    }

    private static List<Object[]> columns(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(COLUMNS);
        for (Relation relation : snapshot.relations()) {
            if (tableType(relation) == null) {
                continue;
            }
            for (Attribute attribute : relation.attributes()) {
                PgType type = attribute.type();
                SystemRows.Row row = rows.add()
                        .set("table_catalog", snapshot.database()).set("table_schema", relation.namespace().name())
                        .set("table_name", relation.name()).set("column_name", attribute.name())
                        .set("ordinal_position", attribute.number())
                        .set("column_default", attribute.defaultExpression())
                        .set("is_nullable", yesOrNo(!attribute.notNull())).set("data_type", dataType(type))
                        .set("udt_catalog", snapshot.database()).set("udt_schema", "pg_catalog")
                        .set("udt_name", type.typeName()).set("dtd_identifier", attribute.number())
                        .set("is_self_referencing", "NO").set("is_identity", "NO").set("identity_cycle", "NO")
                        .set("is_generated", "NEVER")
                        .set("is_updatable", yesOrNo(relation.relationKind().equals("r")
                                && relation.isUserRelation()));
                describeType(row, type, attribute.typmod());
            }
        }
        return rows.rows();
    }

    /** Fills the length, precision and scale columns the standard defines for the type. */
    private static void describeType(SystemRows.Row row, PgType type, int typmod) {
        switch (type) {
            case VARCHAR, BPCHAR -> {
                if (typmod > VARHDRSZ) {
                    row.set("character_maximum_length", typmod - VARHDRSZ)
                            .set("character_octet_length", (typmod - VARHDRSZ) * MAX_BYTES_PER_CHARACTER);
                } else {
                    row.set("character_octet_length", MAX_TEXT_OCTETS);
                }
            }
            case TEXT -> row.set("character_octet_length", MAX_TEXT_OCTETS);
            case INT2 -> binaryPrecision(row, 16);
            case INT4 -> binaryPrecision(row, 32);
            case INT8 -> binaryPrecision(row, 64);
            case FLOAT4 -> row.set("numeric_precision", 24).set("numeric_precision_radix", 2);
            case FLOAT8 -> row.set("numeric_precision", 53).set("numeric_precision_radix", 2);
            case NUMERIC -> {
                row.set("numeric_precision_radix", 10);
                if (typmod >= VARHDRSZ) {
                    row.set("numeric_precision", ((typmod - VARHDRSZ) >> 16) & 0xffff)
                            .set("numeric_scale", (typmod - VARHDRSZ) & 0xffff);
                }
            }
            case DATE -> row.set("datetime_precision", 0);
            case TIME, TIMESTAMP, TIMESTAMPTZ -> row.set("datetime_precision", DATETIME_PRECISION);
            case INTERVAL -> row.set("datetime_precision", DATETIME_PRECISION)
                    .set("interval_precision", DATETIME_PRECISION);
            default -> {
                // No length, precision or scale to describe.
            }
        }
    }

    private static void binaryPrecision(SystemRows.Row row, int bits) {
        row.set("numeric_precision", bits).set("numeric_precision_radix", 2).set("numeric_scale", 0);
    }

    /** The type as information_schema.columns.data_type spells it. */
    static String dataType(PgType type) {
        return switch (type) {
            case BOOL -> "boolean";
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case INT8 -> "bigint";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case VARCHAR -> "character varying";
            case BPCHAR -> "character";
            case TIME -> "time without time zone";
            case TIMESTAMP -> "timestamp without time zone";
            case TIMESTAMPTZ -> "timestamp with time zone";
            case TEXT_ARRAY, CHAR_ARRAY, OID_ARRAY, INT2VECTOR, OIDVECTOR -> "ARRAY";
            case CHAR -> "\"char\"";
            default -> type.typeName();
        };
    }

    private static List<Object[]> views(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(VIEWS);
        for (Relation relation : snapshot.relations()) {
            if ("VIEW".equals(tableType(relation)) && relation.isUserRelation()) {
                rows.add().set("table_catalog", snapshot.database()).set("table_schema", relation.namespace().name())
                        .set("table_name", relation.name()).set("view_definition", relation.viewQuery())
                        .set("check_option", "NONE").set("is_updatable", "NO").set("is_insertable_into", "NO")
                        .set("is_trigger_updatable", "NO").set("is_trigger_deletable", "NO")
                        .set("is_trigger_insertable_into", "NO");
            }
        }
        return rows.rows();
    }

    private static List<Object[]> tableConstraints(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(TABLE_CONSTRAINTS);
        for (Relation relation : snapshot.relations()) {
            if (relation.primaryKey() != null) {
                rows.add().set("constraint_catalog", snapshot.database())
                        .set("constraint_schema", relation.namespace().name())
                        .set("constraint_name", relation.primaryKey().name())
                        .set("table_catalog", snapshot.database()).set("table_schema", relation.namespace().name())
                        .set("table_name", relation.name()).set("constraint_type", "PRIMARY KEY")
                        .set("is_deferrable", "NO").set("initially_deferred", "NO").set("enforced", "YES")
                        .set("nulls_distinct", "YES");
            }
        }
        return rows.rows();
    }

    private static List<Object[]> keyColumnUsage(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(KEY_COLUMN_USAGE);
        for (Relation relation : snapshot.relations()) {
            if (relation.primaryKey() == null) {
                continue;
            }
            List<Integer> key = relation.primaryKey().columnNumbers();
            for (int position = 1; position <= key.size(); position++) {
                rows.add().set("constraint_catalog", snapshot.database())
                        .set("constraint_schema", relation.namespace().name())
                        .set("constraint_name", relation.primaryKey().name())
                        .set("table_catalog", snapshot.database()).set("table_schema", relation.namespace().name())
                        .set("table_name", relation.name())
                        .set("column_name", relation.attributes().get(key.get(position - 1) - 1).name())
                        .set("ordinal_position", position);
            }
        }
        return rows.rows();
    }

    private static String yesOrNo(boolean value) {
        return value ? "YES" : "NO";
    }
}
