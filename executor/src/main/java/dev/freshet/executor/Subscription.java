package dev.freshet.executor;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.storage.CloseableIterator;

/**
 * One subscriber's stream of a materialized view's changes ({@code SUBSCRIBE}): first, unless
 * asked not to, the view's rows as of the last committed epoch when the subscription began, then
 * the net changes of every later epoch, in epoch order, each exactly once.
 *
 * <p>The dataflow's coordinator hands each committed epoch's changes to the subscription
 * ({@link #offer}) and never waits for the subscriber: changes not yet taken wait in a buffer of
 * at most a bound of rows ({@code subscribe.max_buffered_rows}). A subscriber that falls further
 * behind is ended with {@code 53400}, its buffer freed, and the dataflow goes on. The snapshot is not buffered: the
 * subscriber reads it from a storage snapshot of that epoch, at its own pace.
 *
 * <p>{@link #poll} and {@link #close} belong to the subscriber's thread; the coordinator calls
 * {@link #offer} and {@link #end}.
 */
public final class Subscription implements AutoCloseable {
    /** How often a waiting {@link #poll} checks whether its statement was canceled. */
    private static final long CANCEL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * One change of the view: its row (the view's columns in the plan's representation), the epoch
     * that committed it, and its weight (positive: copies inserted; negative: copies deleted).
     */
    public record Change(long epoch, long diff, Object[] row) {
        public Change {
            requireNonNull(row, "row is null");
        }
    }

    /** The net changes of one epoch, shared by every subscription of the view; never changed. */
    record EpochChanges(long epoch, List<Object[]> rows, long[] diffs) {
        int size() {
            return rows.size();
        }
    }

    private final String viewName;
    private final long startEpoch;
    private final int maxBufferedRows;

    /**
     * The view's rows at {@link #startEpoch} as changes, each stored row once with its copies as
     * the diff; null once read. A view stored under row ids keeps equal rows apart.
     */
    private CloseableIterator<Change> snapshot;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<EpochChanges> buffer = new ArrayDeque<>();
    /** How many rows of the buffer's first epoch were already taken. */
    private int taken;
    private long bufferedRows;
    /** Why the stream ended, reported once the buffer is drained; null while it goes on. */
    private Supplier<FreshetException> ending;
    private boolean closed;
    private long lastEpoch;
    /** Called once when the subscriber closes the subscription. */
    private Runnable onClose = () -> { };

    Subscription(String viewName, long startEpoch, CloseableIterator<Change> snapshot,
            int maxBufferedRows) {
        if (maxBufferedRows <= 0) {
            throw new IllegalArgumentException("maxBufferedRows must be positive: " + maxBufferedRows);
        }
        this.viewName = requireNonNull(viewName, "viewName is null");
        this.startEpoch = startEpoch;
        this.snapshot = snapshot;
        this.maxBufferedRows = maxBufferedRows;
        this.lastEpoch = startEpoch;
    }

    /** Runs {@code action} when the subscriber closes the subscription (the dataflow's bookkeeping). */
    void onClose(Runnable action) {
        this.onClose = requireNonNull(action, "action is null");
    }

    public String viewName() {
        return viewName;
    }

    /** The last epoch committed when the subscription began: the snapshot's epoch; changes follow it. */
    public long startEpoch() {
        return startEpoch;
    }

    /**
     * Takes up to {@code maxRows} changes: snapshot rows while any remain, then buffered epochs.
     * When none is ready, waits up to {@code timeoutNanos} for an epoch ({@code < 0}: no limit),
     * running {@code checkCanceled} every 100 ms; returns an empty list when the time is up.
     *
     * @throws FreshetException once the buffered changes are taken, when the stream has ended:
     *     the subscriber fell too far behind ({@code 53400}), the view was dropped ({@code 42P01})
     *     or stopped updating ({@code 55000}), or the server shuts down ({@code 57P01})
     */
    public List<Change> poll(int maxRows, long timeoutNanos, Runnable checkCanceled) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        }
        List<Change> changes = new ArrayList<>();
        readSnapshot(changes, maxRows);
        if (!changes.isEmpty()) {
            return changes;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            while (buffer.isEmpty()) {
                if (ending != null) {
                    throw ending.get();
                }
                long remaining = timeoutNanos < 0 ? CANCEL_CHECK_NANOS : deadline - System.nanoTime();
                if (remaining <= 0) {
                    return changes;
                }
                arrived.awaitNanos(Math.min(remaining, CANCEL_CHECK_NANOS));
                checkCanceled.run();
            }
            while (!buffer.isEmpty() && changes.size() < maxRows) {
                EpochChanges epoch = buffer.peekFirst();
                int end = Math.min(epoch.size(), taken + maxRows - changes.size());
                for (int i = taken; i < end; i++) {
                    changes.add(new Change(epoch.epoch(), epoch.diffs()[i], epoch.rows().get(i)));
                }
                bufferedRows -= end - taken;
                taken = end;
                if (taken == epoch.size()) {
                    buffer.pollFirst();
                    taken = 0;
                }
            }
            return changes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException(ErrorCode.QUERY_CANCELED, "canceled while waiting for changes of " + viewName, e);
        } finally {
            lock.unlock();
        }
    }

    /** Adds snapshot rows to {@code changes}, up to {@code maxRows}. */
    private void readSnapshot(List<Change> changes, int maxRows) {
        while (snapshot != null && changes.size() < maxRows) {
            if (!snapshot.hasNext()) {
                snapshot.close();
                snapshot = null;
                return;
            }
            changes.add(snapshot.next());
        }
    }

    /**
     * Hands over a committed epoch's changes (coordinator thread). Returns false when the
     * subscription is over (closed or ended) and may be forgotten; ends it, freeing its buffer,
     * when the subscriber is too far behind.
     */
    boolean offer(EpochChanges epoch) {
        lock.lock();
        try {
            if (closed || ending != null) {
                return false;
            }
            if (bufferedRows + epoch.size() > maxBufferedRows) {
                long behind = bufferedRows + epoch.size();
                buffer.clear();
                bufferedRows = 0;
                taken = 0;
                ending = () -> new FreshetException(ErrorCode.CONFIGURATION_LIMIT_EXCEEDED, String.format(
                        "subscription to materialized view %s ended: the subscriber fell %d rows behind, more than "
                                + "the %d rows a subscription may buffer", viewName, behind, maxBufferedRows))
                        .withHint("Read the changes faster (FETCH more rows at a time), or raise "
                                + "subscribe.max_buffered_rows in freshet.conf, then subscribe again.");
                arrived.signalAll();
                return false;
            }
            lastEpoch = epoch.epoch();
            if (epoch.size() > 0) {
                buffer.addLast(epoch);
                bufferedRows += epoch.size();
                arrived.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream after the changes already buffered (coordinator thread). */
    void end(Supplier<FreshetException> reason) {
        lock.lock();
        try {
            if (ending == null) {
                ending = requireNonNull(reason, "reason is null");
                arrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** What the subscription is at now, for the system tables. */
    public SubscriptionStatus status() {
        lock.lock();
        try {
            return new SubscriptionStatus(viewName, startEpoch, lastEpoch, bufferedRows,
                    ending == null ? null : ending.get().getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Stops the subscription: frees its snapshot and buffer; the dataflow forgets it at its next epoch. */
    @Override
    public void close() {
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            buffer.clear();
            bufferedRows = 0;
        } finally {
            lock.unlock();
        }
        onClose.run();
    }
}
