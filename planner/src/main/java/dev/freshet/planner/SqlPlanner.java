package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.ConvertToChecked;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.internal.BuiltinOperatorTable;
import dev.freshet.planner.internal.CumulateTableFunction;
import dev.freshet.planner.internal.ExecutionErrors;
import dev.freshet.planner.internal.FreshetTypeSystem;
import dev.freshet.planner.internal.GroupedWindowRewriter;
import dev.freshet.planner.internal.PostgresCastRewriter;
import dev.freshet.planner.internal.SourceRelation;
import dev.freshet.planner.internal.OutputColumnNames;
import dev.freshet.planner.internal.ReferencedRelations;
import dev.freshet.planner.internal.RoundDigits;
import dev.freshet.planner.internal.SessionPartitionRewriter;
import dev.freshet.planner.internal.StoredTable;
import dev.freshet.planner.internal.StoredTableScan;
import dev.freshet.planner.internal.StreamExpressionCompiler;
import dev.freshet.planner.internal.StreamTranslator;
import dev.freshet.planner.stream.CompiledExpressions;
import dev.freshet.planner.stream.StreamNode;
import dev.freshet.planner.stream.StreamPlan;
import dev.freshet.planner.internal.ValidationErrors;
import dev.freshet.planner.internal.WindowTableFunctions;

/**
 * Plans statements against one catalog snapshot: Calcite validates them, converts them to
 * relational algebra, optimizes them with its cost-based planner, and compiles the result to Java
 * (Calcite's Enumerable convention, compiled by Janino).
 *
 * <p>A planner serves one statement at a time on one thread; make a new one per statement (it is
 * cheap: the schema objects are thin wrappers over the catalog).
 */
public final class SqlPlanner {
    /** The schema user objects live in; also first on the search path. */
    public static final String PUBLIC_SCHEMA = "public";

    /** Objects of {@code pg_catalog} resolve without qualification, as in PostgreSQL. */
    public static final String PG_CATALOG_SCHEMA = "pg_catalog";

    private static final CalciteConnectionConfig CONNECTION_CONFIG = connectionConfig();

    private final PlannerSession session;
    private final JavaTypeFactory typeFactory;
    private final SqlOperatorTable operatorTable;

