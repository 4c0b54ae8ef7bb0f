package dev.freshet.executor.internal;

/**
 * Decides when an operator looks through its state for the rows the watermark has finished, when
 * that state is not keyed by time, so a look reads all of it (an interval join's side, session
 * windows); done at every step it would cost the state's size per step.
 *
 * <p>A look is due only when a row may be finished at all: when the bound has passed the oldest
 * time the state holds. {@link #exact()} looks then. {@link #paced()} also waits, short of the end
 * of input, until a quarter as many rows as the last look left have been stored since, so that each
 * look is paid for by the rows stored before it: a constant cost per row, while finished rows stay
 * a little longer. That suits an operator for which a finished row is inert (an interval join's
 * row matches no future row, since the band is checked for every pair).
 */
final class ExpiryScans {
    /** A paced look is due once the rows stored since the last one reach this share of those it left. */
    private static final int SHARE = 4;

    private final boolean paced;

    /** No row holds a time below this; {@link Long#MIN_VALUE} while unknown (before the first look). */
    private long oldest = Long.MIN_VALUE;
    private long rowsLeft;
    private long storedSince;

    private ExpiryScans(boolean paced) {
        this.paced = paced;
    }

    /** Looks as soon as a row may be finished. */
    static ExpiryScans exact() {
        return new ExpiryScans(false);
    }

    /** Looks once a row may be finished and enough rows came since the last look. */
    static ExpiryScans paced() {
        return new ExpiryScans(true);
    }

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
        return end || !paced || storedSince * SHARE >= rowsLeft;
    }

    /** Notes a look: how many rows it left, and the oldest time among them. */
    void looked(OperatorState.Expired expired) {
        rowsLeft = expired.rowsLeft();
        oldest = expired.oldestLeft();
        storedSince = 0;
    }
}
