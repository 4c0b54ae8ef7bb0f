package dev.freshet.executor.source;

/**
 * How far a throttled generator may have got by now: {@code rate} items per second of wall-clock
 * time from the position it started at, measured from its first poll. A rate of 0 means no limit.
 */
public final class RateLimit {
    private final long ratePerSecond;
    private final long startPosition;
    private long startNanos;
    private boolean started;

    /**
     * @param ratePerSecond items per second, 0 for as fast as possible
     * @param startPosition the position the generator starts at
     */
    public RateLimit(long ratePerSecond, long startPosition) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate is negative: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.startPosition = startPosition;
    }

    /** The position just past the last item due at {@code nowNanos}; the first call starts the clock. */
    public long dueBefore(long nowNanos) {
        if (ratePerSecond == 0) {
            return Long.MAX_VALUE;
        }
        if (!started) {
            started = true;
            startNanos = nowNanos;
        }
        double due = (double) (nowNanos - startNanos) / 1e9 * ratePerSecond;
        // At least one item is due at once, so a slow rate shows data from the start.
        return startPosition + 1 + (long) Math.min(due, (double) (Long.MAX_VALUE / 2));
    }
}
