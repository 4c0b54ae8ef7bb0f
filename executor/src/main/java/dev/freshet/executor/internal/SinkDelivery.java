package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.freshet.executor.SinkOutbox;
import dev.freshet.executor.sink.SinkWriter;
import dev.freshet.storage.ReadView;
import dev.freshet.storage.StorageEngine;
import dev.freshet.storage.StorageWriter;

/**
 * Takes one sink's committed batches from the outbox to the external system, on a thread of its
 * own so that a slow or unreachable system never holds the dataflow up. It first asks the system
 * which batch it last took (batches after a crash are delivered again from there), then delivers
 * each committed batch in order, retrying one that fails until it goes through, and deletes what
 * is delivered from the outbox. Its problem, if any, is published for the system tables.
 */
public final class SinkDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDelivery.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final String name;
    private final long sinkId;
    private final StorageEngine storage;
    private final SinkWriter writer;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The number of the last batch committed to the outbox. */
    private long committed;
    private boolean closing;
    private volatile long delivered = -1;
    private volatile String problem;

    /** @param committed the number of the last batch in the outbox now */
    public SinkDelivery(String name, long sinkId, StorageEngine storage, SinkWriter writer, long committed) {
        this.name = requireNonNull(name, "name is null");
        this.sinkId = sinkId;
        this.storage = requireNonNull(storage, "storage is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.committed = committed;
        this.thread = new Thread(this::run, "freshet-sink-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Tells the thread that the outbox has batches up to {@code sequence}, committed. */
    public void committed(long sequence) {
        lock.lock();
        try {
            committed = Math.max(committed, sequence);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public long sinkId() {
        return sinkId;
    }

    /** The number of the last batch committed to the outbox. */
    public long committedSequence() {
        lock.lock();
        try {
            return committed;
        } finally {
            lock.unlock();
        }
    }

    /** The number of the last batch delivered, or -1 before the system said. */
    public long delivered() {
        return delivered;
    }

    /** Why batches are not being delivered now, or null. */
    public String problem() {
        return problem;
    }

    private void run() {
        long next = -1;
        long backoff = 100;
        while (true) {
            try {
                if (next < 0) {
                    long last = writer.lastDelivered();
                    delivered = last;
                    deleteUpTo(last);
                    next = last + 1;
                }
                if (!awaitCommitted(next)) {
                    return;
                }
                SinkOutbox.Batch batch = read(next);
                if (batch != null) {
                    writer.deliver(batch);
                    delivered = next;
                    deleteUpTo(next);
                }
                next++;
                if (problem != null) {
                    LOG.info("sink {}: delivering again, from batch {}", name, next - 1);
                    problem = null;
                }
                backoff = 100;
            } catch (RuntimeException e) {
                if (isClosing()) {
                    return;
                }
                String text = describe(e);
                if (problem == null) {
                    LOG.warn("sink {}: cannot deliver batch {}: {}; Freshet keeps the batches and retries", name,
                            next < 0 ? "(not known yet)" : next, text);
                }
                problem = "cannot deliver: " + text + "; retrying";
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /** An error and its causes, which Kafka's clients often wrap in a message that hides them. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    /** Waits until batch {@code sequence} is committed; false when closing. */
    private boolean awaitCommitted(long sequence) {
        lock.lock();
        try {
            while (committed < sequence && !closing) {
                changed.awaitUninterruptibly();
            }
            return !closing;
        } finally {
            lock.unlock();
        }
    }

    private SinkOutbox.Batch read(long sequence) {
        try (ReadView view = storage.openReadView()) {
            return SinkOutbox.read(view, sinkId, sequence);
        }
    }

    private void deleteUpTo(long sequence) {
        if (sequence <= 0) {
            return;
        }
        try (StorageWriter batch = storage.beginBatch()) {
            SinkOutbox.deleteUpTo(batch, sinkId, sequence);
            batch.commit();
        }
    }

    private boolean isClosing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    private void sleep(long millis) {
        lock.lock();
        try {
            if (!closing) {
                changed.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Stops delivering (what is not delivered stays in the outbox) and closes the writer. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // Closing the writer first ends a call that waits on an unreachable system.
        writer.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
