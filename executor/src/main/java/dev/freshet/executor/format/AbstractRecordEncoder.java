package dev.freshet.executor.format;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.freshet.planner.ColumnDescriptor;

/** What every format's encoder does alike: keeps its columns and checks each row against them. */
abstract class AbstractRecordEncoder implements RecordEncoder {
    private final List<ColumnDescriptor> columns;

    AbstractRecordEncoder(List<ColumnDescriptor> columns) {
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    @Override
    public final List<ColumnDescriptor> columns() {
        return columns;
    }

    @Override
    public final byte[] encode(Object[] row) {
        SinkRows.check(columns, row);
        return encodeRow(row);
    }

    /** The bytes of a row that {@link SinkRows#check} passed. */
    abstract byte[] encodeRow(Object[] row);
}