    public SqlPlanner(PlannerSession session) {
        this.session = requireNonNull(session, "session is null");
        this.typeFactory = new JavaTypeFactoryImpl(FreshetTypeSystem.INSTANCE);
        // The STANDARD library holds SqlStdOperatorTable's operators: chaining both would make every
        // built-in ambiguous, and the validator resolves a function early only when it is unique.
        this.operatorTable = new BuiltinOperatorTable(SqlOperatorTables.chain(
                SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL),
                SqlOperatorTables.of(CumulateTableFunction.INSTANCE)));
    }

    public JavaTypeFactory typeFactory() {
        return typeFactory;
    }

    /**
     * Plans a query (SELECT, VALUES, WITH, set operations, ORDER BY).
     *
     * @param sql the statement's text, for error positions
     * @param parameterTypes the declared type of each parameter, null where undeclared
     */
    public BatchQuery planQuery(SqlNode query, String sql, List<DataType> parameterTypes) {
        Pipeline pipeline = new Pipeline(false, false);
        return pipeline.run(sql, () -> {
            rewriteWindows(query);
            OutputColumnNames.assign(query);
            RoundDigits.apply(query);
            SqlNode validated = pipeline.validate(typeParameters(query, parameterTypes));
            RelRoot root = pipeline.converter().convertQuery(validated, false, true);
            return pipeline.compile(root, pipeline.validator.getParameterRowType(validated));
        });
    }

    /** Plans an INSERT, UPDATE or DELETE on a table. */
    public BatchModify planModify(SqlNode statement, String sql, List<DataType> parameterTypes) {
        String target = targetTableName(statement);
        CatalogObject object = session.catalog().find(target).orElseThrow(() ->
                new FreshetException(ErrorCode.UNDEFINED_TABLE, "relation \"" + target + "\" does not exist")
                        .withHint("Create it with CREATE TABLE, or check the name with SHOW TABLES."));
        if (!(object instanceof TableDescriptor table)) {
            throw new FreshetException(ErrorCode.WRONG_OBJECT_TYPE, "cannot change " + object.objectKind().displayName()
                    + " \"" + target + "\": only tables accept INSERT, UPDATE and DELETE")
                    .withHint(object instanceof SourceDescriptor
                            ? "A source's rows come from its connector: write to the system it reads (a Kafka topic)."
                            : "Change the tables it reads instead.");
        }
        if (statement instanceof SqlInsert insert) {
            checkInsertWidth(insert, table);
            typeInsertedLiterals(insert, table);
        } else if (statement instanceof SqlUpdate update) {
            typeAssignedLiterals(update, table);
        }
        boolean exposeRowIds = statement.getKind() != SqlKind.INSERT;
        Pipeline pipeline = new Pipeline(exposeRowIds, true);
        return pipeline.run(sql, () -> {
            SqlNode validated = pipeline.validate(typeParameters(statement, parameterTypes));
            RelNode rel = pipeline.converter().convertQuery(validated, false, true).rel;
            if (!(rel instanceof TableModify modify)) {
                throw new IllegalStateException("a DML statement converted to " + rel.getRelTypeName());
            }
            BatchModify.Operation operation = switch (modify.getOperation()) {
                case INSERT -> BatchModify.Operation.INSERT;
                case UPDATE -> BatchModify.Operation.UPDATE;
                case DELETE -> BatchModify.Operation.DELETE;
                default -> throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        modify.getOperation() + " is not supported");
            };
            List<Integer> updated = new ArrayList<>();
            if (modify.getUpdateColumnList() != null) {
                for (String column : modify.getUpdateColumnList()) {
                    updated.add(table.columnIndex(column));
                }
            }
            BatchQuery source = pipeline.compile(RelRoot.of(modify.getInput(), SqlKind.SELECT),
                    pipeline.validator.getParameterRowType(validated));
            return new BatchModify(operation, table, updated, source, compileWatermark(table));
        });
    }

    /**
     * A table's watermark expression compiled over its rows, or null when it has none.
     */
    private CompiledExpressions compileWatermark(TableDescriptor table) {
        return table.watermark() == null ? null : compileWatermark(table, table.watermark());
    }

    /**
     * A source's watermark expression compiled over its rows, or null when it has none: the
     * dataflow evaluates it over every row a view reads from the source.
     */
    public CompiledExpressions compileWatermark(SourceDescriptor source) {
        return source.watermark() == null ? null : compileWatermark(source, source.watermark());
    }

    /**
     * A watermark expression compiled over the object's rows. It is planned as
     * {@code SELECT <expression> FROM object}, so it sees the columns by name and the session's
     * functions.
     */
    private CompiledExpressions compileWatermark(CatalogObject object, WatermarkDescriptor watermark) {
        String text = "SELECT " + watermark.expression() + " FROM \"" + object.name().replace("\"", "\"\"") + "\"";
        SqlNode query;
        try {
            query = org.apache.calcite.sql.parser.SqlParser.create(text, session.parserConfig()).parseQuery();
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            throw new FreshetException(ErrorCode.INVALID_TABLE_DEFINITION, "the WATERMARK expression of "
                    + object.objectKind().displayName() + " \"" + object.name() + "\" cannot be parsed: "
                    + e.getMessage(), e);
        }
        Pipeline pipeline = new Pipeline(false, false);
        return pipeline.run(text, () -> {
            RelNode rel = pipeline.converter().convertQuery(pipeline.validate(query), false, true).rel;
            if (!(rel instanceof org.apache.calcite.rel.core.Project project)) {
                throw new IllegalStateException("a watermark expression converted to " + rel.getRelTypeName());
            }
            return StreamExpressionCompiler.compile(pipeline.cluster.getRexBuilder(), project.getProjects(),
                    project.getInput().getRowType(), session.timeZone(), watermark.expression());
        });
    }

    /**
     * The columns a query produces and the objects it reads, for CREATE VIEW; validates the query
     * without compiling it.
     */
    public QueryDescription describeQuery(SqlNode query, String sql) {
        List<Long> dependencies = new ArrayList<>();
        for (String name : ReferencedRelations.of(query)) {
            session.catalog().find(name).ifPresent(object -> dependencies.add(object.id()));
        }
        Pipeline pipeline = new Pipeline(false, false);
        return pipeline.run(sql, () -> {
            rewriteWindows(query);
            OutputColumnNames.assign(query);
            RoundDigits.apply(query);
            SqlNode validated = pipeline.validate(query);
            RelDataType rowType = pipeline.validator.getValidatedNodeType(validated);
            List<ColumnDescriptor> columns = new ArrayList<>();
            for (RelDataTypeField field : rowType.getFieldList()) {
                DataType type;
                try {
                    type = DataType.fromRelDataType(field.getType());
                } catch (IllegalArgumentException e) {
                    throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED,
                            "column \"" + field.getName() + "\" has type " + field.getType().getFullTypeString()
                                    + ", which a view column cannot have", e);
                }
                columns.add(new ColumnDescriptor(field.getName(), type, field.getType().isNullable(), null));
            }
            return new QueryDescription(columns, dependencies);
        });
    }

    /**
     * Plans a materialized view's query as a streaming dataflow: Calcite validates and converts
     * it, {@link StreamTranslator} rewrites it into the shapes Freshet maintains incrementally and
     * maps each operator to a streaming node.
     *
     * @throws FreshetException {@code FEATURE_NOT_SUPPORTED} naming the first construct that
     *     cannot be maintained incrementally
     */
    public StreamPlan planStream(SqlNode query, String sql) {
        return planStream(query, sql, false);
    }

    /**
     * Plans a materialized view's query as a streaming dataflow (see {@link #planStream(SqlNode,
     * String)}); with {@code emitOnWindowClose}, its rows are held back until the watermark closes
     * their window.
     *
     * @throws FreshetException {@code FEATURE_NOT_SUPPORTED} also for EMIT ON WINDOW CLOSE over a
     *     query whose output has no window column the watermark bounds
     */
    public StreamPlan planStream(SqlNode query, String sql, boolean emitOnWindowClose) {
        Pipeline pipeline = new Pipeline(false, false);
        return pipeline.run(sql, () -> {
            rewriteWindows(query);
            OutputColumnNames.assign(query);
            RoundDigits.apply(query);
            SqlNode validated = pipeline.validate(query);
            RelRoot root = pipeline.converter().convertQuery(validated, false, true);
            RelNode rel = root.rel;
            if (!root.isRefTrivial() || !root.collation.getFieldCollations().isEmpty() && !(rel instanceof Sort)) {
                rel = root.project();
            }
            rel = new ConvertToChecked(pipeline.cluster.getRexBuilder(), true).visit(rel);
            rel = PostgresCastRewriter.rewrite(rel, session.timeZone().getID());
            rel = StreamTranslator.prepare(rel);
            StreamTranslator translator = new StreamTranslator(session.catalog(), pipeline.cluster.getRexBuilder(),
                    session.timeZone());
            StreamNode node = translator.translate(rel);
            if (emitOnWindowClose) {
                node = StreamTranslator.emitOnWindowClose(node);
            }
            List<String> names = root.fields.stream().map(java.util.Map.Entry::getValue).toList();
            List<ColumnDescriptor> columns = new ArrayList<>();
            List<RelDataTypeField> fields = rel.getRowType().getFieldList();
            for (int i = 0; i < fields.size(); i++) {
                RelDataType type = fields.get(i).getType();
                String name = i < names.size() ? names.get(i) : fields.get(i).getName();
                columns.add(new ColumnDescriptor(name, DataType.fromRelDataType(type), type.isNullable(), null));
            }
            return new StreamPlan(node, columns, node.uniqueKey(), translator.dependencies(),
                    sourceWatermarks(translator.dependencies()));
        });
    }

    /** The compiled watermark expression of each source among the objects a plan reads. */
    private Map<Long, CompiledExpressions> sourceWatermarks(List<Long> dependencies) {
        Map<Long, CompiledExpressions> watermarks = new HashMap<>();
        for (long id : dependencies) {
            if (session.catalog().findById(id).orElse(null) instanceof SourceDescriptor source
                    && source.watermark() != null) {
                watermarks.put(id, compileWatermark(source));
            }
        }
        return watermarks;
    }

    /**
     * Brings the window syntaxes Calcite does not take as written into the table-function forms
     * it validates: the grouped-window form (GROUP BY TUMBLE(...)) and SESSION's PARTITION BY.
     */
    private static void rewriteWindows(SqlNode query) {
        SessionPartitionRewriter.rewrite(query);
        GroupedWindowRewriter.rewrite(query);
    }

    /**
     * Refuses VALUES rows wider than the columns they fill, with PostgreSQL's message (Calcite's
     * validator fails on them with an index error).
     */
    private static void checkInsertWidth(SqlInsert insert, TableDescriptor table) {
        int width = insert.getTargetColumnList() == null ? table.columns().size()
                : insert.getTargetColumnList().size();
        SqlNode source = insert.getSource();
        if (source.getKind() != SqlKind.VALUES) {
            return;
        }
        for (SqlNode row : ((SqlCall) source).getOperandList()) {
            if (row instanceof SqlCall call && call.operandCount() > width) {
                throw new FreshetException(ErrorCode.SYNTAX_ERROR, "INSERT has more expressions than target columns")
                        .withHint("Table \"" + table.name() + "\" has " + table.columns().size() + " columns.");
            }
        }
    }

    /**
     * Gives each string literal of an INSERT's VALUES the type of the column it fills, as
     * PostgreSQL types an untyped literal by its context. Calcite would first unify the rows of
     * VALUES and refuse {@code ('2024-01-02'), (DATE '2024-01-03')} or {@code ('\x01'), (NULL)} for a
     * bytea column before it looks at the target.
     */
    private static void typeInsertedLiterals(SqlInsert insert, TableDescriptor table) {
        if (insert.getSource().getKind() != SqlKind.VALUES) {
            return;
        }
        List<Integer> targets = new ArrayList<>();
        if (insert.getTargetColumnList() == null) {
            for (int i = 0; i < table.columns().size(); i++) {
                targets.add(i);
            }
        } else {
            for (SqlNode column : insert.getTargetColumnList()) {
                targets.add(table.columnIndex(((SqlIdentifier) column).getSimple()));
            }
        }
        for (SqlNode row : ((SqlCall) insert.getSource()).getOperandList()) {
            if (!(row instanceof SqlCall values)) {
                continue;
            }
            for (int i = 0; i < values.operandCount() && i < targets.size(); i++) {
                SqlNode typed = typedLiteral(values.operand(i), table, targets.get(i));
                if (typed != null) {
                    values.setOperand(i, typed);
                }
            }
        }
    }

    /** The same for the values an UPDATE assigns. */
    private static void typeAssignedLiterals(SqlUpdate update, TableDescriptor table) {
        SqlNodeList columns = update.getTargetColumnList();
        SqlNodeList values = update.getSourceExpressionList();
        for (int i = 0; i < columns.size() && i < values.size(); i++) {
            SqlNode typed = typedLiteral(values.get(i), table, table.columnIndex(((SqlIdentifier) columns.get(i))
                    .getSimple()));
            if (typed != null) {
                values.set(i, typed);
            }
        }
    }

    /** A string literal cast to a column's type, or null when the node is no string literal. */
    private static SqlNode typedLiteral(SqlNode node, TableDescriptor table, int column) {
        if (!(node instanceof org.apache.calcite.sql.SqlCharStringLiteral) || column < 0) {
            return null;
        }
        DataType type = table.columns().get(column).type();
        if (type.kind() == DataType.Kind.VARCHAR) {
            return null;
        }
        SqlParserPos position = node.getParserPosition();
        SqlNode target = type.kind() == DataType.Kind.INTERVAL
                ? new org.apache.calcite.sql.SqlIntervalQualifier(org.apache.calcite.avatica.util.TimeUnit.DAY,
                        org.apache.calcite.avatica.util.TimeUnit.SECOND, position)
                : SqlTypeUtil.convertTypeToSpec(type.toRelDataType(
                        new JavaTypeFactoryImpl(FreshetTypeSystem.INSTANCE), true));
        return SqlStdOperatorTable.CAST.createCall(position, node, target);
    }

    /** The name of the table an INSERT, UPDATE or DELETE changes, without the schema. */
    public static String targetTableName(SqlNode statement) {
        SqlNode target = switch (statement.getKind()) {
            case INSERT -> ((SqlInsert) statement).getTargetTable();
            case UPDATE -> ((SqlUpdate) statement).getTargetTable();
            case DELETE -> ((SqlDelete) statement).getTargetTable();
            default -> throw new IllegalArgumentException("not a DML statement: " + statement.getKind());
        };
        if (target instanceof SqlCall call && call.getKind() == SqlKind.AS) {
            target = call.operand(0);
        }
        List<String> names = ((SqlIdentifier) target).names;
        String name = String.join(".", names);
        if (names.size() == 2 && names.get(0).equals(PUBLIC_SCHEMA)) {
            return names.get(1);
        }
        if (names.size() != 1) {
            throw new FreshetException(ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist")
                    .withHint("Freshet's tables live in schema public.");
        }
        return names.get(0);
    }

    /**
     * Gives each parameter whose type the client declared that type, by wrapping it in a CAST:
     * Calcite's validator then infers the parameter's type from the cast, as PostgreSQL does from
     * the Parse message. Rewrites the tree in place: Calcite's copying shuttles rebuild calls
     * through their operators, which loses details such as {@code COUNT(*)}'s star.
     */
    private static SqlNode typeParameters(SqlNode node, List<DataType> parameterTypes) {
        if (parameterTypes.stream().allMatch(type -> type == null)) {
            return node;
        }
        JavaTypeFactory factory = new JavaTypeFactoryImpl(FreshetTypeSystem.INSTANCE);
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.CAST && call.operand(0) instanceof SqlDynamicParam) {
                    // Already typed, by the user or by this visitor.
                    return null;
                }
                List<SqlNode> operands = call.getOperandList();
                for (int i = 0; i < operands.size(); i++) {
                    SqlNode typed = typed(operands.get(i));
                    if (typed != null) {
                        call.setOperand(i, typed);
                    }
                }
                return super.visit(call);
            }

            @Override
            public Void visit(SqlNodeList list) {
                for (int i = 0; i < list.size(); i++) {
                    SqlNode typed = typed(list.get(i));
                    if (typed != null) {
                        list.set(i, typed);
                    }
                }
                return super.visit(list);
            }

            private SqlNode typed(SqlNode operand) {
                if (!(operand instanceof SqlDynamicParam param)) {
                    return null;
                }
                int index = param.getIndex();
                DataType type = index < parameterTypes.size() ? parameterTypes.get(index) : null;
                if (type == null || type.kind() == DataType.Kind.INTERVAL) {
                    // An interval has no type-name form for CAST; its context gives it a type.
                    return null;
                }
                SqlDataTypeSpec spec = SqlTypeUtil.convertTypeToSpec(type.toRelDataType(factory, true));
                return SqlStdOperatorTable.CAST.createCall(param.getParserPosition(), param, spec);
            }
        });
        return node;
    }

    private static CalciteConnectionConfig connectionConfig() {
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        return new CalciteConnectionConfigImpl(properties);
    }

    private SchemaPlus buildRootSchema(boolean exposeRowIds, boolean forWrite) {
        SchemaPlus root = CalciteSchema.createRootSchema(false, false).plus();
        SchemaPlus publicSchema = root.add(PUBLIC_SCHEMA, new AbstractSchema());
        SchemaPlus pgCatalog = root.add(PG_CATALOG_SCHEMA, new AbstractSchema());
        DataTypes.registerAliases(root);
        DataTypes.registerAliases(pgCatalog);
        for (CatalogObject object : session.catalog().objects()) {
            if (object instanceof TableDescriptor table) {
                publicSchema.add(table.name(), new StoredTable(table, exposeRowIds, forWrite, session.parserConfig()));
            } else if (object instanceof MaterializedViewDescriptor view) {
                publicSchema.add(view.name(), new StoredTable(view.storedTable(), false, false, session.parserConfig(),
                        !view.counted()));
            } else if (object instanceof SourceDescriptor source) {
                publicSchema.add(source.name(), new SourceRelation(source));
            } else if (object instanceof ViewDescriptor view) {
                publicSchema.add(view.name(), new ViewTable(Object[].class, factory -> viewRowType(view, factory),
                        view.query(), List.of(PUBLIC_SCHEMA), List.of(PUBLIC_SCHEMA, view.name())));
            }
        }
        for (SchemaExtension extension : session.extensions()) {
            extension.register(root, session);
        }
        return root;
    }

    private static RelDataType viewRowType(ViewDescriptor view, RelDataTypeFactory factory) {
        RelDataTypeFactory.Builder builder = factory.builder();
        for (ColumnDescriptor column : view.columns()) {
            builder.add(column.name(), column.type().toRelDataType(factory, column.nullable()));
        }
        return builder.build();
    }

    /** One statement's trip through validation, conversion, optimization and code generation. */
    private final class Pipeline implements RelOptTable.ViewExpander {
        private final SchemaPlus rootSchema;
        private final CalciteCatalogReader catalogReader;
        private final SqlValidator validator;
        private final VolcanoPlanner volcano;
        private final RelOptCluster cluster;

        Pipeline(boolean exposeRowIds, boolean forWrite) {
            this.rootSchema = buildRootSchema(exposeRowIds, forWrite);
            this.catalogReader = new SearchPathCatalogReader(CalciteSchema.from(rootSchema), typeFactory);
            this.validator = newValidator();
            this.volcano = new VolcanoPlanner(null, Contexts.of(CONNECTION_CONFIG));
            volcano.addRelTraitDef(ConventionTraitDef.INSTANCE);
            volcano.addRelTraitDef(RelCollationTraitDef.INSTANCE);
            RelOptUtil.registerDefaultRules(volcano, false, false);
            volcano.setExecutor(new RexExecutorImpl(null));
            this.cluster = RelOptCluster.create(volcano, new RexBuilder(typeFactory));
        }

        private SqlValidator newValidator() {
            SqlValidator.Config config = SqlValidator.Config.DEFAULT
                    .withConformance(session.parserConfig().conformance())
                    .withIdentifierExpansion(true)
                    .withDefaultNullCollation(NullCollation.HIGH)
                    .withTypeCoercionEnabled(true);
            return SqlValidatorUtil.newValidator(SqlOperatorTables.chain(operatorTable, catalogReader),
                    catalogReader, typeFactory, config);
        }

        SqlNode validate(SqlNode node) {
            return validator.validate(node);
        }

        SqlToRelConverter converter() {
            return converter(validator);
        }

        private SqlToRelConverter converter(SqlValidator validator) {
            SqlToRelConverter.Config config = SqlToRelConverter.config()
                    .withTrimUnusedFields(true)
                    .withExpand(false);
            return new SqlToRelConverter(this, validator, catalogReader, cluster, StandardConvertletTable.INSTANCE,
                    config);
        }

        @Override
        public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
                List<String> viewPath) {
            SqlNode parsed;
            try {
                parsed = SqlParser.create(queryString, session.parserConfig()).parseQuery();
            } catch (SqlParseException e) {
                throw new FreshetException(ErrorCode.INTERNAL_ERROR,
                        "the stored query of view " + viewPath + " does not parse: " + e.getMessage(), e);
            }
            // A view's text is stored after the rewrite, but views stored before it existed hold the
            // grouped-window form.
            rewriteWindows(parsed);
            SqlValidator viewValidator = newValidator();
            SqlNode validated = viewValidator.validate(parsed);
            return converter(viewValidator).convertQuery(validated, true, false);
        }

        BatchQuery compile(RelRoot root, RelDataType parameterRowType) {
            SourceRelation.refuseIn(root.rel);
            // PostgreSQL raises an error when integer arithmetic overflows; Java would wrap around.
            RelNode rel = WindowTableFunctions.expand(root.project());
            rel = new ConvertToChecked(cluster.getRexBuilder(), true).visit(rel);
            rel = PostgresCastRewriter.rewrite(rel, session.timeZone().getID());
            RelCollation collation = outputCollation(root);
            RelTraitSet desired = rel.getTraitSet().replace(EnumerableConvention.INSTANCE).replace(collation)
                    .simplify();
            Program program = Programs.standard();
            RelNode best = StoredTableScan.replaceInterpreters(
                    program.run(volcano, rel, desired, List.of(), List.of()));
            Map<String, Object> internalParameters = new HashMap<>();
            @SuppressWarnings("unchecked")
            Bindable<Object> bindable = EnumerableInterpretable.toBindable(internalParameters, null,
                    (EnumerableRel) best, EnumerableRel.Prefer.ARRAY);
            List<RelDataType> parameterTypes = new ArrayList<>();
            for (RelDataTypeField field : parameterRowType.getFieldList()) {
                parameterTypes.add(field.getType());
            }
            RelDataType rowType = renamed(rel.getRowType(), root);
            return new BatchQuery(rowType, parameterTypes, bindable, internalParameters, rootSchema, typeFactory,
                    RelOptUtil.toString(best));
        }

        /** The output row type with the names the user wrote (optimization may rename fields). */
        private RelDataType renamed(RelDataType rowType, RelRoot root) {
            List<String> names = root.fields.stream().map(java.util.Map.Entry::getValue).toList();
            if (names.size() != rowType.getFieldCount()) {
                return rowType;
            }
            return typeFactory.createStructType(
                    rowType.getFieldList().stream().map(RelDataTypeField::getType).toList(), names);
        }

        /** The root's ORDER BY, in terms of the projected output; empty when it cannot be kept. */
        private RelCollation outputCollation(RelRoot root) {
            List<RelFieldCollation> output = new ArrayList<>();
            for (RelFieldCollation fieldCollation : root.collation.getFieldCollations()) {
                int projected = -1;
                for (int i = 0; i < root.fields.size(); i++) {
                    if (root.fields.get(i).getKey() == fieldCollation.getFieldIndex()) {
                        projected = i;
                        break;
                    }
                }
                if (projected < 0) {
                    break;
                }
                output.add(fieldCollation.withFieldIndex(projected));
            }
            return RelCollations.of(output);
        }

        <T> T run(String sql, java.util.function.Supplier<T> step) {
            try {
                return step.get();
            } catch (CalciteContextException e) {
                throw ValidationErrors.translate(e, sql);
            } catch (CalciteException e) {
                throw ValidationErrors.translateMessage(e.getMessage(), e);
            } catch (FreshetException e) {
                throw e;
            } catch (RuntimeException | AssertionError e) {
                // Constant folding runs expressions while planning: a bad literal fails here. An
                // assertion inside Calcite is its bug, never a reason to end the session.
                throw ExecutionErrors.translate(e);
            }
        }
    }

    /**
     * Resolves unqualified names in {@code public}, then in {@code pg_catalog}, then from the
     * root: PostgreSQL's default search path.
     */
    private static final class SearchPathCatalogReader extends CalciteCatalogReader {
        SearchPathCatalogReader(CalciteSchema rootSchema, JavaTypeFactory typeFactory) {
            super(rootSchema, SqlNameMatchers.withCaseSensitive(true),
                    List.of(List.of(PUBLIC_SCHEMA), List.of(PG_CATALOG_SCHEMA), List.of()), typeFactory,
                    CONNECTION_CONFIG);
        }
    }
}
