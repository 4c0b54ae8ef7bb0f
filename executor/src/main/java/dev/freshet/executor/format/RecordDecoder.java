package dev.freshet.executor.format;

import java.util.List;

import dev.freshet.planner.ColumnDescriptor;

/**
 * Turns the value of one Kafka record into one row of a source's declared columns. Made by
 * {@link RecordFormats#decoder}; the formats and their rules are in {@code docs/formats.md}.
 *
 * <p>An instance may keep scratch state between calls: use one per thread.
 */
public interface RecordDecoder {
    /** The columns every decoded row has, in order. */
    List<ColumnDescriptor> columns();

    /**
     * The row a record value holds.
     *
     * @param value the record's value; null for a record without one (a tombstone)
     * @return a fresh array of {@code columns().size()} values in Calcite's internal representation
     *     (see {@link dev.freshet.planner.DataType}), null where the column is NULL
     * @throws BadRecordException when the bytes are not a record of the format, when the value is
     *     null, or when a value does not fit its column; never any other exception, whatever the bytes
     */
    Object[] decode(byte[] value) throws BadRecordException;
}
