package dev.freshet.server.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.calcite.DataContext;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.executor.DataflowStatus;
import dev.freshet.planner.Catalog;
import dev.freshet.planner.CatalogObject;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.MaterializedViewDescriptor;
import dev.freshet.planner.ObjectKind;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.SqlPlanner;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.planner.ViewDescriptor;
import dev.freshet.server.metrics.PlanCounters;

/**
 * PostgreSQL's view of one catalog snapshot, for one statement: every relation with its OID,
 * attributes, primary-key index and constraint, plus the session facts the catalog functions
 * report (user, database, settings) and the dataflow {@code freshet_catalog} reports on. The
 * system tables' rows and the catalog functions are both computed from it, so that they always
 * agree.
 *
 * <p>OIDs are stable: a user object's relation OID is {@value #FIRST_USER_OID} plus its id (ids are
 * never reused); its primary-key index, constraint and column defaults take OIDs in ranges of
 * their own above 2^30, still below 2^31 so that clients reading OIDs as int see them positive.
 */
public final class PgCatalogSnapshot {
    /** PostgreSQL's first OID for user objects. */
    public static final long FIRST_USER_OID = 16384;
    public static final long PG_CATALOG_OID = 11;
    public static final long PUBLIC_OID = 2200;
    public static final long INFORMATION_SCHEMA_OID = 13000;
    public static final long FRESHET_CATALOG_OID = 13100;
    /** The bootstrap superuser's OID in PostgreSQL; Freshet's only role. */
    public static final long SUPERUSER_OID = 10;
    public static final long DATABASE_OID = 16383;
    public static final long HEAP_AM_OID = 2;
    public static final long BTREE_AM_OID = 403;
    public static final long DEFAULT_COLLATION_OID = 100;
    public static final String INFORMATION_SCHEMA = "information_schema";
    public static final String FRESHET_CATALOG = "freshet_catalog";

    private static final long INDEX_OID_BASE = 1L << 30;
    private static final long CONSTRAINT_OID_BASE = INDEX_OID_BASE + (1L << 28);
    private static final long DEFAULT_OID_BASE = INDEX_OID_BASE + (1L << 29);
    /** PostgreSQL's limit on columns per table, so that default OIDs of two tables never meet. */
    private static final long MAX_COLUMNS = 1600;

    private static final List<Namespace> NAMESPACES = List.of(
            new Namespace(PG_CATALOG_OID, SqlPlanner.PG_CATALOG_SCHEMA),
            new Namespace(PUBLIC_OID, SqlPlanner.PUBLIC_SCHEMA),
            new Namespace(INFORMATION_SCHEMA_OID, INFORMATION_SCHEMA),
            new Namespace(FRESHET_CATALOG_OID, FRESHET_CATALOG));

    private final Catalog catalog;
    private final List<SystemTableDefinition> systemTables;
    private final String user;
    private final String database;
    private final Supplier<Map<String, String>> settings;
    private final DataflowStatus dataflow;
    private final PlanCounters planCounters;
    private Relations relations;

    PgCatalogSnapshot(Catalog catalog, List<SystemTableDefinition> systemTables, String user, String database,
            Supplier<Map<String, String>> settings, DataflowStatus dataflow, PlanCounters planCounters) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.systemTables = List.copyOf(requireNonNull(systemTables, "systemTables is null"));
        this.user = requireNonNull(user, "user is null");
        this.database = requireNonNull(database, "database is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.dataflow = requireNonNull(dataflow, "dataflow is null");
        this.planCounters = requireNonNull(planCounters, "planCounters is null");
    }

    /**
     * The relations, derived on first use: every statement's plan gets a snapshot, and most
     * statements never read the catalog.
     */
    private synchronized Relations loadedRelations() {
        if (relations == null) {
            relations = deriveRelations();
        }
        return relations;
    }

