package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.freshet.planner.ColumnDescriptor;

/**
 * The streaming physical plan of a materialized view: the operator tree whose output is the
 * view's changes, the view's columns, and the key its rows are stored under.
 *
 * @param root the operator producing the view's changes
 * @param columns the view's columns, named as the query names them
 * @param key the columns identifying a view row; empty when rows may repeat (then each distinct
 *     row is stored with a count)
 * @param dependencies the ids of the tables, sources and materialized views the plan reads
 * @param sourceWatermarks the watermark expression of each source the plan reads that has one,
 *     compiled over the source's rows: the dataflow evaluates it over the rows it reads
 */
public record StreamPlan(StreamNode root, List<ColumnDescriptor> columns, List<Integer> key,
        List<Long> dependencies, Map<Long, CompiledExpressions> sourceWatermarks) {
    public StreamPlan {
        requireNonNull(root, "root is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        key = List.copyOf(requireNonNull(key, "key is null"));
        dependencies = List.copyOf(requireNonNull(dependencies, "dependencies is null"));
        sourceWatermarks = Map.copyOf(requireNonNull(sourceWatermarks, "sourceWatermarks is null"));
    }

    /** A plan that reads no source with a watermark. */
    public StreamPlan(StreamNode root, List<ColumnDescriptor> columns, List<Integer> key, List<Long> dependencies) {
        this(root, columns, key, dependencies, Map.of());
    }

    /** The same plan with other column names (a view's column list). */
    public StreamPlan withColumns(List<ColumnDescriptor> renamed) {
        return new StreamPlan(root, renamed, key, dependencies, sourceWatermarks);
    }

    public boolean appendOnly() {
        return root.appendOnly();
    }

    /** Every node, parents before their inputs (pre-order): the order state keyspaces are assigned in. */
    public List<StreamNode> nodes() {
        List<StreamNode> nodes = new ArrayList<>();
        collect(root, nodes);
        return nodes;
    }

    private static void collect(StreamNode node, List<StreamNode> nodes) {
        nodes.add(node);
        for (StreamNode input : node.inputs()) {
            collect(input, nodes);
        }
    }

    /** How many state tables the operators keep in all. */
    public int stateTableCount() {
        int count = 0;
        for (StreamNode node : nodes()) {
            count += node.stateTables().size();
        }
        return count;
    }

    /**
     * The plan as EXPLAIN CREATE MATERIALIZED VIEW prints it: one operator per line, inputs
     * indented below, each with its key, whether it retracts, and its state tables.
     */
    public String explain(String viewName) {
        StringBuilder text = new StringBuilder("StreamMaterialize(view: ").append(viewName).append(", key: ");
        text.append(describeKey(key, columnNames())).append(", ")
                .append(key.isEmpty() ? "rows stored with a count of copies" : "rows stored by key").append(')');
        text.append(appendOnly() ? " append-only" : "").append('\n');
        explain(root, 1, text);
        return text.toString();
    }

    private List<String> columnNames() {
        return columns.stream().map(ColumnDescriptor::name).toList();
    }

    private static void explain(StreamNode node, int depth, StringBuilder text) {
        String indent = "  ".repeat(depth);
        text.append(indent).append(node.explain());
        text.append(" key: ").append(describeKey(node.uniqueKey(), node.outputNames()));
        text.append(node.appendOnly() ? ", append-only" : ", retracts").append('\n');
        for (StateTableLayout table : node.stateTables()) {
            text.append(indent).append("    state ").append(table.describe()).append('\n');
        }
        for (StreamNode input : node.inputs()) {
            explain(input, depth + 1, text);
        }
    }

    private static String describeKey(List<Integer> key, List<String> names) {
        if (key.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < key.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(key.get(i)));
        }
        return text.append(']').toString();
    }
}
