package dev.freshet.executor.internal;

import java.util.List;

/** What the runtime gives an operator instance: its state tables and its place among instances. */
public interface OperatorContext {
    /** The state tables, in the order of the plan node's {@code stateTables()}. */
    List<OperatorState> stateTables();

    /** The index of this instance among the operator's instances, from 0. */
    int instance();

    /** How many instances the operator has. */
    int instances();

    /**
     * True when rows whose distribution key holds these values go to this instance: for an
     * operator that scans state its instances share and must only act on its own partitions.
     */
    default boolean owns(Object[] distributionKey) {
        return OperatorStage.instanceFor(RowKey.hash(distributionKey, allColumns(distributionKey.length)),
                instances()) == instance();
    }

    private static int[] allColumns(int width) {
        int[] columns = new int[width];
        for (int i = 0; i < width; i++) {
            columns[i] = i;
        }
        return columns;
    }

    /** The name of the view the operator belongs to, for log messages. */
    String viewName();
}
