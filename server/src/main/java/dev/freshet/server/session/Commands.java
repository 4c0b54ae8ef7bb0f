package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.parser.ddl.SqlCloseCursor;
import dev.freshet.parser.ddl.SqlColumnDeclaration;
import dev.freshet.parser.ddl.SqlCopyTo;
import dev.freshet.parser.FreshetSqlParser;
import dev.freshet.parser.ddl.SqlCreateMaterializedView;
import dev.freshet.parser.ddl.SqlCreateRelation;
import dev.freshet.parser.ddl.SqlCreateSink;
import dev.freshet.parser.ddl.SqlCreateSource;
import dev.freshet.parser.ddl.SqlCreateTable;
import dev.freshet.parser.ddl.SqlCreateView;
import dev.freshet.parser.ddl.SqlDeclareCursor;
import dev.freshet.parser.ddl.SqlDescribeObject;
import dev.freshet.parser.ddl.SqlDropObject;
import dev.freshet.parser.ddl.SqlFetch;
import dev.freshet.parser.ddl.SqlFlush;
import dev.freshet.parser.ddl.SqlResetParameter;
import dev.freshet.parser.ddl.SqlSetParameter;
import dev.freshet.parser.ddl.SqlSetTransaction;
import dev.freshet.parser.ddl.SqlShowCreate;
import dev.freshet.parser.ddl.SqlShowObjects;
import dev.freshet.parser.ddl.SqlShowParameter;
import dev.freshet.parser.ddl.SqlSubscribe;
import dev.freshet.parser.ddl.SqlTransaction;
import dev.freshet.executor.sink.SinkConnector;
import dev.freshet.executor.source.ConnectorOptions;
import dev.freshet.executor.source.SourceConnector;
import dev.freshet.executor.source.SourceDefinition;
import dev.freshet.planner.BatchModify;
import dev.freshet.planner.BatchQuery;
import dev.freshet.planner.Catalog;
import dev.freshet.planner.CatalogObject;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;
import dev.freshet.planner.DataTypes;
import dev.freshet.planner.ObjectKind;
import dev.freshet.planner.QueryDescription;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.planner.MaterializedViewDescriptor;
import dev.freshet.planner.ViewDescriptor;
import dev.freshet.planner.stream.StreamPlan;
import dev.freshet.planner.WatermarkDescriptor;
import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgNotice;
import dev.freshet.server.pgwire.PgStatement;
import dev.freshet.server.pgwire.PgType;

/**
 * The statements that are not queries or DML: DDL, SHOW, SET, transaction control, EXPLAIN.
 * Each is checked when prepared and carried out when its portal runs, as PostgreSQL does.
 */
final class Commands {
    /** The column Freshet reserves for the hidden row id of tables without primary key. */
    private static final String ROW_ID_COLUMN = "_row_id";

    private final FreshetSession session;
    private final Database database;

    Commands(FreshetSession session, Database database) {
        this.session = requireNonNull(session, "session is null");
        this.database = requireNonNull(database, "database is null");
    }

    /** True for the statements a failed transaction block still accepts. */
    static boolean endsTransaction(SqlNode node) {
        return node instanceof SqlTransaction transaction
                && transaction.transactionKind() != SqlTransaction.Kind.BEGIN;
    }

