package dev.freshet.executor.format;

import java.util.Arrays;
import java.util.List;

/**
 * Sink type {@code upsert}: records keyed by the sink's key columns, so that a compacted topic
 * keeps each key's latest row. An insert or update writes the new row under its key; a delete
 * writes a tombstone (a null value) under the old row's key. An update that changes the key is a
 * tombstone for the old key followed by the new row under the new key.
 */
final class UpsertEnvelope extends AbstractSinkEnvelope {
    private final RecordEncoder value;

    /** @param key the key; it must have key columns */
    UpsertEnvelope(SinkKey key, RecordEncoder value) {
        super(key, value.schema());
        this.value = value;
    }

    @Override
    List<EncodedRecord> encodeChange(Object[] before, Object[] after, long timestampMillis) {
        if (after == null) {
            return List.of(new EncodedRecord(key(before), null));
        }
        byte[] newKey = key(after);
        EncodedRecord upsert = new EncodedRecord(newKey, value.encode(after));
        if (before == null) {
            return List.of(upsert);
        }
        byte[] oldKey = key(before);
        if (Arrays.equals(oldKey, newKey)) {
            return List.of(upsert);
        }
        return List.of(new EncodedRecord(oldKey, null), upsert);
    }
}
