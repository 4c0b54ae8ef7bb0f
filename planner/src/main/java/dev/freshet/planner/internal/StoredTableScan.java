package dev.freshet.planner.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.util.ImmutableIntList;
import org.apache.calcite.util.mapping.Mappings;

/**
 * A scan of a stored table, its filters and projection pushed in, run by generated code.
 *
 * <p>Calcite runs a {@link Bindables.BindableTableScan} (how pushed-down filters and projections
 * reach a {@code ProjectableFilterableTable}) through an {@link EnumerableInterpreter}, which
 * builds a new {@code Interpreter} on every execution: a HepPlanner pass and a reflective walk of
 * the plan, more than half the time of a prepared primary-key lookup. This node calls
 * {@link StoredTable#scanCompiled} directly instead; the table compiled its filters once, so
 * nothing is rebuilt per execution. {@link #replaceInterpreters} puts it in place of every
 * interpreter over a stored table whose filters compile, after optimization.
 */
public final class StoredTableScan extends TableScan implements EnumerableRel {
    private final StoredTable table;
    private final List<RexNode> filters;
    private final int[] projects;

    private StoredTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable relOptTable, StoredTable table,
            List<RexNode> filters, int[] projects, RelDataType rowType) {
        super(cluster, traitSet, List.of(), relOptTable);
        this.table = requireNonNull(table, "table is null");
        this.filters = List.copyOf(filters);
        this.projects = projects == null ? null : projects.clone();
        this.rowType = rowType;
    }

    /** The plan with each interpreted scan of a stored table replaced by a compiled one. */
    public static RelNode replaceInterpreters(RelNode plan) {
        if (plan instanceof EnumerableInterpreter interpreter) {
            RelNode replacement = replacement(interpreter);
            if (replacement != null) {
                return replacement;
            }
        }
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : plan.getInputs()) {
            RelNode replaced = replaceInterpreters(input);
            changed |= replaced != input;
            inputs.add(replaced);
        }
        return changed ? plan.copy(plan.getTraitSet(), inputs) : plan;
    }

    private static RelNode replacement(EnumerableInterpreter interpreter) {
        if (!(interpreter.getInput() instanceof Bindables.BindableTableScan scan)) {
            return null;
        }
        StoredTable table = scan.getTable().unwrap(StoredTable.class);
        if (table == null || !table.compilesFilters(scan.filters)) {
            return null;
        }
        ImmutableIntList projects = scan.projects;
        int fieldCount = scan.getTable().getRowType().getFieldCount();
        int[] projected = projects == null || Mappings.isIdentity(projects, fieldCount) ? null : projects.toIntArray();
        return new StoredTableScan(interpreter.getCluster(), interpreter.getTraitSet(), scan.getTable(), table,
                scan.filters, projected, interpreter.getRowType());
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StoredTableScan(getCluster(), traitSet, getTable(), table, filters, projects, rowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter writer) {
        return super.explainTerms(writer)
                .itemIf("filters", filters, !filters.isEmpty())
                .itemIf("projects", projects == null ? null : ImmutableIntList.of(projects), projects != null);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery metadata) {
        return super.computeSelfCost(planner, metadata).multiplyBy(0.01);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer preference) {
        // Rows are Object[] as the interpreter hands them out; a one-column row is its value.
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        BlockBuilder builder = new BlockBuilder();
        Expression rows = builder.append("rows", Expressions.call(
                implementor.stash(table, StoredTable.class), "scanCompiled", implementor.getRootExpression(),
                implementor.stash(filters, List.class),
                projects == null ? Expressions.constant(null, int[].class) : implementor.stash(projects, int[].class)));
        builder.add(getRowType().getFieldCount() == 1 ? Expressions.call(BuiltInMethod.SLICE0.method, rows) : rows);
        return implementor.result(physType, builder.toBlock());
    }
}
