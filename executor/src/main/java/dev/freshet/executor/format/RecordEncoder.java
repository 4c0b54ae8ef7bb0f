package dev.freshet.executor.format;

import java.util.List;
import java.util.Optional;

import dev.freshet.planner.ColumnDescriptor;

/**
 * Turns one row of a sink's columns into the bytes of a Kafka record's key or value. Made by
 * {@link RecordFormats#encoder}; the formats and their rules are in {@code docs/formats.md}.
 *
 * <p>An instance may keep scratch state between calls: use one per thread.
 */
public interface RecordEncoder {
    /** The columns every encoded row has, in order. */
    List<ColumnDescriptor> columns();

    /**
     * The bytes of a row.
     *
     * @param row {@code columns().size()} values in Calcite's internal representation (see
     *     {@link dev.freshet.planner.DataType}), null where the column is NULL
     * @return a fresh array the caller may keep
     * @throws IllegalArgumentException when the row does not have the columns' width, or holds
     *     NULL in a NOT NULL column
     * @throws dev.freshet.common.FreshetException {@code NUMERIC_VALUE_OUT_OF_RANGE} when a
     *     DECIMAL value has more digits than the format's schema holds
     */
    byte[] encode(Object[] row);

    /** The schema of the encoded bytes as text (Avro's JSON schema), or empty for JSON. */
    Optional<String> schema();
}
