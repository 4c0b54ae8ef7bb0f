package dev.freshet.planner.stream;

/**
 * The time band of an interval join, taken from its condition: a pair of rows matches only when
 * {@code left.t + lower <= right.t <= left.t + upper} (strictness aside), for one event-time
 * column of each side. {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE} stand for an open end.
 * With watermarks on both columns, it tells when a stored row can meet no future row of the other
 * side: a left row once the right side's future times lie beyond {@code left.t + upper}, a right
 * row once the left side's future times lie beyond {@code right.t - lower}.
 *
 * @param leftTime the left input's time column
 * @param rightTime the right input's time column
 * @param lowerMillis the least {@code right.t - left.t} a match can have, or {@link Long#MIN_VALUE}
 * @param upperMillis the greatest {@code right.t - left.t} a match can have, or {@link Long#MAX_VALUE}
 */
public record IntervalBand(int leftTime, int rightTime, long lowerMillis, long upperMillis) {
    public IntervalBand {
        if (lowerMillis > upperMillis) {
            throw new IllegalArgumentException("empty band: " + lowerMillis + " > " + upperMillis);
        }
    }

    /** The band narrowed by another condition on the same columns. */
    public IntervalBand intersect(long lower, long upper) {
        return new IntervalBand(leftTime, rightTime, Math.max(lowerMillis, lower), Math.min(upperMillis, upper));
    }

    public boolean hasLower() {
        return lowerMillis != Long.MIN_VALUE;
    }

    public boolean hasUpper() {
        return upperMillis != Long.MAX_VALUE;
    }

    /** {@code right.$rt - left.$lt in [lower, upper] ms}, for EXPLAIN. */
    public String describe() {
        return "right.$" + rightTime + " - left.$" + leftTime + " in [" + (hasLower() ? lowerMillis + " ms" : "-inf")
                + ", " + (hasUpper() ? upperMillis + " ms" : "+inf") + "]";
    }
}
