package dev.freshet.executor.format;

import java.util.List;

/**
 * Sink type {@code append-only}: each inserted row is one record, its value the row and its key
 * the key columns (no key when the sink has none). Deletes and updates cannot be written; a plan
 * whose changes include them must not reach this sink.
 */
final class AppendOnlyEnvelope extends AbstractSinkEnvelope {
    private final RecordEncoder value;

    AppendOnlyEnvelope(SinkKey key, RecordEncoder value) {
        super(key, value.schema());
        this.value = value;
    }

    @Override
    List<EncodedRecord> encodeChange(Object[] before, Object[] after, long timestampMillis) {
        if (before != null) {
            throw new IllegalArgumentException("an append-only sink takes inserts only, not deletes or updates");
        }
        return List.of(new EncodedRecord(key(after), value.encode(after)));
    }
}
