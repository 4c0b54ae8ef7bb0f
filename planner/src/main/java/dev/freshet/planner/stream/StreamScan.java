package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.freshet.planner.DataType;
import dev.freshet.planner.ObjectKind;

/**
 * Reads the changes of a table (its committed INSERT, UPDATE and DELETE statements), of
 * another materialized view (the changes it commits) or the rows of a source. When a view is
 * created, the scan of a table or view first emits the object's current rows as insertions (the
 * backfill); a source has no stored rows, and the view reads it from its start.
 *
 * @param objectId the catalog id of the table, source or materialized view read
 * @param objectName its name, for EXPLAIN
 * @param kind {@link ObjectKind#TABLE}, {@link ObjectKind#SOURCE} or {@link ObjectKind#MATERIALIZED_VIEW}
 * @param uniqueKey the table's primary key or the view's key; empty when rows may repeat
 * @param appendOnly true when the object never retracts a row
 * @param watermarkColumns a table's or source's WATERMARK FOR column at offset 0 (no change arrives
 *     below its watermark), or the columns a view's watermark bounds (as its plan had them); empty
 *     when there are none
 */
public record StreamScan(long objectId, String objectName, ObjectKind kind, List<String> outputNames,
        List<DataType> outputTypes, List<Integer> uniqueKey, boolean appendOnly, Map<Integer, Long> watermarkColumns)
        implements StreamNode {
    public StreamScan {
        requireNonNull(objectName, "objectName is null");
        requireNonNull(kind, "kind is null");
        outputNames = List.copyOf(requireNonNull(outputNames, "outputNames is null"));
        outputTypes = List.copyOf(requireNonNull(outputTypes, "outputTypes is null"));
        uniqueKey = List.copyOf(requireNonNull(uniqueKey, "uniqueKey is null"));
        watermarkColumns = Map.copyOf(requireNonNull(watermarkColumns, "watermarkColumns is null"));
    }

    @Override
    public List<StreamNode> inputs() {
        return List.of();
    }

    @Override
    public List<StateTableLayout> stateTables() {
        return List.of();
    }

    @Override
    public String explain() {
        StringBuilder text = new StringBuilder("StreamScan(").append(kind.displayName()).append(' ').append(objectName)
                .append(", columns: ").append(String.join(", ", outputNames));
        for (int column : new TreeSet<>(watermarkColumns.keySet())) {
            text.append(", watermark: ").append(outputNames.get(column));
        }
        return text.append(')').toString();
    }
}
