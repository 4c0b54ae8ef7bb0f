package dev.freshet.executor.internal;

/**
 * One instance of an incremental operator of a dataflow. The runtime drives it in steps: within
 * a step it hands the operator each input's changes with {@link #process}, input by input in
 * index order (all of input 0's changes, then input 1's, …), then calls {@link #finishStep}.
 * Changes the operator emits go to the output batch it is given.
 *
 * <p>An instance sees only the keys of its partition (the runtime hash-partitions each input by
 * the operator's distribution key) and is driven by one thread at a time, so it needs no locks.
 * Its state lives in the {@link OperatorState} tables of its {@link OperatorContext}; the
 * runtime flushes them into the epoch's commit, so an operator never writes storage itself.
 */
public interface Operator {
    /**
     * Applies changes arriving on one input. An operator may emit results at once (a join
     * emitting matches) or defer them to {@link #finishStep} (an aggregate consolidating a
     * group's changes into one retraction and one insertion).
     */
    void process(int input, ChangeBatch changes, ChangeBatch output);

    /** Emits whatever was deferred until every input's changes of the step had arrived. */
    default void finishStep(ChangeBatch output) {
    }

    /**
     * The least of the inputs' watermarks rose to {@code watermark}, after the step's changes:
     * no change will arrive below it in the columns it bounds. Emits what that finalizes
     * (EMIT ON WINDOW CLOSE) and frees the state no change can reach any more. Called again after
     * a restart with the watermark then current, so it must be idempotent.
     */
    default void advanceWatermark(long watermark, ChangeBatch output) {
    }
}
