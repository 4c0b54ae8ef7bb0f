package dev.freshet.executor.internal;

import java.util.List;
import java.util.Map;

/**
 * One node of a view's running dataflow: computes the node's output changes for a step from the
 * step's source changes, pulling its inputs' outputs first.
 */
abstract class Stage {
    /**
     * The node's changes in this step.
     *
     * @param sources the step's changes per table or upstream view id
     * @param first true for the step that creates the view (constants are emitted, global
     *     aggregates emit their row for an empty input)
     */
    abstract ChangeBatch step(Map<Long, ChangeBatch> sources, boolean first, StepExecutor executor);

    /** Every state table of every instance of this stage and the stages below it. */
    abstract void collectStates(List<OperatorState> states);

    /** A stage reading a table's or an upstream view's changes. */
    static final class Source extends Stage {
        private final long objectId;

        Source(long objectId) {
            this.objectId = objectId;
        }

        @Override
        ChangeBatch step(Map<Long, ChangeBatch> sources, boolean first, StepExecutor executor) {
            ChangeBatch changes = sources.get(objectId);
            return changes == null ? new ChangeBatch(1) : changes;
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
        ChangeBatch step(Map<Long, ChangeBatch> sources, boolean first, StepExecutor executor) {
            return first ? ChangeBatch.insertions(rows) : new ChangeBatch(1);
        }

        @Override
        void collectStates(List<OperatorState> states) {
        }
    }
}
