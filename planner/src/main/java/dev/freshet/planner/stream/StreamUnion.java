package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.freshet.planner.DataType;

/** UNION ALL: passes every input's changes through unchanged. Linear, stateless. */
public record StreamUnion(List<StreamNode> inputs, List<String> outputNames, List<DataType> outputTypes)
        implements StreamNode {
    public StreamUnion {
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        outputNames = List.copyOf(requireNonNull(outputNames, "outputNames is null"));
        outputTypes = List.copyOf(requireNonNull(outputTypes, "outputTypes is null"));
    }

    @Override
    public List<Integer> uniqueKey() {
        return List.of();
    }

    @Override
    public boolean appendOnly() {
        return inputs.stream().allMatch(StreamNode::appendOnly);
    }

    @Override
    public List<StateTableLayout> stateTables() {
        return List.of();
    }

    @Override
    public String explain() {
        return "StreamUnion(all, inputs: " + inputs.size() + ")";
    }

    /** The columns every input bounds, at the least of their offsets. */
    @Override
    public Map<Integer, Long> watermarkColumns() {
        Map<Integer, Long> columns = new TreeMap<>(inputs.get(0).watermarkColumns());
        for (StreamNode input : inputs.subList(1, inputs.size())) {
            Map<Integer, Long> bounded = input.watermarkColumns();
            columns.keySet().retainAll(bounded.keySet());
            columns.replaceAll((column, offset) -> Math.min(offset, bounded.get(column)));
        }
        return columns;
    }
}
