package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.freshet.planner.DataType;

/**
 * Constant rows (a VALUES list, or a query without FROM): inserted once, when the view is
 * created, and never changed.
 *
 * @param rows the rows, each in Calcite's internal representation; values may be null
 */
public record StreamValues(List<List<Object>> rows, List<String> outputNames, List<DataType> outputTypes)
        implements StreamNode {
    public StreamValues {
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : requireNonNull(rows, "rows is null")) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
        outputNames = List.copyOf(requireNonNull(outputNames, "outputNames is null"));
        outputTypes = List.copyOf(requireNonNull(outputTypes, "outputTypes is null"));
    }

    @Override
    public List<StreamNode> inputs() {
        return List.of();
    }

    @Override
    public List<Integer> uniqueKey() {
        return List.of();
    }

    @Override
    public boolean appendOnly() {
        return true;
    }

    @Override
    public List<StateTableLayout> stateTables() {
        return List.of();
    }

    @Override
    public String explain() {
        return "StreamValues(rows: " + rows.size() + ")";
    }
}
