package dev.freshet.executor;

/**
 * Where a materialized view stands in one split of a source it reads, as of its last epoch.
 *
 * @param viewId the view reading
 * @param sourceId the source read
 * @param split the split (a Kafka partition, a generator's share)
 * @param position the position after the last row read (an offset, an event or row number)
 * @param backlog how much the split has left to read, or -1 when unknown or unbounded
 * @param finished true when the split will never have another row
 * @param watermark the source's watermark for the view, {@link Long#MIN_VALUE} before any,
 *     {@link Long#MAX_VALUE} once every split has ended or when the source has none
 * @param problem why the split, or the source when {@code split} is {@link #NO_SPLIT}, cannot be
 *     read now; null when nothing is wrong
 */
public record SourceProgress(long viewId, long sourceId, int split, long position, long backlog, boolean finished,
        long watermark, String problem) {
    /** The split of a row about a reader that has no split yet (a topic not found). */
    public static final int NO_SPLIT = -1;
}
