package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.freshet.planner.stream.RowFunction;
import dev.freshet.planner.stream.RowPredicate;
import dev.freshet.planner.stream.StreamCalc;

/**
 * Filters and projects changes with compiled expressions: each row whose condition holds becomes
 * its projected values, keeping its weight. Stateless and linear, so retractions pass through
 * like insertions.
 *
 * <p>A row whose expressions fail (division by zero, overflow, a bad cast) is left out and
 * logged: its retraction fails the same way later, so the view stays consistent, and one bad
 * row never stops the view.
 */
public final class CalcOperator implements Operator {
    private static final Logger LOG = LoggerFactory.getLogger(CalcOperator.class);

    private final RowPredicate condition;
    private final RowFunction projection;
    private final String viewName;
    private long failures;

    public CalcOperator(StreamCalc node, OperatorContext context) {
        requireNonNull(node, "node is null");
        this.condition = node.condition() == null ? null : node.condition().newPredicate();
        this.projection = node.projection().newFunction();
        this.viewName = context.viewName();
    }

    @Override
    public void process(int input, ChangeBatch changes, ChangeBatch output) {
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = changes.row(i);
            try {
                if (condition == null || condition.test(row)) {
                    output.add(projection.apply(row), changes.weight(i));
                }
            } catch (RuntimeException e) {
                failures++;
                if (Long.bitCount(failures) == 1) {
                    // Powers of two: the first failures in full, then ever more rarely.
                    LOG.warn("materialized view {}: a row was left out because its expressions failed ({} so far): {}",
                            viewName, failures, e.toString());
                }
            }
        }
    }
}
