package dev.freshet.executor.format;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** What every sink type's envelope does alike: keys records by the sink's key and checks each change. */
abstract class AbstractSinkEnvelope implements SinkEnvelope {
    private final SinkKey key;
    private final Optional<String> valueSchema;

    /**
     * @param key the key of the records
     * @param valueSchema the schema of the records' values, empty for JSON
     */
    AbstractSinkEnvelope(SinkKey key, Optional<String> valueSchema) {
        this.key = requireNonNull(key, "key is null");
        this.valueSchema = requireNonNull(valueSchema, "valueSchema is null");
    }

    @Override
    public final List<EncodedRecord> encode(Object[] before, Object[] after, long timestampMillis) {
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change needs a row before or after it");
        }
        return encodeChange(before, after, timestampMillis);
    }

    /** The records of a change that has at least one row, as {@link #encode} promises. */
    abstract List<EncodedRecord> encodeChange(Object[] before, Object[] after, long timestampMillis);

    /** The key of {@code row}, or null when the sink has no key columns. */
    final byte[] key(Object[] row) {
        return key.encode(row);
    }

    @Override
    public final Optional<String> keySchema() {
        return key.schema();
    }

    @Override
    public final Optional<String> valueSchema() {
        return valueSchema;
    }
}
