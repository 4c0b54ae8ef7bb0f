package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.freshet.executor.TableWatermarks;
import dev.freshet.planner.CatalogObject;
import dev.freshet.planner.TableDescriptor;

/**
 * Advances the watermark of an idle table with wall-clock time, so that the windows of a table
 * that stops receiving rows still close ({@code WATERMARK FOR ... WITH (idle_timeout = ...)}).
 *
 * <p>A table is idle once it has accepted no row (by INSERT or UPDATE) for its idle timeout of
 * wall-clock time. From then on its watermark is {@code W + (now - arrival - timeout)}, where
 * {@code arrival} is the wall-clock time the last transaction that wrote a row to it committed
 * and {@code W} the table's watermark after that commit. After a restart, {@code arrival} is the
 * time the database opened and {@code W} the stored watermark, so a restart never closes windows
 * at once; a table that has never had a watermark has nothing to advance from and stays as it is.
 *
 * <p>One scheduled thread checks the tables every quarter of the shortest idle timeout (between
 * 100 ms and 1 s). It raises the watermarks of all idle tables in one write transaction, like any
 * other raise: stored with the commit and handed to the dataflow, so rows behind it are late and
 * windows before it close. The round takes the write permit only if it is free and otherwise
 * waits for the next round, so it never makes a session wait.
 *
 * <p>The arrival times live in memory only: they are what the formula needs and they restart
 * with the server.
 */
final class IdleWatermarks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IdleWatermarks.class);

    private static final long MIN_PERIOD_MILLIS = 100;
    private static final long MAX_PERIOD_MILLIS = 1000;

    private final Database database;
    private final LongSupplier clock;
    private final long openedAt;
    /** The last arrival of a row per table id, as far as this server has seen one. */
    private final Map<Long, Arrival> arrivals = new ConcurrentHashMap<>();
    /** The tables whose watermark currently advances with the clock; each was logged once. */
    private final Set<Long> advancing = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor scheduler;

    /**
     * The last commit that wrote a row to a table.
     *
     * @param at when it committed, in wall-clock milliseconds
     * @param watermark the table's watermark after it, or {@link TableWatermarks#NONE}
     */
    record Arrival(long at, long watermark) {
    }

    IdleWatermarks(Database database, LongSupplier clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.openedAt = clock.getAsLong();
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "freshet-idle-watermarks");
            thread.setDaemon(true);
            return thread;
        });
        // close() must not wait for, or run, the next round.
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts checking the tables. */
    void start() {
        schedule(MAX_PERIOD_MILLIS);
    }

    /**
     * The watermark an idle table has at {@code now}, or {@link TableWatermarks#NONE} when it is
     * not idle yet or has no watermark to advance from.
     */
    static long idleWatermark(Arrival last, long timeoutMillis, long now) {
        long idleFor = now - last.at() - timeoutMillis;
        if (last.watermark() == TableWatermarks.NONE || idleFor <= 0) {
            return TableWatermarks.NONE;
        }
        long watermark = last.watermark() + idleFor;
        // Overflow only comes with event times near the end of time; stay there.
        return watermark < last.watermark() ? Long.MAX_VALUE : watermark;
    }

    /**
     * Records that a transaction which wrote rows to these tables has committed. Called with the
     * write permit held, after the commit published the tables' watermarks.
     */
    void arrived(Collection<TableDescriptor> tables) {
        long now = clock.getAsLong();
        for (TableDescriptor table : tables) {
            arrivals.put(table.id(), new Arrival(now, database.committedWatermark(table.id())));
            if (advancing.remove(table.id())) {
                LOG.info("table {} received a row again: its watermark follows its rows", table.name());
            }
        }
    }

    /** Forgets a dropped table. */
    void forget(long tableId) {
        arrivals.remove(tableId);
        advancing.remove(tableId);
    }

    private void schedule(long delayMillis) {
        try {
            scheduler.schedule(this::round, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed: no more rounds.
        }
    }

    private void round() {
        long shortest = Long.MAX_VALUE;
        try {
            shortest = shortestTimeout();
            if (!due(false).isEmpty()) {
                advance();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not advance the watermarks of idle tables; trying again: {}", e.getMessage(), e);
        }
        schedule(Math.max(MIN_PERIOD_MILLIS, Math.min(MAX_PERIOD_MILLIS, shortest / 4)));
    }

    /** Raises the watermarks of the idle tables, unless a session is writing. */
    private void advance() {
        Optional<Database.WriteTransaction> begun = database.tryBeginWrite();
        if (begun.isEmpty()) {
            return;
        }
        try (Database.WriteTransaction transaction = begun.get()) {
            // Computed again under the permit: no row can arrive between this and the commit.
            Map<TableDescriptor, Long> due = due(true);
            if (due.isEmpty()) {
                return;
            }
            due.forEach((table, watermark) -> transaction.raiseWatermark(table.id(), watermark));
            transaction.commit();
            due.keySet().forEach(this::logAdvancing);
        }
    }

    /**
     * The idle tables whose watermark is at least a millisecond behind where it should be now,
     * with that watermark.
     *
     * @param remember whether to keep the arrival assumed for a table no row has reached since the
     *     database opened; only under the write permit, since the next raise must start from the
     *     watermark that held before it
     */
    private Map<TableDescriptor, Long> due(boolean remember) {
        long now = clock.getAsLong();
        Map<TableDescriptor, Long> due = new LinkedHashMap<>();
        for (CatalogObject object : database.catalog().objects()) {
            if (!(object instanceof TableDescriptor table) || table.watermark() == null
                    || !table.watermark().advancesWhenIdle()) {
                continue;
            }
            Arrival last = arrivals.get(table.id());
            if (last == null) {
                last = new Arrival(openedAt, database.committedWatermark(table.id()));
                if (remember) {
                    arrivals.put(table.id(), last);
                }
            }
            long watermark = idleWatermark(last, table.watermark().idleTimeoutMillis(), now);
            if (watermark != TableWatermarks.NONE && watermark > database.committedWatermark(table.id())) {
                due.put(table, watermark);
            }
        }
        return due;
    }

    private long shortestTimeout() {
        long shortest = Long.MAX_VALUE;
        for (CatalogObject object : database.catalog().objects()) {
            if (object instanceof TableDescriptor table && table.watermark() != null
                    && table.watermark().advancesWhenIdle()) {
                shortest = Math.min(shortest, table.watermark().idleTimeoutMillis());
            }
        }
        return shortest;
    }

    private void logAdvancing(TableDescriptor table) {
        if (advancing.add(table.id())) {
            LOG.info("table {} idle for {}: its watermark now advances with the clock", table.name(),
                    describe(table.watermark().idleTimeoutMillis()));
        }
    }

    private static String describe(long millis) {
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis + " ms";
    }

    /** Stops checking; waits for a round under way to finish. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the idle-watermark round did not finish within 30 s of closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
