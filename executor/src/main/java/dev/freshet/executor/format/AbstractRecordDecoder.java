package dev.freshet.executor.format;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.freshet.planner.ColumnDescriptor;

/** What every format's decoder does alike: keeps its columns and refuses a record without a value. */
abstract class AbstractRecordDecoder implements RecordDecoder {
    private final List<ColumnDescriptor> columns;

    AbstractRecordDecoder(List<ColumnDescriptor> columns) {
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    @Override
    public final List<ColumnDescriptor> columns() {
        return columns;
    }

    @Override
    public final Object[] decode(byte[] value) throws BadRecordException {
        if (value == null) {
            throw new BadRecordException("the record has no value (a tombstone)");
        }
        return decodeValue(value);
    }

    /** The row of a record's value, as {@link #decode} promises; {@code value} is not null. */
    abstract Object[] decodeValue(byte[] value) throws BadRecordException;

    /** The value checks of each column, in column order. */
    final ColumnValues[] columnValues() {
        return columns.stream().map(ColumnValues::new).toArray(ColumnValues[]::new);
    }
}
