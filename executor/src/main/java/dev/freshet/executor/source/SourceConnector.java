package dev.freshet.executor.source;

import java.util.List;
import java.util.Map;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.WatermarkDescriptor;

/** A kind of source ({@code connector = '...'}): checks its options and reads its data. */
public interface SourceConnector {
    /** The name {@code connector = '...'} gives. */
    String name();

    /**
     * Checks a CREATE SOURCE statement's columns and options.
     *
     * @param declared the declared columns, empty when none are
     * @param watermark the declared watermark, or null
     * @param options every WITH option, {@code connector} included
     * @throws dev.freshet.common.FreshetException with a 22023 or 42601-family state naming the
     *     option or column at fault
     */
    SourceDefinition define(List<ColumnDescriptor> declared, WatermarkDescriptor watermark,
            Map<String, String> options);

    /**
     * Opens readers for a view reading the source, together covering all its splits.
     *
     * @param parallelism how many readers to open: the dataflow's workers
     * @param committed the positions committed with the view's last epoch, by split; empty for a
     *     view that starts reading now
     */
    List<SourceReader> open(SourceDescriptor source, int parallelism, Map<Integer, Long> committed);
}
