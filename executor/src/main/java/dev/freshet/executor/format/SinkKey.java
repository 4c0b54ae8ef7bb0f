package dev.freshet.executor.format;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The Kafka key of a sink's records: its key columns, taken from a row and encoded as a row of
 * their own (a JSON object, an Avro record {@code Key}). A sink without key columns writes records
 * without a key.
 */
final class SinkKey {
    private final int[] indexes;
    /** The encoder of the key columns; null when there are none. */
    private final RecordEncoder encoder;

    /**
     * @param indexes the key columns' positions in the sink's rows
     * @param encoder the encoder of rows of just the key columns, or null when there are none
     */
    SinkKey(int[] indexes, RecordEncoder encoder) {
        this.indexes = requireNonNull(indexes, "indexes is null").clone();
        this.encoder = encoder;
    }

    /** The key of {@code row}, or null when the sink has no key columns. */
    byte[] encode(Object[] row) {
        if (encoder == null) {
            return null;
        }
        Object[] key = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            key[i] = row[indexes[i]];
        }
        return encoder.encode(key);
    }

    /** The key's schema as text, or empty for JSON or no key. */
    Optional<String> schema() {
        return encoder == null ? Optional.empty() : encoder.schema();
    }
}