    private Relations deriveRelations() {
        List<Relation> all = new ArrayList<>();
        for (SystemTableDefinition definition : systemTables) {
            all.add(systemRelation(definition));
        }
        for (CatalogObject object : catalog.objects()) {
            Relation relation = userRelation(object);
            if (relation == null) {
                continue;
            }
            all.add(relation);
            if (relation.primaryKey() != null) {
                all.add(indexRelation(relation));
            }
        }
        Map<Long, Relation> byOid = new HashMap<>();
        for (Relation relation : all) {
            byOid.put(relation.oid(), relation);
        }
        return new Relations(Collections.unmodifiableList(all), Collections.unmodifiableMap(byOid));
    }

    /** The relations in pg_class order and by OID. */
    private record Relations(List<Relation> inOrder, Map<Long, Relation> byOid) {
    }

    /**
     * The snapshot of the statement a catalog function runs in, found through the system tables
     * the extension registered in the plan's root schema.
     */
    static PgCatalogSnapshot of(DataContext context) {
        SchemaPlus pgCatalog = context.getRootSchema().getSubSchema(SqlPlanner.PG_CATALOG_SCHEMA);
        Table table = pgCatalog == null ? null : pgCatalog.tables().get("pg_class");
        if (!(table instanceof SystemTable systemTable)) {
            throw new IllegalStateException("a catalog function ran in a plan without PgCatalogExtension");
        }
        return systemTable.snapshot();
    }

    public static long relationOid(long objectId) {
        return FIRST_USER_OID + objectId;
    }

    public static long primaryKeyIndexOid(long objectId) {
        return INDEX_OID_BASE + objectId;
    }

    public static long primaryKeyConstraintOid(long objectId) {
        return CONSTRAINT_OID_BASE + objectId;
    }

    public static long defaultOid(long objectId, int attributeNumber) {
        return DEFAULT_OID_BASE + objectId * MAX_COLUMNS + attributeNumber;
    }

    String user() {
        return user;
    }

    /** Freshet's catalog as the statement was planned against it. */
    Catalog catalog() {
        return catalog;
    }

    /** The running dataflow: the views' watermarks and state tables. */
    DataflowStatus dataflow() {
        return dataflow;
    }

    String database() {
        return database;
    }

    /** The server's counts of statements planned and of cached plans reused. */
    PlanCounters planCounters() {
        return planCounters;
    }

    /** The settings now, with the session's values over PostgreSQL's defaults. */
    List<PgSettings.Setting> settings() {
        return PgSettings.merge(settings.get());
    }

    /** The value of a setting (any case), or null when there is none. */
    String setting(String name) {
        for (PgSettings.Setting setting : settings()) {
            if (setting.name().equalsIgnoreCase(name)) {
                return setting.value();
            }
        }
        return null;
    }

    List<Namespace> namespaces() {
        return NAMESPACES;
    }

    static Namespace namespace(long oid) {
        for (Namespace namespace : NAMESPACES) {
            if (namespace.oid() == oid) {
                return namespace;
            }
        }
        return null;
    }

    static Namespace namespace(String name) {
        for (Namespace namespace : NAMESPACES) {
            if (namespace.name().equals(name)) {
                return namespace;
            }
        }
        return null;
    }

    /** Every relation: system tables and views, user tables and views, primary-key indexes. */
    List<Relation> relations() {
        return loadedRelations().inOrder();
    }

    /** The relation with this OID, or null. */
    Relation relation(long oid) {
        return loadedRelations().byOid().get(oid);
    }

    /**
     * The OID of a relation named as {@code regclass} input takes it: {@code name},
     * {@code schema.name}, either part double-quoted; unqualified names search {@code public}
     * then {@code pg_catalog}, as PostgreSQL's default search path does.
     *
     * @throws FreshetException {@code UNDEFINED_TABLE} when no relation has that name
     */
    long resolveRelation(String text) {
        List<String> parts = splitQualifiedName(text);
        List<String> schemas = parts.size() == 2
                ? List.of(parts.get(0))
                : List.of(SqlPlanner.PUBLIC_SCHEMA, SqlPlanner.PG_CATALOG_SCHEMA);
        String name = parts.get(parts.size() - 1);
        for (String schema : schemas) {
            for (Relation relation : relations()) {
                if (relation.name().equals(name) && relation.namespace().name().equals(schema)) {
                    return relation.oid();
                }
            }
        }
        throw new FreshetException(ErrorCode.UNDEFINED_TABLE, "relation \"" + text + "\" does not exist");
    }

