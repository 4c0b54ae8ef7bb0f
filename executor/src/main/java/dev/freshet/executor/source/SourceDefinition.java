package dev.freshet.executor.source;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.WatermarkDescriptor;

/**
 * What a connector makes of a CREATE SOURCE statement once it accepted its options.
 *
 * @param columns the source's columns: the declared ones, or the connector's own when it defines
 *     them
 * @param watermark the declared watermark, or the connector's default, or null for none
 */
public record SourceDefinition(List<ColumnDescriptor> columns, WatermarkDescriptor watermark) {
    public SourceDefinition {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }
}
