package dev.freshet.planner.internal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;
import org.apache.calcite.util.ImmutableBitSet;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;
import dev.freshet.planner.KeyRange;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.planner.TableReader;

/**
 * A Freshet table as Calcite sees it. Scans go through the execution context's
 * {@link TableReader}; equality and range conjuncts on the primary key narrow the scan to a
 * point lookup or a key range (see {@link KeyRangeExtractor}).
 *
 * <p>For UPDATE and DELETE on a table without primary key, the planner uses the variant that
 * exposes the hidden row id as a last column {@value #ROW_ID_COLUMN}, so that the rows to change
 * can be found again.
 */
public final class StoredTable extends AbstractTable implements ProjectableFilterableTable {
    /** The name of the hidden row-id column, reserved in every table. */
    public static final String ROW_ID_COLUMN = "_row_id";

    private final TableDescriptor table;
    private final boolean exposeRowId;
    private final boolean forWrite;
    private final SqlParser.Config parserConfig;
    private final boolean keyUnique;
    /** Compiled scan filters by their text: a prepared plan scans with the same filters every time. */
    private final Map<String, Optional<Function<DataContext, Predicate<Object[]>>>> compiledFilters =
            new ConcurrentHashMap<>();

    /**
     * @param exposeRowId whether to show the hidden row id as a last column (UPDATE, DELETE)
     * @param forWrite whether the table is planned as the target of DML: then VARCHAR(n) columns
     *     are typed without their length, so that Calcite's assignment cast does not silently cut
     *     a value that is too long, and the write path can refuse it with 22001 as PostgreSQL does
     */
    public StoredTable(TableDescriptor table, boolean exposeRowId, boolean forWrite, SqlParser.Config parserConfig) {
        this(table, exposeRowId, forWrite, parserConfig, true);
    }

    /**
     * @param keyUnique false when the primary key of the descriptor only orders rows and equal
     *     rows may repeat (a materialized view without a unique key, stored with counts)
     */
    public StoredTable(TableDescriptor table, boolean exposeRowId, boolean forWrite, SqlParser.Config parserConfig,
            boolean keyUnique) {
        this.keyUnique = keyUnique;
        this.table = requireNonNull(table, "table is null");
        this.exposeRowId = exposeRowId && table.hasHiddenRowId();
        this.forWrite = forWrite;
        this.parserConfig = requireNonNull(parserConfig, "parserConfig is null");
    }

    public TableDescriptor descriptor() {
        return table;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (ColumnDescriptor column : table.columns()) {
            DataType type = forWrite && column.type().kind() == DataType.Kind.VARCHAR
                    ? DataType.of(DataType.Kind.VARCHAR) : column.type();
            builder.add(column.name(), type.toRelDataType(typeFactory, column.nullable()));
        }
        if (exposeRowId) {
            builder.add(ROW_ID_COLUMN, typeFactory.createSqlType(org.apache.calcite.sql.type.SqlTypeName.BIGINT));
        }
        return builder.build();
    }

    @Override
    public Statistic getStatistic() {
        if (!keyUnique) {
            return Statistics.UNKNOWN;
        }
        ImmutableBitSet key = table.hasHiddenRowId()
                ? (exposeRowId ? ImmutableBitSet.of(table.columns().size()) : null)
                : ImmutableBitSet.of(table.primaryKey());
        // The row count is a placeholder until storage keeps statistics; the key is what matters,
        // since it tells the planner that a key lookup returns at most one row.
        return key == null ? Statistics.UNKNOWN : Statistics.of(100d, List.of(key));
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
        KeyRange range = KeyRangeExtractor.extract(table.primaryKey(), filters, root);
        Enumerable<Object[]> rows = ExecutionContext.reader(root).scan(table, range);
        if (!filters.isEmpty()) {
            // Calcite's interpreter would compile the filters with Janino on every execution;
            // compiled once per plan here, they cost nothing more when a prepared statement runs again.
            Optional<Function<DataContext, Predicate<Object[]>>> condition = compiledFilters.computeIfAbsent(
                    filters.toString(), text -> compileFilters(filters));
            if (condition.isPresent()) {
                Predicate<Object[]> test = condition.get().apply(root);
                rows = rows.where(test::test);
                filters.clear();
            }
        }
        int width = table.columns().size() + (exposeRowId ? 1 : 0);
        if (projects == null) {
            if (!table.hasHiddenRowId() || exposeRowId) {
                return rows;
            }
            return rows.select(row -> {
                Object[] visible = new Object[width];
                System.arraycopy(row, 0, visible, 0, width);
                return visible;
            });
        }
        return rows.select(row -> {
            Object[] projected = new Object[projects.length];
            for (int i = 0; i < projects.length; i++) {
                projected[i] = row[projects[i]];
            }
            return projected;
        });
    }

