package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.freshet.planner.DataType;
import dev.freshet.planner.ObjectKind;

/**
 * Reads the changes of a table (its committed INSERT, UPDATE and DELETE statements) or of
 * another materialized view (the changes it commits). When a view is created, the scan first
 * emits the object's current rows as insertions (the backfill).
 *
 * @param objectId the catalog id of the table or materialized view read
 * @param objectName its name, for EXPLAIN
 * @param kind {@link ObjectKind#TABLE} or {@link ObjectKind#MATERIALIZED_VIEW}
 * @param uniqueKey the table's primary key or the view's key; empty when rows may repeat
 * @param appendOnly true when the object never retracts a row
 */
public record StreamScan(long objectId, String objectName, ObjectKind kind, List<String> outputNames,
        List<DataType> outputTypes, List<Integer> uniqueKey, boolean appendOnly) implements StreamNode {
    public StreamScan {
        requireNonNull(objectName, "objectName is null");
        requireNonNull(kind, "kind is null");
        outputNames = List.copyOf(requireNonNull(outputNames, "outputNames is null"));
        outputTypes = List.copyOf(requireNonNull(outputTypes, "outputTypes is null"));
        uniqueKey = List.copyOf(requireNonNull(uniqueKey, "uniqueKey is null"));
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
        return "StreamScan(" + kind.displayName() + " " + objectName + ", columns: " + String.join(", ", outputNames)
                + ")";
    }
}
