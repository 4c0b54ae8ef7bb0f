package dev.freshet.executor.format;

import java.util.Arrays;
import java.util.List;

/**
 * Sink type {@code debezium}: each change is one record whose value is a Debezium envelope (see
 * {@link ChangeEncoder}) and whose key is the key columns (no key when the sink has none). An
 * insert is op {@code c}, a delete op {@code d} with the old row in {@code before}, an update op
 * {@code u} with both rows; an update that changes the key is, as in Debezium, a {@code d} under
 * the old key followed by a {@code c} under the new one. No tombstones follow deletes.
 */
final class DebeziumEnvelope extends AbstractSinkEnvelope {
    private final ChangeEncoder value;

    DebeziumEnvelope(SinkKey key, ChangeEncoder value) {
        super(key, value.schema());
        this.value = value;
    }

    @Override
    List<EncodedRecord> encodeChange(Object[] before, Object[] after, long timestampMillis) {
        if (after == null) {
            return List.of(delete(before, timestampMillis));
        }
        if (before == null) {
            return List.of(create(after, timestampMillis));
        }
        byte[] oldKey = key(before);
        byte[] newKey = key(after);
        if (!Arrays.equals(oldKey, newKey)) {
            return List.of(delete(before, timestampMillis), create(after, timestampMillis));
        }
        return List.of(new EncodedRecord(newKey, value.encode(before, after, ChangeEncoder.UPDATE, timestampMillis)));
    }

    private EncodedRecord create(Object[] after, long timestampMillis) {
        return new EncodedRecord(key(after), value.encode(null, after, ChangeEncoder.CREATE, timestampMillis));
    }

    private EncodedRecord delete(Object[] before, long timestampMillis) {
        return new EncodedRecord(key(before), value.encode(before, null, ChangeEncoder.DELETE, timestampMillis));
    }
}
