package dev.freshet.executor.format;

import java.util.Optional;

/**
 * Encodes one change as the value of a Debezium envelope: {@code before} and {@code after} rows
 * (either may be null), the operation {@code op} and the commit time {@code ts_ms}.
 */
interface ChangeEncoder {
    /** Debezium's operation codes for the changes Freshet emits. */
    String CREATE = "c";
    String UPDATE = "u";
    String DELETE = "d";

    /**
     * @param before the row before the change, or null for a create
     * @param after the row after the change, or null for a delete
     * @param op {@link #CREATE}, {@link #UPDATE} or {@link #DELETE}
     * @param timestampMillis the commit time in epoch milliseconds
     */
    byte[] encode(Object[] before, Object[] after, String op, long timestampMillis);

    /** The envelope's schema as text (Avro's JSON schema), or empty for JSON. */
    Optional<String> schema();
}
