package dev.freshet.executor.format;

/**
 * The key and value of one Kafka record a sink writes. Arrays compare by identity here, as in
 * every record with array components: compare their contents with {@link java.util.Arrays}.
 *
 * @param key the key's bytes, or null for a record without a key (append-only sinks)
 * @param value the value's bytes, or null for a tombstone (an upsert sink's delete)
 */
public record EncodedRecord(byte[] key, byte[] value) {
}
