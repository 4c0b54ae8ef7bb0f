package dev.freshet.executor.format;

import java.util.List;
import java.util.Optional;

/**
 * Wraps a sink's row changes in the records its type writes ({@code type = 'append-only'},
 * {@code 'upsert'} or {@code 'debezium'}). Made by {@link RecordFormats#sinkEnvelope}; the
 * records of each type are in {@code docs/formats.md}.
 *
 * <p>An instance may keep scratch state between calls: use one per thread.
 */
public interface SinkEnvelope {
    /**
     * The records for one change of one row: an insert ({@code before} null), a delete
     * ({@code after} null), or an update that the caller paired from a retraction and an insertion.
     *
     * @param before the row before the change, or null for an insert
     * @param after the row after the change, or null for a delete
     * @param timestampMillis when the change was committed, in epoch milliseconds (Debezium's
     *     {@code ts_ms}; ignored by the other types)
     * @return the records to write, in order: one, or two for an update that changes the key
     *     (the old key's delete, then the new key's insert)
     * @throws IllegalArgumentException when both rows are null, or for a delete or update given
     *     to an append-only sink
     */
    List<EncodedRecord> encode(Object[] before, Object[] after, long timestampMillis);

    /** The schema of the records' keys as text (Avro's JSON schema), or empty for JSON or no key. */
    Optional<String> keySchema();

    /** The schema of the records' values as text (Avro's JSON schema), or empty for JSON. */
    Optional<String> valueSchema();
}
