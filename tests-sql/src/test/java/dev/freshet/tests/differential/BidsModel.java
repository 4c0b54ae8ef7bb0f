package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * What table {@code bids}, declared with {@code WATERMARK FOR date_time AS date_time - INTERVAL
 * '4' SECOND}, must hold, and its watermark, under Freshet's event-time rules:
 *
 * <ul>
 *   <li>The watermark is the largest {@code date_time - 4 s} over every row ever accepted into the
 *       table (rows deleted since still count); before the first row it is below every time. It
 *       only grows, and only when a transaction commits.</li>
 *   <li>An inserted row whose time is below the watermark as of the start of its transaction is
 *       late: it is not stored, no view sees it, and the INSERT's row count leaves it out. Rows of
 *       one transaction never make each other late, and a row whose time is NULL is never late.</li>
 *   <li>A row whose time is below the watermark is final: an UPDATE or DELETE touching it, or an
 *       UPDATE moving a time below the watermark, fails with SQLSTATE 55000 and changes nothing.</li>
 * </ul>
 *
 * <p>State: the committed rows by id and the largest time ever accepted; while a transaction is
 * open ({@link #begin()} to {@link #commit()} or {@link #rollback()}), a working copy of the rows
 * and the largest time it inserted. Changes are allowed only inside a transaction; an autocommit
 * statement is a transaction of its own.
 */
final class BidsModel {
    /** The watermark of a table no row has reached yet: below every time. */
    static final long NO_WATERMARK = Long.MIN_VALUE;
    /** The declared delay: the watermark trails the largest time by this much. */
    static final long DELAY_MILLIS = 4_000;
    /** The SQLSTATE of a change to a row below the watermark (object_not_in_prerequisite_state). */
    static final String FINAL_ROW_SQLSTATE = "55000";

    private final TreeMap<Long, Bid> committed = new TreeMap<>();
    private TreeMap<Long, Bid> working;
    private Long maxAcceptedTime;
    private Long maxInsertedTime;

    /** Opens a transaction; one must not be open already. */
    void begin() {
        if (working != null) {
            throw new IllegalStateException("a transaction is open already");
        }
        working = new TreeMap<>(committed);
        maxInsertedTime = null;
    }

    /** Makes the open transaction's changes the table's, and raises the watermark by the rows it inserted. */
    void commit() {
        requireOpen();
        committed.clear();
        committed.putAll(working);
        if (maxInsertedTime != null && (maxAcceptedTime == null || maxInsertedTime > maxAcceptedTime)) {
            maxAcceptedTime = maxInsertedTime;
        }
        working = null;
    }

    /** Forgets the open transaction's changes. */
    void rollback() {
        requireOpen();
        working = null;
    }

    /** The committed watermark: what decides lateness in the next (or the open) transaction. */
    long watermark() {
        return maxAcceptedTime == null ? NO_WATERMARK : maxAcceptedTime - DELAY_MILLIS;
    }

    /** The largest time of any row a committed transaction accepted, or null before the first. */
    Long maxAcceptedTime() {
        return maxAcceptedTime;
    }

    /**
     * Whether a time is below the committed watermark: an inserted row with it is late, a stored
     * row with it is final. NULL never is.
     */
    boolean isBelowWatermark(Long time) {
        return time != null && time < watermark();
    }

    /** The rows as the open transaction sees them, by id; the committed rows when none is open. */
    Collection<Bid> rows() {
        return Collections.unmodifiableCollection(current().values());
    }

    /** The committed rows, by id. */
    Collection<Bid> committedRows() {
        return Collections.unmodifiableCollection(committed.values());
    }

    /** The row with this id as the open transaction sees it, or null. */
    Bid row(long id) {
        return current().get(id);
    }

    /** Inserts the rows that are not late, and returns them, in order. Ids must be new. */
    List<Bid> insert(List<Bid> rows) {
        requireOpen();
        List<Bid> accepted = new ArrayList<>();
        for (Bid row : rows) {
            if (working.containsKey(row.id())) {
                throw new IllegalArgumentException("id " + row.id() + " exists already");
            }
            if (isBelowWatermark(row.time())) {
                continue;
            }
            working.put(row.id(), row);
            accepted.add(row);
            if (row.time() != null && (maxInsertedTime == null || row.time() > maxInsertedTime)) {
                maxInsertedTime = row.time();
            }
        }
        return accepted;
    }

    /**
     * Replaces a row by a new version with the same id. Neither version may be below the
     * watermark: the statement would fail, and the generator models such statements apart.
     */
    void update(Bid row) {
        requireOpen();
        Bid old = working.get(row.id());
        requireNonNull(old, "no row to update");
        if (isBelowWatermark(old.time()) || isBelowWatermark(row.time())) {
            throw new IllegalArgumentException("an update of " + old + " to " + row + " crosses the watermark");
        }
        working.put(row.id(), row);
    }

    /** Deletes a row, which must exist and not be below the watermark. */
    void delete(long id) {
        requireOpen();
        Bid old = working.get(id);
        requireNonNull(old, "no row to delete");
        if (isBelowWatermark(old.time())) {
            throw new IllegalArgumentException("a delete of " + old + " is below the watermark");
        }
        working.remove(id);
    }

    private TreeMap<Long, Bid> current() {
        return working == null ? committed : working;
    }

    private void requireOpen() {
        if (working == null) {
            throw new IllegalStateException("no transaction is open");
        }
    }
}