    /** True when a relation is found by its unqualified name, i.e. its schema is on the search path. */
    boolean isVisible(long oid) {
        Relation relation = relation(oid);
        if (relation == null) {
            return false;
        }
        String schema = relation.namespace().name();
        return schema.equals(SqlPlanner.PUBLIC_SCHEMA) || schema.equals(SqlPlanner.PG_CATALOG_SCHEMA);
    }

    /** What {@code pg_get_indexdef} prints for a primary-key index. */
    static String indexDefinition(Relation index) {
        Relation table = index.indexedTable();
        return "CREATE UNIQUE INDEX " + PgIdentifiers.quote(index.name()) + " ON "
                + PgIdentifiers.quote(table.namespace().name()) + "." + PgIdentifiers.quote(table.name())
                + " USING btree (" + keyColumns(table) + ")";
    }

    /** What {@code pg_get_constraintdef} prints for a table's primary key. */
    static String constraintDefinition(Relation table) {
        return "PRIMARY KEY (" + keyColumns(table) + ")";
    }

    private static String keyColumns(Relation table) {
        List<String> names = new ArrayList<>();
        for (int number : table.primaryKey().columnNumbers()) {
            names.add(PgIdentifiers.quote(table.attributes().get(number - 1).name()));
        }
        return String.join(", ", names);
    }

    /** The table whose primary-key constraint has this OID, or null. */
    Relation tableOfConstraint(long constraintOid) {
        for (Relation relation : relations()) {
            if (relation.primaryKey() != null && relation.primaryKey().constraintOid() == constraintOid) {
                return relation;
            }
        }
        return null;
    }