    /**
     * Whether {@link #scanCompiled} can apply these filters by itself: they compile to code (a
     * correlation variable, for one, does not).
     */
    public boolean compilesFilters(List<RexNode> filters) {
        return filters.isEmpty()
                || compiledFilters.computeIfAbsent(filters.toString(), text -> compileFilters(filters)).isPresent();
    }

    /**
     * The rows of a scan whose filters {@link #compilesFilters compile}, each with the projected
     * columns (all of them when {@code projects} is null): what {@link StoredTableScan}'s
     * generated code calls on every execution.
     */
    public Enumerable<Object[]> scanCompiled(DataContext root, List<RexNode> filters, int[] projects) {
        List<RexNode> remaining = new java.util.ArrayList<>(filters);
        Enumerable<Object[]> rows = scan(root, remaining, projects);
        if (!remaining.isEmpty()) {
            throw new IllegalStateException("the filters of a compiled scan of " + table.name()
                    + " did not compile: " + remaining);
        }
        return rows;
    }

    private Optional<Function<DataContext, Predicate<Object[]>>> compileFilters(List<RexNode> filters) {
        RexBuilder rexBuilder = new RexBuilder(new JavaTypeFactoryImpl(FreshetTypeSystem.INSTANCE));
        try {
            RelDataType rowType = getRowType(rexBuilder.getTypeFactory());
            return Optional.of(StreamExpressionCompiler.compileCondition(rexBuilder,
                    RexUtil.composeConjunction(rexBuilder, filters), rowType));
        } catch (RuntimeException e) {
            // A condition the code generator cannot take alone (a correlation variable): the
            // interpreter evaluates it instead.
            return Optional.empty();
        }
    }

    @Override
    public <C> C unwrap(Class<C> type) {
        if (type.isAssignableFrom(InitializerExpressionFactory.class)) {
            return type.cast(new ColumnDefaults());
        }
        return super.unwrap(type);
    }

    /** Supplies each column's DEFAULT expression to INSERTs that leave the column out. */
    private final class ColumnDefaults extends NullInitializerExpressionFactory {
        @Override
        public ColumnStrategy generationStrategy(RelOptTable relOptTable, int column) {
            if (column < table.columns().size() && table.columns().get(column).defaultExpression() != null) {
                return ColumnStrategy.DEFAULT;
            }
            return super.generationStrategy(relOptTable, column);
        }

        @Override
        public RexNode newColumnDefaultValue(RelOptTable relOptTable, int column, InitializerContext context) {
            String expression = column < table.columns().size()
                    ? table.columns().get(column).defaultExpression() : null;
            if (expression == null) {
                return super.newColumnDefaultValue(relOptTable, column, context);
            }
            SqlNode node;
            try {
                node = SqlParser.create(expression, parserConfig).parseExpression();
            } catch (SqlParseException e) {
                throw new FreshetException(ErrorCode.INTERNAL_ERROR,
                        "the stored DEFAULT of column \"" + table.columns().get(column).name() + "\" of table \""
                                + table.name() + "\" does not parse: " + expression, e);
            }
            RexNode value = context.convertExpression(node);
            RelDataType type = relOptTable.getRowType().getFieldList().get(column).getType();
            return context.getRexBuilder().makeCast(type, value, true, false);
        }
    }
}
