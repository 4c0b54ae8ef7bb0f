package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.freshet.planner.DataType;

/**
 * Assigns each row to its session, as the window table function {@code SESSION} does: the rows
 * of one key whose times follow each other by less than {@code gap} form a session, whose window
 * runs from its first time to its last plus the gap. The output row is the input row followed by
 * {@code window_start} and {@code window_end}; a row whose time is NULL belongs to no session.
 *
 * <p>Not linear: a row that bridges two sessions merges them, and deleting one can split a
 * session, so the rows of the sessions it touches are retracted with their old window and
 * inserted with the new one. The operator keeps each key's rows in the state table {@code rows}:
 * the key columns, the time, then the other input columns, with {@code count} (BIGINT), how many
 * times the row is in the input. Once the watermark passes a session's end, no row can join it
 * any more, and its rows are freed.
 *
 * @param timeColumn the input column holding each row's event time
 * @param keyColumns the PARTITION BY columns; empty for sessions over all rows
 * @param gapMillis the longest pause within a session
 */
public record StreamSessionWindow(StreamNode input, int timeColumn, List<Integer> keyColumns, long gapMillis,
        List<String> outputNames, List<DataType> outputTypes) implements StreamNode {
    public StreamSessionWindow {
        requireNonNull(input, "input is null");
        keyColumns = List.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
        outputNames = List.copyOf(requireNonNull(outputNames, "outputNames is null"));
        outputTypes = List.copyOf(requireNonNull(outputTypes, "outputTypes is null"));
        if (gapMillis <= 0) {
            throw new IllegalArgumentException("session gap must be positive");
        }
    }

    @Override
    public List<StreamNode> inputs() {
        return List.of(input);
    }

    public int windowStartColumn() {
        return input.outputTypes().size();
    }

    public int windowEndColumn() {
        return input.outputTypes().size() + 1;
    }

    /** The input's key: each input row appears once, in its session. */
    @Override
    public List<Integer> uniqueKey() {
        return input.uniqueKey();
    }

    /** Merging sessions retracts rows, whatever the input. */
    @Override
    public boolean appendOnly() {
        return false;
    }

    /**
     * Only {@code window_end}: every session a change at time {@code t >= W + o} touches ends after
     * {@code t}. The start is not bounded (a session may be long), nor are the input's columns (a
     * merge re-emits old rows).
     */
    @Override
    public Map<Integer, Long> watermarkColumns() {
        Long time = input.watermarkColumns().get(timeColumn);
        return time == null ? Map.of() : Map.of(windowEndColumn(), time + 1);
    }

    /** The state table's column for each input column: the keys, the time, then the rest in order. */
    public List<Integer> storedColumns() {
        List<Integer> columns = new ArrayList<>(keyColumns);
        if (!columns.contains(timeColumn)) {
            columns.add(timeColumn);
        }
        for (int i = 0; i < input.outputTypes().size(); i++) {
            if (!columns.contains(i)) {
                columns.add(i);
            }
        }
        return columns;
    }

    @Override
    public List<StateTableLayout> stateTables() {
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        List<Integer> key = new ArrayList<>();
        for (int column : storedColumns()) {
            key.add(names.size());
            names.add(input.outputNames().get(column));
            types.add(input.outputTypes().get(column));
        }
        names.add("count");
        types.add(DataType.of(DataType.Kind.BIGINT));
        return List.of(new StateTableLayout("rows", names, types, key));
    }

    @Override
    public String explain() {
        StringBuilder text = new StringBuilder("StreamSessionWindow(SESSION on ")
                .append(input.outputNames().get(timeColumn)).append(", partition: [");
        for (int i = 0; i < keyColumns.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(input.outputNames().get(keyColumns.get(i)));
        }
        return text.append("], gap: ").append(gapMillis).append(" ms)").toString();
    }
}