    private static List<String> splitQualifiedName(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(quoted ? c : Character.toLowerCase(c));
            }
        }
        parts.add(part.toString());
        if (parts.size() > 2) {
            throw new FreshetException(ErrorCode.UNDEFINED_TABLE, "relation \"" + text + "\" does not exist")
                    .withHint("Name a relation as name or schema.name.");
        }
        return parts;
    }

    private static Relation systemRelation(SystemTableDefinition definition) {
        List<Attribute> attributes = new ArrayList<>();
        int number = 1;
        for (SystemColumn column : definition.columns()) {
            attributes.add(new Attribute(number++, column.name(), column.type(), -1, false, null, 0));
        }
        return new Relation(definition.oid(), definition.name(), namespace(definition.schema()),
                definition.relationKind(), attributes, null, null, null, null);
    }

    private static Relation userRelation(CatalogObject object) {
        String kind = relationKind(object.objectKind());
        if (kind == null) {
            return null;
        }
        List<Attribute> attributes = new ArrayList<>();
        int number = 1;
        for (ColumnDescriptor column : object.columns()) {
            long defaultOid = column.defaultExpression() == null ? 0 : defaultOid(object.id(), number);
            attributes.add(new Attribute(number, column.name(), PgType.of(column.type()), PgType.typmod(column.type()),
                    !column.nullable() && kind.equals("r"), column.defaultExpression(), defaultOid));
            number++;
        }
        PrimaryKey primaryKey = null;
        if (object instanceof TableDescriptor table && !table.primaryKey().isEmpty()) {
            List<Integer> keyNumbers = new ArrayList<>();
            for (int index : table.primaryKey()) {
                keyNumbers.add(index + 1);
            }
            primaryKey = new PrimaryKey(primaryKeyIndexOid(object.id()), primaryKeyConstraintOid(object.id()),
                    object.name() + "_pkey", keyNumbers);
        }
        String viewQuery = null;
        if (object instanceof ViewDescriptor view) {
            viewQuery = view.query();
        } else if (object instanceof MaterializedViewDescriptor materializedView) {
            viewQuery = materializedView.query();
        }
        ForeignTable foreignTable = null;
        if (object instanceof SourceDescriptor source) {
            foreignTable = ForeignTable.of(source);
        }
        return new Relation(relationOid(object.id()), object.name(), namespace(PUBLIC_OID), kind, attributes,
                primaryKey, viewQuery, null, foreignTable);
    }

    /**
     * pg_class's relkind of a Freshet object; null for sinks, which are no relation. A source is a
     * foreign table to PostgreSQL clients: rows that live outside the database.
     */
    private static String relationKind(ObjectKind kind) {
        return switch (kind) {
            case TABLE -> "r";
            case VIEW -> "v";
            case MATERIALIZED_VIEW -> "m";
            case SOURCE -> "f";
            case SINK -> null;
        };
    }

    private static Relation indexRelation(Relation table) {
        List<Attribute> attributes = new ArrayList<>();
        int number = 1;
        for (int keyNumber : table.primaryKey().columnNumbers()) {
            Attribute column = table.attributes().get(keyNumber - 1);
            attributes.add(new Attribute(number++, column.name(), column.type(), column.typmod(), false, null, 0));
        }
        return new Relation(table.primaryKey().indexOid(), table.primaryKey().name(), table.namespace(), "i",
                attributes, null, null, table, null);
    }

    /** A schema. */
    record Namespace(long oid, String name) {
    }

    /**
     * A relation of pg_class.
     *
     * @param relationKind r table, v view, m materialized view, f foreign table (a source), i index
     * @param primaryKey the primary key of a table that has one, else null
     * @param viewQuery the query of a view or materialized view, else null
     * @param indexedTable the table of an index, else null
     * @param foreignTable the connector and options of a source, else null
     */
    record Relation(long oid, String name, Namespace namespace, String relationKind, List<Attribute> attributes,
            PrimaryKey primaryKey, String viewQuery, Relation indexedTable, ForeignTable foreignTable) {
        Relation {
            attributes = List.copyOf(attributes);
        }

        boolean isUserRelation() {
            return oid >= FIRST_USER_OID;
        }
    }

    /**
     * A column of a relation.
     *
     * @param number the 1-based attnum
     * @param typmod PostgreSQL's atttypmod, -1 when the type has no modifier
     * @param defaultExpression the DEFAULT as SQL text, or null
     * @param defaultOid the pg_attrdef OID of the default, 0 when there is none
     */
    record Attribute(int number, String name, PgType type, int typmod, boolean notNull, String defaultExpression,
            long defaultOid) {
    }

    /**
     * A primary key: the index PostgreSQL would build for it and the constraint.
     *
     * @param columnNumbers the 1-based attnums of the key columns, in key order
     */
    record PrimaryKey(long indexOid, long constraintOid, String name, List<Integer> columnNumbers) {
        PrimaryKey {
            columnNumbers = List.copyOf(columnNumbers);
        }
    }

    /**
     * What PostgreSQL's foreign-table catalogs say of a source: its connector stands for the
     * foreign server (see {@link ForeignServers}), its WITH options (without {@code connector})
     * for the table's options.
     *
     * @param options option name to value, in the order written; secrets are masked
     */
    record ForeignTable(String connector, Map<String, String> options) {
        ForeignTable {
            requireNonNull(connector, "connector is null");
            options = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }

        static ForeignTable of(SourceDescriptor source) {
            Map<String, String> options = new java.util.LinkedHashMap<>();
            source.options().forEach((name, value) -> {
                if (!name.equals("connector")) {
                    options.put(name, ForeignServers.isSecret(name) ? ForeignServers.MASK : value);
                }
            });
            return new ForeignTable(source.connector(), options);
        }
    }
}
