package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

import dev.freshet.planner.DataType;

/**
 * Filters and projects each change: a row passes when the condition holds, and becomes the
 * projected values, keeping its weight. Linear, so stateless: it never reads earlier rows.
 *
 * @param condition the filter, or null when every row passes
 * @param projection the output expressions over the input row
 * @param uniqueKey the output columns that are the input's key columns, when all of them survive
 * @param watermarkColumns the input's bounded columns that the projection copies as they are
 */
public record StreamCalc(StreamNode input, CompiledExpressions condition, CompiledExpressions projection,
        List<String> outputNames, List<DataType> outputTypes, List<Integer> uniqueKey, Map<Integer, Long> watermarkColumns)
        implements StreamNode {
    public StreamCalc {
        requireNonNull(input, "input is null");
        requireNonNull(projection, "projection is null");
        outputNames = List.copyOf(requireNonNull(outputNames, "outputNames is null"));
        outputTypes = List.copyOf(requireNonNull(outputTypes, "outputTypes is null"));
        uniqueKey = List.copyOf(requireNonNull(uniqueKey, "uniqueKey is null"));
        watermarkColumns = Map.copyOf(requireNonNull(watermarkColumns, "watermarkColumns is null"));
    }

    @Override
    public List<StreamNode> inputs() {
        return List.of(input);
    }

    @Override
    public boolean appendOnly() {
        return input.appendOnly();
    }

    @Override
    public List<StateTableLayout> stateTables() {
        return List.of();
    }

    @Override
    public String explain() {
        StringBuilder text = new StringBuilder("StreamCalc(");
        if (condition != null) {
            text.append("where: ").append(condition.describe()).append(", ");
        }
        return text.append("select: ").append(projection.describe()).append(')').toString();
    }
}
