package dev.freshet.executor.sink;

import dev.freshet.executor.SinkOutbox;

/**
 * Delivers a sink's batches to the external system, each exactly once. Used by one thread.
 */
public interface SinkWriter extends AutoCloseable {
    /**
     * The number of the last batch the external system has durably taken: after a crash, the
     * batches after it are delivered again.
     *
     * @throws RuntimeException when the system cannot say now; the caller retries
     */
    long lastDelivered();

    /**
     * Delivers one batch atomically, together with its number, so {@link #lastDelivered} moves to
     * it exactly when its records are visible.
     *
     * @throws RuntimeException when it could not; nothing of the batch is visible then, and the
     *     caller retries it later
     */
    void deliver(SinkOutbox.Batch batch);

    @Override
    void close();
}
