package dev.freshet.planner.stream;

import java.util.List;
import java.util.Map;

import dev.freshet.planner.DataType;

/**
 * A node of a streaming physical plan: one incremental operator of a materialized view's
 * dataflow. Every stream between nodes carries changes as weighted rows (+1 insert, -1 delete;
 * an update is -old +new), each row holding one value per {@link #outputTypes()} column in
 * Calcite's internal representation (see {@link DataType}).
 *
 * <p>Nodes are immutable. A node knows the columns that identify its output rows uniquely (empty
 * when there are none, and then equal rows may repeat), whether its output can ever carry a
 * retraction, and the layout of each state table its operator keeps.
 */
public sealed interface StreamNode
        permits StreamScan, StreamCalc, StreamAggregate, StreamJoin, StreamUnion, StreamTopN, StreamValues, StreamWindow,
        StreamSessionWindow,
        StreamEmitOnWindowClose {
    /** The inputs, in input-index order; empty for leaves. */
    List<StreamNode> inputs();

    /** The output columns' names. */
    List<String> outputNames();

    /** The output columns' types. */
    List<DataType> outputTypes();

    /**
     * The output columns whose values identify a row among all rows currently in the output, or
     * empty when the output may hold equal rows.
     */
    List<Integer> uniqueKey();

    /** True when the output only ever inserts rows: no retraction can come out of this node. */
    boolean appendOnly();

    /** The state tables the operator keeps, in the order it addresses them; empty for stateless nodes. */
    List<StateTableLayout> stateTables();

    /**
     * The output columns an event-time watermark bounds, each with its offset {@code o}: once the
     * watermark of the node's inputs (the least of them) has reached {@code W}, no change the node
     * emits later holds a value below {@code W + o} in that column, NULL aside. A group, window or
     * row whose value there is below {@code W + o} is therefore final, and its state can go. Empty
     * when no column is bounded. Keys are output column indexes; offsets are in the column's
     * internal unit (milliseconds for timestamps).
     */
    default Map<Integer, Long> watermarkColumns() {
        return Map.of();
    }

    /** One line of EXPLAIN, without the inputs: the operator's name and arguments. */
    String explain();
}
