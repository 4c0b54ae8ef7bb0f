package dev.freshet.executor.internal;

import java.util.List;
import java.util.Map;

/**
 * One node of a view's running dataflow: computes the node's output changes for a step from the
 * step's source changes, pulling its inputs' outputs first.
 *
 * <p>After each step a stage also has an output watermark ({@link #watermark()}): the watermark
 * its node's bounded columns are relative to (see {@code StreamNode#watermarkColumns()}), the
 * least of its inputs'. {@link Long#MAX_VALUE} stands for a stream no watermark holds back.
 */
abstract class Stage {
    /**
     * The node's changes in this step.
     *
     * @param sources the step's changes per table or upstream view id
     * @param watermarks the watermark of each table or upstream view after the step's changes
     * @param first true for the step that creates the view (constants are emitted, global
     *     aggregates emit their row for an empty input)
     */
    abstract ChangeBatch step(Map<Long, ChangeBatch> sources, Map<Long, Long> watermarks, boolean first,
            StepExecutor executor);

    /** The output watermark after the last step. */
    abstract long watermark();

    /**
     * The output watermark a step with these source watermarks and no changes would leave,
     * computed without running it (nothing changes).
     */
    abstract long watermarkAt(Map<Long, Long> watermarks);

    /** Every state table of every instance of this stage and the stages below it. */
    abstract void collectStates(List<OperatorState> states);

    /** A stage reading a table's or an upstream view's changes. */
    static final class Source extends Stage {
        private final long objectId;
        /** The watermark before the source's first one is known: below all times when it has one. */
        private final long initialWatermark;
        private long watermark;

        /** @param watermarked true when the source's rows carry a column its watermark bounds */
        Source(long objectId, boolean watermarked) {
            this.objectId = objectId;
            this.initialWatermark = watermarked ? Long.MIN_VALUE : Long.MAX_VALUE;
            this.watermark = initialWatermark;
        }

        @Override
        ChangeBatch step(Map<Long, ChangeBatch> sources, Map<Long, Long> watermarks, boolean first,
                StepExecutor executor) {
            if (initialWatermark == Long.MIN_VALUE) {
                watermark = Math.max(watermark, watermarks.getOrDefault(objectId, Long.MIN_VALUE));
            }
            ChangeBatch changes = sources.get(objectId);
            return changes == null ? new ChangeBatch(1) : changes;
        }

        @Override
        long watermark() {
            return watermark;
        }

        @Override
        long watermarkAt(Map<Long, Long> watermarks) {
            if (initialWatermark == Long.MIN_VALUE) {
                return Math.max(watermark, watermarks.getOrDefault(objectId, Long.MIN_VALUE));
            }
            return watermark;
        }

        @Override
        void collectStates(List<OperatorState> states) {
        }
    }

    /** Constant rows, inserted in the view's first step. */
    static final class Constant extends Stage {
        private final List<Object[]> rows;

        Constant(List<Object[]> rows) {
            this.rows = List.copyOf(rows);
        }

        @Override
        ChangeBatch step(Map<Long, ChangeBatch> sources, Map<Long, Long> watermarks, boolean first,
                StepExecutor executor) {
            return first ? ChangeBatch.insertions(rows) : new ChangeBatch(1);
        }

        @Override
        long watermark() {
            return Long.MAX_VALUE;
        }

        @Override
        long watermarkAt(Map<Long, Long> watermarks) {
            return Long.MAX_VALUE;
        }

        @Override
        void collectStates(List<OperatorState> states) {
        }
    }
}
