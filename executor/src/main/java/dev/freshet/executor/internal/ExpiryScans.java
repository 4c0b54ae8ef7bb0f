package dev.freshet.executor.internal;

/**
 * Decides when one side of an interval join looks through its state for the rows the watermark has
 * finished. That state is keyed by join key, not by time, so a look reads the whole side; done at
 * every step it would cost the side's size per step.
 *
 * <p>So a side looks only when a row may be finished at all, that is when the bound has passed the
 * oldest time it holds, and, short of the end of input, only once a quarter as many rows as the
 * last look left have been stored since: each look is paid for by the rows stored before it, a
 * constant cost per row. Rows finished in between stay a little longer. They can match no future
 * row (the band is checked for every pair), so the join's results do not change; only its state
 * is briefly larger.
 */
final class ExpiryScans {
    /** A look is due once the rows stored since the last one reach this share of those it left. */
    private static final int SHARE = 4;

    /** No row holds a time below this; {@link Long#MIN_VALUE} while unknown (before the first look). */
    private long oldest = Long.MIN_VALUE;
    private long rowsLeft;
    private long storedSince;

    /** Notes a row newly stored, with its time (null or not a number: it never expires). */
    void stored(Object time) {
        storedSince++;
        if (time instanceof Number value) {
            oldest = Math.min(oldest, value.longValue());
        }
    }

    /** True when a look for rows below {@code bound} is due; {@code end}: no more input will come. */
    boolean due(long bound, boolean end) {
        if (bound <= oldest) {
            return false;
        }
        return end || storedSince * SHARE >= rowsLeft;
    }

    /** Notes a look: how many rows it left, and the oldest time among them. */
    void looked(OperatorState.Expired expired) {
        rowsLeft = expired.rowsLeft();
        oldest = expired.oldestLeft();
        storedSince = 0;
    }
}
