package dev.freshet.executor;

/**
 * How far a sink has got.
 *
 * @param sinkId the sink
 * @param written the number of the last batch of records its epochs have committed to the outbox
 * @param delivered the number of the last batch the external system has taken, or -1 before it
 *     said
 * @param problem why batches are not being delivered now, or null
 */
public record SinkStatus(long sinkId, long written, long delivered, String problem) {
}
