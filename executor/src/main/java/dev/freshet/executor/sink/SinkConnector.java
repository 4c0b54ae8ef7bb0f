package dev.freshet.executor.sink;

import java.util.List;
import java.util.Map;

import dev.freshet.executor.format.SinkEnvelope;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.SinkDescriptor;

/** A kind of sink ({@code connector = '...'}): checks its options and delivers its records. */
public interface SinkConnector {
    /** The name {@code connector = '...'} gives. */
    String name();

    /**
     * Checks a CREATE SINK statement's options against the rows it will push.
     *
     * @param columns the columns of the pushed rows
     * @param key the columns that identify a row; empty when rows may repeat
     * @param appendOnly true when the input never retracts a row
     * @param options every WITH option, {@code connector} included
     * @throws dev.freshet.common.FreshetException naming the option at fault
     */
    void validate(List<ColumnDescriptor> columns, List<Integer> key, boolean appendOnly, Map<String, String> options);

    /** The envelope that turns the sink's row changes into its records. */
    SinkEnvelope envelope(SinkDescriptor sink);

    /** Opens the writer of a sink; it connects lazily, so an unreachable system does not fail this. */
    SinkWriter open(SinkDescriptor sink);
}