    PgStatement prepare(SqlNode node, String sql) {
        if (node instanceof SqlCreateTable create) {
            return ResultStatement.command(parameters -> createTable(create, sql));
        }
        if (node instanceof SqlCreateView create) {
            return ResultStatement.command(parameters -> createView(create, sql));
        }
        if (node instanceof SqlDropObject drop) {
            return ResultStatement.command(parameters -> drop(drop));
        }
        if (node instanceof SqlCreateSource create) {
            return ResultStatement.command(parameters -> createSource(create, sql));
        }
        if (node instanceof SqlCreateMaterializedView create) {
            return ResultStatement.command(parameters -> createMaterializedView(create, sql));
        }
        if (node instanceof SqlCreateSink create) {
            return ResultStatement.command(parameters -> createSink(create, sql));
        }
        if (node instanceof SqlSubscribe subscribe) {
            return SubscribeStatement.prepare(subscribe, session, database);
        }
        if (node instanceof SqlCopyTo copy) {
            return CopyStatement.of(rowsOf(copy.source(), sql), copy.optionMap());
        }
        if (node instanceof SqlDeclareCursor declare) {
            return session.cursors().declare(declare, rowsOf(declare.query(), sql));
        }
        if (node instanceof SqlFetch fetch) {
            return session.cursors().fetch(fetch);
        }
        if (node instanceof SqlCloseCursor close) {
            return session.cursors().close(close);
        }
        if (node instanceof SqlShowObjects show) {
            return rows(List.of(PgColumn.of("name", PgType.TEXT)), () -> showObjects(show));
        }
        if (node instanceof SqlShowCreate show) {
            return rows(List.of(PgColumn.of("name", PgType.TEXT), PgColumn.of("create_sql", PgType.TEXT)),
                    () -> showCreate(show));
        }
        if (node instanceof SqlDescribeObject describe) {
            return rows(List.of(PgColumn.of("name", PgType.TEXT), PgColumn.of("type", PgType.TEXT),
                    PgColumn.of("nullable", PgType.BOOL), PgColumn.of("primary_key", PgType.BOOL),
                    PgColumn.of("default", PgType.TEXT)), () -> describe(describe));
        }
        if (node instanceof SqlShowParameter show) {
            return showParameter(show);
        }
        if (node instanceof SqlSetParameter set) {
            return ResultStatement.command(parameters -> {
                session.settings().set(set.name(), set.isDefault() ? null : settingValue(set.values()));
                return ResultStatement.Result.tag("SET");
            });
        }
        if (node instanceof SqlResetParameter reset) {
            return ResultStatement.command(parameters -> {
                if (reset.isAll()) {
                    session.settings().resetAll();
                } else {
                    session.settings().set(reset.name(), null);
                }
                return ResultStatement.Result.tag("RESET");
            });
        }
        if (node instanceof SqlSetTransaction) {
            return ResultStatement.command(parameters -> ResultStatement.Result.tag("SET"));
        }
        if (node instanceof SqlTransaction transaction) {
            return ResultStatement.command(parameters -> ResultStatement.Result.tag(
                    switch (transaction.transactionKind()) {
                        case BEGIN -> {
                            session.begin();
                            yield "BEGIN";
                        }
                        case COMMIT -> session.commit();
                        case ROLLBACK -> session.rollback();
                    }));
        }
        if (node instanceof SqlFlush) {
            return ResultStatement.command(parameters -> {
                // A CancelRequest (Ctrl-C in psql or the shell) ends a FLUSH that waits for sources.
                database.flush(session::checkCanceled);
                // A failed view no longer keeps up; FLUSH succeeds for the others but says so.
                for (String view : database.failedViewNames()) {
                    session.notice(new PgNotice("WARNING", ErrorCode.INTERNAL_ERROR.sqlState(),
                            "materialized view " + view + " is not maintained: it stopped updating after an error, "
                                    + "and keeps the rows of its last committed epoch",
                            "The server log has the error. Drop the view and create it again to rebuild it."));
                }
                return ResultStatement.Result.tag("FLUSH");
            });
        }
        if (node instanceof SqlExplain explain) {
            return explain(explain.getExplicandum(), sql);
        }
        throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                node.getKind().sql.toLowerCase(Locale.ROOT).replace('_', ' ') + " statements are not supported yet");
    }

    /** The statement whose rows COPY or a cursor hands out: a SUBSCRIBE or a query. */
    private PgStatement rowsOf(SqlNode source, String sql) {
        if (source instanceof SqlSubscribe subscribe) {
            return SubscribeStatement.prepare(subscribe, session, database);
        }
        return session.prepareQuery(source, sql);
    }

    private PgStatement rows(List<PgColumn> columns, java.util.function.Supplier<List<Object[]>> rows) {
        return new ResultStatement(List.of(), columns, parameters -> {
            List<Object[]> result = rows.get();
            return new ResultStatement.Result("SHOW", result);
        });
    }

    private PgStatement explain(SqlNode statement, String sql) {
        String plan;
        if (statement.getKind() == SqlKind.INSERT || statement.getKind() == SqlKind.UPDATE
                || statement.getKind() == SqlKind.DELETE) {
            BatchModify modify = session.planner().planModify(statement, sql, List.of());
            plan = modify.operation() + " INTO " + modify.table().name() + "\n" + indent(modify.source().explain());
        } else if (statement.getKind().belongsTo(SqlKind.QUERY)) {
            BatchQuery query = session.planner().planQuery(statement, sql, List.of());
            plan = query.explain();
        } else if (statement instanceof SqlCreateMaterializedView create) {
            MaterializedView view = planMaterializedView(create, sql);
            plan = view.plan().explain(view.name());
        } else {
            throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "EXPLAIN of " + statement.getKind() + " is not supported yet")
                    .withHint("EXPLAIN a SELECT, INSERT, UPDATE, DELETE or CREATE MATERIALIZED VIEW.");
        }
        List<Object[]> rows = new ArrayList<>();
        for (String line : plan.split("\n")) {
            if (!line.isBlank()) {
                rows.add(new Object[] {line});
            }
        }
        return new ResultStatement(List.of(), List.of(PgColumn.of("QUERY PLAN", PgType.TEXT)),
                parameters -> new ResultStatement.Result("EXPLAIN", rows));
    }

    private static String indent(String text) {
        return text.lines().map(line -> "  " + line).collect(Collectors.joining("\n"));
    }

    private ResultStatement.Result createTable(SqlCreateTable create, String sql) {
        String name = simpleName(create.name());
        if (database.catalog().find(name).isPresent()) {
            return alreadyExists(database.catalog().find(name).get(), create.ifNotExists());
        }
        List<ColumnDescriptor> columns = declaredColumns(create);
        List<Integer> primaryKey = new ArrayList<>();
        List<String> keyOrder = new ArrayList<>(create.primaryKey());
        for (SqlColumnDeclaration declaration : create.columns()) {
            if (declaration.primaryKey() && !keyOrder.contains(declaration.simpleName())) {
                keyOrder.add(declaration.simpleName());
            }
        }
        if (keyOrder.size() > create.primaryKey().size() && !create.primaryKey().isEmpty()) {
            throw new FreshetException(ErrorCode.INVALID_TABLE_DEFINITION,
                    "multiple primary keys for table \"" + name + "\" are not allowed");
        }
        for (String key : keyOrder) {
            int index = indexOf(columns, key);
            if (index < 0) {
                throw new FreshetException(ErrorCode.UNDEFINED_COLUMN,
                        "column \"" + key + "\" named in key does not exist");
            }
            ColumnDescriptor column = columns.get(index);
            columns.set(index, new ColumnDescriptor(column.name(), column.type(), false, column.defaultExpression()));
            primaryKey.add(index);
        }
        if (columns.isEmpty()) {
            throw new FreshetException(ErrorCode.INVALID_TABLE_DEFINITION, "a table needs at least one column");
        }
        if (!create.options().isEmpty()) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "a table takes no WITH options, but got \"" + create.options().get(0).key() + "\"")
                    .withHint("Options belong to sources: CREATE SOURCE name (...) WITH (connector = '...').");
        }
        WatermarkDescriptor watermark = declaredWatermark(create, columns);
        List<ColumnDescriptor> finalColumns = List.copyOf(columns);
        database.createObject(session.heldTransaction(), id -> new TableDescriptor(id, name, finalColumns, primaryKey, watermark, sql));
        return ResultStatement.Result.tag("CREATE TABLE");
    }

    /**
     * CREATE SOURCE: the connector checks the columns and options, and may supply the columns
     * (nexmark) and a default watermark; the source is stored in the catalog, and is read when a
     * materialized view reads it.
     */
    private ResultStatement.Result createSource(SqlCreateSource create, String sql) {
        String name = simpleName(create.name());
        if (database.catalog().find(name).isPresent()) {
            return alreadyExists(database.catalog().find(name).get(), create.ifNotExists());
        }
        if (!create.primaryKey().isEmpty()
                || create.columns().stream().anyMatch(SqlColumnDeclaration::primaryKey)) {
            throw new FreshetException(ErrorCode.INVALID_TABLE_DEFINITION,
                    "a source has no primary key: Freshet does not store its rows, so it cannot keep a key unique")
                    .withHint("Leave out PRIMARY KEY; a materialized view over the source can group by the key.");
        }
        List<ColumnDescriptor> declared = declaredColumns(create);
        Map<String, String> options = create.optionMap();
        String connectorName = options.get(ConnectorOptions.CONNECTOR);
        if (connectorName == null) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "CREATE SOURCE needs the option connector")
                    .withHint("For example WITH (connector = 'nexmark', \"nexmark.table\" = 'bid'), or connector = "
                            + "'datagen' or 'kafka'.");
        }
        SourceConnector connector = database.sourceConnectors().get(connectorName);
        SourceDefinition definition = connector.define(declared, null, options);
        // The connector's columns are checked like declared ones for the watermark.
        WatermarkDescriptor watermark = create.watermark() != null
                ? declaredWatermark(create, definition.columns()) : definition.watermark();
        List<ColumnDescriptor> columns = definition.columns();
        database.createObject(session.heldTransaction(), id -> new SourceDescriptor(id, name, columns,
                connector.name(), options, watermark, sql));
        return ResultStatement.Result.tag("CREATE SOURCE");
    }

    /**
     * CREATE SINK: {@code FROM} a table or materialized view pushes its changes; {@code AS query}
     * maintains the query as a view of the sink's own and pushes that view's changes. The
     * connector checks the options against the pushed rows (an append-only sink needs an input
     * that never retracts, an upsert sink a key).
     */
    private ResultStatement.Result createSink(SqlCreateSink create, String sql) {
        String name = simpleName(create.name());
        if (database.catalog().find(name).isPresent()) {
            return alreadyExists(database.catalog().find(name).get(), create.ifNotExists());
        }
        Map<String, String> options = create.optionMap();
        String connectorName = options.get(ConnectorOptions.CONNECTOR);
        if (connectorName == null) {
            throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, "CREATE SINK needs the option connector")
                    .withHint("For example WITH (connector = 'kafka', topic = 'out', "
                            + "\"properties.bootstrap.servers\" = '127.0.0.1:9092', format = 'json', type = 'upsert').");
        }
        SinkConnector connector = database.sinkConnectors().get(connectorName);
        if (create.from() != null) {
            String inputName = simpleName(create.from());
            CatalogObject input = database.catalog().find(inputName).orElseThrow(() ->
                    new FreshetException(ErrorCode.UNDEFINED_TABLE, "relation \"" + inputName + "\" does not exist"));
            List<Integer> key;
            boolean appendOnly;
            if (input instanceof TableDescriptor table) {
                key = table.primaryKey();
                appendOnly = false;
            } else if (input instanceof MaterializedViewDescriptor view) {
                key = view.key();
                appendOnly = view.appendOnly();
            } else {
                throw new FreshetException(ErrorCode.WRONG_OBJECT_TYPE, "a sink pushes the changes of a table or a "
                        + "materialized view, and \"" + inputName + "\" is a " + input.objectKind().displayName())
                        .withHint(input instanceof SourceDescriptor
                                ? "Push a source's rows with CREATE SINK " + name + " AS SELECT * FROM " + inputName
                                        + " WITH (...)."
                                : "Create a materialized view of it, or use CREATE SINK ... AS query.");
            }
            connector.validate(input.columns(), key, appendOnly, options);
            database.createSink(session.heldTransaction(), name, input, null, input.columns(), key, appendOnly,
                    connector.name(), options, sql);
        } else {
            MaterializedView planned = planMaterializedView(name, create.query(), List.of(), false, sql);
            StreamPlan plan = planned.plan();
            connector.validate(planned.columns(), plan.key(), plan.appendOnly(), options);
            database.createSink(session.heldTransaction(), name, null,
                    new Database.SinkQuery(planned.query(), plan, viewDependencies(planned)), planned.columns(),
                    plan.key(), plan.appendOnly(), connector.name(), options, sql);
        }
        return ResultStatement.Result.tag("CREATE SINK");
    }

    /** The columns a CREATE TABLE or CREATE SOURCE declares, checked for repeated and reserved names. */
    private static List<ColumnDescriptor> declaredColumns(SqlCreateRelation create) {
        List<ColumnDescriptor> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> keyNames = new HashSet<>(create.primaryKey());
        for (SqlColumnDeclaration declaration : create.columns()) {
            String column = declaration.simpleName();
            if (!names.add(column)) {
                throw new FreshetException(ErrorCode.DUPLICATE_COLUMN,
                        "column \"" + column + "\" specified more than once");
            }
            if (column.equals(ROW_ID_COLUMN)) {
                throw new FreshetException(ErrorCode.INVALID_COLUMN_DEFINITION,
                        "column name \"" + ROW_ID_COLUMN + "\" is reserved for the hidden row id")
                        .withHint("Choose another column name.");
            }
            if (declaration.primaryKey()) {
                keyNames.add(column);
            }
            DataType type = DataTypes.fromSpec(declaration.type());
            String defaultExpression = declaration.defaultValue() == null ? null
                    : declaration.defaultValue().toSqlString(PostgresqlSqlDialect.DEFAULT).getSql();
            columns.add(new ColumnDescriptor(column, type, declaration.nullable() && !keyNames.contains(column),
                    defaultExpression));
        }
        return columns;
    }

    /**
     * The statement's WATERMARK FOR clause over these columns, or null when it has none.
     *
     * @throws FreshetException when the column does not exist or is no timestamp, or an option is bad
     */
    private static WatermarkDescriptor declaredWatermark(SqlCreateRelation create, List<ColumnDescriptor> columns) {
        if (create.watermark() == null) {
            return null;
        }
        String column = simpleName(create.watermark().column());
        int index = indexOf(columns, column);
        if (index < 0) {
            throw new FreshetException(ErrorCode.UNDEFINED_COLUMN,
                    "column \"" + column + "\" named in WATERMARK FOR does not exist");
        }
        DataType.Kind kind = columns.get(index).type().kind();
        if (kind != DataType.Kind.TIMESTAMP && kind != DataType.Kind.TIMESTAMPTZ) {
            throw new FreshetException(ErrorCode.DATATYPE_MISMATCH,
                    "WATERMARK FOR column \"" + column + "\" must be a TIMESTAMP or TIMESTAMPTZ, not "
                            + columns.get(index).type().displayName());
        }
        return WatermarkOptions.apply(new WatermarkDescriptor(column,
                create.watermark().expression().toSqlString(PostgresqlSqlDialect.DEFAULT).getSql()),
                create.watermark().options());
    }

    private ResultStatement.Result createView(SqlCreateView create, String sql) {
        String name = simpleName(create.name());
        Optional<CatalogObject> existing = database.catalog().find(name);
        if (existing.isPresent() && !(create.orReplace() && existing.get() instanceof ViewDescriptor)) {
            return alreadyExists(existing.get(), false);
        }
        QueryDescription description = session.planner().describeQuery(create.query(), sql);
        List<ColumnDescriptor> columns = named(description.columns(), create.columnNames(), "CREATE VIEW");
        String query = create.query().toSqlString(PostgresqlSqlDialect.DEFAULT).getSql();
        if (existing.isPresent()) {
            ViewDescriptor old = (ViewDescriptor) existing.get();
            database.replaceObject(session.heldTransaction(), new ViewDescriptor(old.id(), name, columns, query, description.dependencies(), sql));
        } else {
            database.createObject(session.heldTransaction(), id -> new ViewDescriptor(id, name, columns, query, description.dependencies(), sql));
        }
        return ResultStatement.Result.tag("CREATE VIEW");
    }

    private ResultStatement.Result createMaterializedView(SqlCreateMaterializedView create, String sql) {
        String name = simpleName(create.name());
        Optional<CatalogObject> existing = database.catalog().find(name);
        if (existing.isPresent()) {
            return alreadyExists(existing.get(), create.ifNotExists());
        }
        MaterializedView view = planMaterializedView(create, sql);
        database.createMaterializedView(session.heldTransaction(), name, view.columns(), view.query(), view.plan(),
                viewDependencies(view), sql);
        return ResultStatement.Result.tag("CREATE MATERIALIZED VIEW");
    }

    /**
     * Plans a materialized view from its query's text as stored in the catalog, the way it is
     * planned again after a restart, and names its columns.
     */
    private MaterializedView planMaterializedView(SqlCreateMaterializedView create, String sql) {
        return planMaterializedView(simpleName(create.name()), create.query(), create.columnNames(),
                create.emitOnWindowClose(), sql);
    }

    private MaterializedView planMaterializedView(String name, SqlNode queryNode, List<String> columnNames,
            boolean emitOnWindowClose, String sql) {
        // Plan the statement as the user wrote it first: its errors then point into their text and
        // see the session's functions. Planning rewrites the query in place (the grouped-window
        // form becomes window table functions), and the view is stored and planned from that text,
        // as it will be after every restart.
        session.planner().planStream(queryNode, sql, emitOnWindowClose);
        String query = queryNode.toSqlString(PostgresqlSqlDialect.DEFAULT).getSql();
        StreamPlan plan = database.planView(query, emitOnWindowClose);
        List<ColumnDescriptor> columns = named(plan.columns(), columnNames, "CREATE MATERIALIZED VIEW");
        StreamPlan named = plan.withColumns(columns);
        return new MaterializedView(name, query, columns, named);
    }

    /**
     * The objects a planned view depends on: those its plan reads, and the plain views it
     * expanded, so that dropping one needs CASCADE.
     */
    private List<Long> viewDependencies(MaterializedView view) {
        List<Long> dependencies = new ArrayList<>(view.plan().dependencies());
        SqlNode stored = new FreshetSqlParser().parseStatement(view.query());
        for (long id : session.planner().describeQuery(stored, view.query()).dependencies()) {
            if (!dependencies.contains(id)) {
                dependencies.add(id);
            }
        }
        return dependencies;
    }

    /**
     * A view's columns renamed by the statement's column list, checked for repeated names.
     *
     * @param statement the statement's name, for the message
     */
    private static List<ColumnDescriptor> named(List<ColumnDescriptor> queryColumns, List<String> names,
            String statement) {
        List<ColumnDescriptor> columns = new ArrayList<>(queryColumns);
        if (names.size() > columns.size()) {
            throw new FreshetException(ErrorCode.INVALID_TABLE_DEFINITION,
                    statement + " specifies more column names than columns");
        }
        for (int i = 0; i < names.size(); i++) {
            ColumnDescriptor column = columns.get(i);
            columns.set(i, new ColumnDescriptor(names.get(i), column.type(), column.nullable(), null));
        }
        Set<String> seen = new HashSet<>();
        for (ColumnDescriptor column : columns) {
            if (!seen.add(column.name())) {
                throw new FreshetException(ErrorCode.DUPLICATE_COLUMN,
                        "column \"" + column.name() + "\" specified more than once")
                        .withHint("Give the view's columns distinct names, with aliases or a column list.");
            }
        }
        return columns;
    }

    /** A planned CREATE MATERIALIZED VIEW. */
    private record MaterializedView(String name, String query, List<ColumnDescriptor> columns, StreamPlan plan) {
    }

    private ResultStatement.Result alreadyExists(CatalogObject existing, boolean ifNotExists) {
        String message = existing.objectKind().displayName() + " \"" + existing.name() + "\" already exists";
        if (ifNotExists) {
            session.notice(new PgNotice("NOTICE", ErrorCode.DUPLICATE_TABLE.sqlState(), message + ", skipping", null));
            return ResultStatement.Result.tag("CREATE " + existing.objectKind().sqlKeyword());
        }
        throw new FreshetException(ErrorCode.DUPLICATE_TABLE, "relation \"" + existing.name() + "\" already exists")
                .withHint("Choose another name, drop the " + existing.objectKind().displayName()
                        + " first, or use IF NOT EXISTS.");
    }

    private ResultStatement.Result drop(SqlDropObject drop) {
        ObjectKind kind = objectKind(drop.objectKind());
        Catalog catalog = database.catalog();
        Map<Long, CatalogObject> toDrop = new LinkedHashMap<>();
        for (SqlIdentifier identifier : drop.names()) {
            String name = simpleName(identifier);
            Optional<CatalogObject> found = catalog.find(name);
            if (found.isEmpty()) {
                String message = kind.displayName() + " \"" + name + "\" does not exist";
                if (drop.ifExists()) {
                    session.notice(PgNotice.notice(message + ", skipping"));
                    continue;
                }
                throw new FreshetException(ErrorCode.UNDEFINED_TABLE, message)
                        .withHint("Check the name with SHOW " + kind.sqlKeyword() + "S.");
            }
            CatalogObject object = found.get();
            if (object.objectKind() != kind) {
                throw new FreshetException(ErrorCode.WRONG_OBJECT_TYPE,
                        "\"" + name + "\" is not a " + kind.displayName())
                        .withHint("Use DROP " + object.objectKind().sqlKeyword() + " to drop a "
                                + object.objectKind().displayName() + ".");
            }
            collectDependents(catalog, object, toDrop, drop.cascade(), object);
        }
        if (!toDrop.isEmpty()) {
            database.dropObjects(session.heldTransaction(), List.copyOf(toDrop.values()));
        }
        return ResultStatement.Result.tag("DROP " + kind.sqlKeyword());
    }

    /** Adds the object and, with CASCADE, everything that reads it; without, fails if anything does. */
    private void collectDependents(Catalog catalog, CatalogObject object, Map<Long, CatalogObject> toDrop,
            boolean cascade, CatalogObject root) {
        for (CatalogObject dependent : catalog.dependents(object.id())) {
            if (toDrop.containsKey(dependent.id())) {
                continue;
            }
            if (!cascade) {
                throw new FreshetException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop " + root.objectKind().displayName() + " " + root.name()
                                + " because other objects depend on it")
                        .withDetail(dependent.objectKind().displayName() + " " + dependent.name() + " depends on "
                                + object.objectKind().displayName() + " " + object.name())
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
            session.notice(PgNotice.notice("drop cascades to " + dependent.objectKind().displayName() + " "
                    + dependent.name()));
            collectDependents(catalog, dependent, toDrop, true, root);
        }
        toDrop.put(object.id(), object);
    }

    private List<Object[]> showObjects(SqlShowObjects show) {
        List<Object[]> rows = new ArrayList<>();
        for (CatalogObject object : database.catalog().objects(objectKind(show.objectKind()))) {
            rows.add(new Object[] {object.name()});
        }
        return rows;
    }

    private List<Object[]> showCreate(SqlShowCreate show) {
        CatalogObject object = find(simpleName(show.name()), objectKind(show.objectKind()));
        return List.<Object[]>of(new Object[] {object.name(), object.definition()});
    }

    private List<Object[]> describe(SqlDescribeObject describe) {
        String name = simpleName(describe.name());
        CatalogObject object = database.catalog().find(name).orElseThrow(() ->
                new FreshetException(ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist"));
        List<Integer> key = List.of();
        if (object instanceof TableDescriptor table) {
            key = table.primaryKey();
        } else if (object instanceof MaterializedViewDescriptor view) {
            key = view.key();
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < object.columns().size(); i++) {
            ColumnDescriptor column = object.columns().get(i);
            rows.add(new Object[] {column.name(), column.type().displayName(), column.nullable(), key.contains(i),
                    column.defaultExpression()});
        }
        return rows;
    }

    private PgStatement showParameter(SqlShowParameter show) {
        if (show.isAll()) {
            return rows(List.of(PgColumn.of("name", PgType.TEXT), PgColumn.of("setting", PgType.TEXT),
                    PgColumn.of("description", PgType.TEXT)), () -> {
                        List<Object[]> rows = new ArrayList<>();
                        session.settings().all().forEach((name, value) ->
                                rows.add(new Object[] {name, value[0], value[1]}));
                        return rows;
                    });
        }
        String name = show.name();
        session.settings().get(name);
        return rows(List.of(PgColumn.of(name.toLowerCase(Locale.ROOT), PgType.TEXT)),
                () -> List.<Object[]>of(new Object[] {session.settings().get(name)}));
    }

    private CatalogObject find(String name, ObjectKind kind) {
        CatalogObject object = database.catalog().find(name).orElseThrow(() ->
                new FreshetException(ErrorCode.UNDEFINED_TABLE,
                        kind.displayName() + " \"" + name + "\" does not exist"));
        if (object.objectKind() != kind) {
            throw new FreshetException(ErrorCode.WRONG_OBJECT_TYPE,
                    "\"" + name + "\" is a " + object.objectKind().displayName() + ", not a " + kind.displayName());
        }
        return object;
    }

    private static String settingValue(List<SqlNode> values) {
        List<String> parts = new ArrayList<>();
        for (SqlNode value : values) {
            if (value instanceof SqlLiteral literal) {
                Object text = literal.toValue();
                parts.add(text == null ? "" : text.toString());
            } else {
                parts.add(value.toString());
            }
        }
        return String.join(", ", parts);
    }

    private static ObjectKind objectKind(dev.freshet.parser.ddl.ObjectKind kind) {
        return switch (kind) {
            case TABLE -> ObjectKind.TABLE;
            case SOURCE -> ObjectKind.SOURCE;
            case MATERIALIZED_VIEW -> ObjectKind.MATERIALIZED_VIEW;
            case VIEW -> ObjectKind.VIEW;
            case SINK -> ObjectKind.SINK;
        };
    }

    static String simpleName(SqlIdentifier identifier) {
        List<String> names = identifier.names;
        if (names.size() == 2 && names.get(0).equals("public")) {
            return names.get(1);
        }
        if (names.size() != 1) {
            throw new FreshetException(ErrorCode.INVALID_NAME,
                    "object names may not be qualified except by schema public: " + identifier)
                    .withHint("Freshet keeps every object in schema public.");
        }
        return names.get(0);
    }

    private static int indexOf(List<ColumnDescriptor> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
