package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.freshet.planner.stream.IntervalBand;
import dev.freshet.planner.stream.JoinKind;
import dev.freshet.planner.stream.RowPredicate;
import dev.freshet.planner.stream.StateTableLayout;
import dev.freshet.planner.stream.StreamJoin;
import dev.freshet.storage.CloseableIterator;

/**
 * Maintains a {@link StreamJoin}: INNER, LEFT, RIGHT and FULL equi-joins (output: the left
 * columns, then the right ones, NULL-padded for a row without partner) and SEMI and ANTI joins
 * (output: the left rows with at least one, or with no, matching right row, each with its own
 * multiplicity). Input 0 is the left side, input 1 the right side. Takes any changes (weights
 * of either sign) and emits insertions and retractions.
 *
 * <p>A change is joined with the other side's state as it is (bilinear: a step's left changes
 * meet the right state of before the step, then the right changes meet the updated left state),
 * and its output is emitted at once. The changes of one {@link #process} call are consolidated
 * before they leave, so a row whose partner is deleted and inserted again in one batch (an
 * update) does not flicker in an outer, SEMI or ANTI join's output.
 *
 * <p>State: one table per side, {@code left} then {@code right}, laid out as
 * {@link StreamJoin#stateTables()} says: a row per distinct input row, holding the input's
 * columns in input order, then {@code _count} (its multiplicity, never 0: the row is deleted
 * when it reaches 0), then {@code _degree} on the side(s) {@link StreamJoin#tracksDegree} names:
 * the summed count of the other side's rows it matches (key and residual). Key: the side's join
 * key columns, each once, then its other columns, so a prefix scan by join key finds the
 * candidate partners. A row is written whenever a change of it arrives, and its degree whenever a
 * partner's count changes.
 *
 * <p>The degree decides the output that depends on whether a row has partners: the NULL-padded
 * row of an outer join's preserved side and ANTI's left row exist while the degree is 0, SEMI's
 * left row while it is not. When a change moves a degree to or from 0, the row's count of that
 * output is emitted or retracted.
 *
 * <p>Rows with a NULL in the join key match nothing and are not stored: the only output they
 * have (a padded row, ANTI's left row) is emitted or retracted straight from their change.
 *
 * <p>Invariant: the sum of everything emitted equals, over all pairs of matching stored rows,
 * their counts' product times the pair, plus each degree-tracking row's count times its
 * degree-dependent output. Because keys compare as SQL does, rows differing only in 1.0 and
 * 1.00 share one stored row, whose values are those of the first that arrived; every output
 * involving that row, and every residual evaluation, uses the stored values, never the
 * change's, so a retraction always cancels exactly what was emitted before. Counts may dip
 * below zero within a batch (a delete ahead of its insert); the invariant holds regardless.
 */
public final class JoinOperator implements Operator {
    private static final Logger LOG = LoggerFactory.getLogger(JoinOperator.class);
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final StreamJoin node;
    private final String viewName;
    private final int instance;
    private final Side left;
    private final Side right;
    private final boolean emitsPairs;
    private final RowPredicate residual;
    /** This process call's output, summed per row (rows compared exactly), in first-emitted order. */
    private final Map<List<Object>, PendingChange> pending = new HashMap<>();
    private final List<PendingChange> pendingOrder = new ArrayList<>();
    private long unreportedResidualErrors;
    private long nextWarningNanos;

    public JoinOperator(StreamJoin node, OperatorContext context) {
        this.node = requireNonNull(node, "node is null");
        requireNonNull(context, "context is null");
        this.viewName = context.viewName();
        this.instance = context.instance();
        this.emitsPairs = node.kind() != JoinKind.SEMI && node.kind() != JoinKind.ANTI;
        this.left = new Side(node, 0, context.stateTables().get(0), context);
        this.right = new Side(node, 1, context.stateTables().get(1), context);
        left.pairWith(right);
        right.pairWith(left);
        this.residual = node.residual() == null ? null : node.residual().newPredicate();
        this.nextWarningNanos = System.nanoTime();
    }

    /**
     * Frees the rows of both sides whose window the watermark finalized (a window join): no
     * future row of either side can carry their key.
     */
    @Override
    public void advanceWatermark(long watermark, ChangeBatch output) {
        if (node.closesKeys()) {
            long bound = Watermarks.bound(watermark, node.watermarkColumns().get(node.leftKeys().get(0)));
            left.state.removeBelow(bound);
            right.state.removeBelow(bound);
        }
        IntervalBand band = node.band();
        if (band != null) {
            // An interval join: a row is finished once the other side's future times are past its band.
            long leftOffset = node.left().watermarkColumns().get(band.leftTime());
            long rightOffset = node.right().watermarkColumns().get(band.rightTime());
            if (band.hasUpper()) {
                left.expire(Watermarks.bound(Watermarks.bound(watermark, rightOffset), -band.upperMillis()),
                        watermark == Long.MAX_VALUE);
            }
            if (band.hasLower()) {
                right.expire(Watermarks.bound(Watermarks.bound(watermark, leftOffset), band.lowerMillis()),
                        watermark == Long.MAX_VALUE);
            }
        }
    }

    @Override
    public void process(int input, ChangeBatch changes, ChangeBatch output) {
        if (input != 0 && input != 1) {
            throw new IllegalArgumentException("a join has inputs 0 and 1, not " + input);
        }
        Side own = input == 0 ? left : right;
        Side other = input == 0 ? right : left;
        for (int i = 0; i < changes.size(); i++) {
            apply(own, other, changes.row(i), changes.weight(i));
        }
        for (PendingChange change : pendingOrder) {
            output.add(change.row, change.weight);
        }
        pending.clear();
        pendingOrder.clear();
    }

    /** Joins one change of {@code own} with the state of {@code other}, then applies it to {@code own}'s state. */
    private void apply(Side own, Side other, Object[] row, long weight) {
        if (own.keyHasNull(row)) {
            if (own.tracksDegree) {
                emit(own.degreeOutput(row), weight * own.presence(0));
            }
            return;
        }
        Object[] stored = own.state.get(own.tableKey(row));
        // A stored row stands for every row equal to it as SQL compares: its values, not the change's, go out.
        Object[] values = stored == null ? row : Arrays.copyOf(stored, own.width);
        long count = stored == null ? 0 : (Long) stored[own.countColumn];
        long degree = 0;
        boolean degreeKnown = false;
        if (stored != null && own.tracksDegree) {
            degree = (Long) stored[own.degreeColumn];
            degreeKnown = true;
        }
        if (emitsPairs || other.tracksDegree || !degreeKnown && own.tracksDegree) {
            degree = joinPartners(own, other, values, weight);
        }
        if (own.tracksDegree) {
            emit(own.degreeOutput(values), weight * own.presence(degree));
        }
        count += weight;
        if (count == 0) {
            own.state.delete(own.tableKey(values));
            return;
        }
        Object[] updated = Arrays.copyOf(values, own.storedWidth);
        updated[own.countColumn] = count;
        if (own.tracksDegree) {
            updated[own.degreeColumn] = degree;
        }
        own.state.put(updated);
        if (stored == null) {
            own.stored(values);
        }
    }

    /**
     * Emits the pairs of a change with its partners in {@code other} and moves the partners'
     * degrees by its weight; returns the summed count of the partners (the change's degree).
     */
    private long joinPartners(Side own, Side other, Object[] values, long weight) {
        Object[] prefix = other.probePrefix(values);
        if (prefix == null) {
            return 0;
        }
        List<Object[]> candidates = new ArrayList<>();
        try (CloseableIterator<Object[]> rows = other.state.prefixScan(prefix)) {
            while (rows.hasNext()) {
                candidates.add(rows.next());
            }
        }
        long degree = 0;
        for (Object[] candidate : candidates) {
            Object[] partner = Arrays.copyOf(candidate, other.width);
            Object[] pair = null;
            if (emitsPairs || residual != null) {
                pair = own == left ? concat(values, partner) : concat(partner, values);
            }
            if (residual != null && !residualHolds(pair)) {
                continue;
            }
            long partnerCount = (Long) candidate[other.countColumn];
            degree += partnerCount;
            if (emitsPairs) {
                emit(pair, weight * partnerCount);
            }
            if (other.tracksDegree) {
                long before = (Long) candidate[other.degreeColumn];
                long after = before + weight;
                emit(other.degreeOutput(partner), partnerCount * (other.presence(after) - other.presence(before)));
                Object[] updated = candidate.clone();
                updated[other.degreeColumn] = after;
                other.state.put(updated);
            }
        }
        return degree;
    }

    private boolean residualHolds(Object[] pair) {
        try {
            return residual.test(pair);
        }
        catch (RuntimeException e) {
            // One bad pair must not stop the view: it does not match, and since the condition is
            // deterministic it fails the same way whenever the pair meets again, so degrees stay
            // consistent. Reported at most once a minute per instance, with how many failed.
            unreportedResidualErrors++;
            long now = System.nanoTime();
            if (now - nextWarningNanos >= 0) {
                LOG.warn("View {} (join instance {}): condition {} failed for {} row pair(s), which do not match",
                        viewName, instance, node.residual().describe(), unreportedResidualErrors, e);
                unreportedResidualErrors = 0;
                nextWarningNanos = now + WARNING_INTERVAL_NANOS;
            }
            return false;
        }
    }

    private void emit(Object[] row, long weight) {
        if (weight == 0) {
            return;
        }
        List<Object> key = Arrays.asList(row);
        PendingChange change = pending.get(key);
        if (change == null) {
            change = new PendingChange(row);
            pending.put(key, change);
            pendingOrder.add(change);
        }
        change.weight += weight;
    }

    private static Object[] concat(Object[] first, Object[] second) {
        Object[] row = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, row, first.length, second.length);
        return row;
    }

    /** One input of the join: its state table and how its rows are keyed, matched and output. */
    private static final class Side {
        final OperatorState state;
        final int width;
        final int countColumn;
        final int degreeColumn;
        final int storedWidth;
        final boolean tracksDegree;
        /** SEMI: the degree-dependent output exists while the degree is not 0; otherwise while it is 0. */
        final boolean outputWhileMatched;
        private final int[] joinKeys;
        private final int[] tableKey;
        /** The join key columns, each once, in the order they lead the table key. */
        private final int[] distinctKeys;
        private final int padBefore;
        private final int padAfter;
        /**
         * For each of {@link #distinctKeys}, the other side's columns paired with it: all must be
         * equal for a row of the other side to have partners here.
         */
        private int[][] probeSources;
        /** For a side an interval join's band finishes rows of: its time column and when to look for them. */
        private final int timeColumn;
        private final ExpiryScans expiryScans;
        private final OperatorContext context;

        Side(StreamJoin node, int input, OperatorState state, OperatorContext context) {
            int leftWidth = node.left().outputTypes().size();
            int rightWidth = node.right().outputTypes().size();
            List<Integer> keys = input == 0 ? node.leftKeys() : node.rightKeys();
            this.state = state;
            this.width = input == 0 ? leftWidth : rightWidth;
            this.countColumn = width;
            this.degreeColumn = width + 1;
            this.tracksDegree = node.tracksDegree(input);
            this.storedWidth = tracksDegree ? width + 2 : width + 1;
            // Only SEMI's left side outputs its rows while they have partners; the right side of
            // SEMI tracks no degree, so the flag never matters there.
            this.outputWhileMatched = node.kind() == JoinKind.SEMI;
            this.joinKeys = keys.stream().mapToInt(Integer::intValue).toArray();
            this.distinctKeys = keys.stream().distinct().mapToInt(Integer::intValue).toArray();
            StateTableLayout layout = state.layout();
            this.tableKey = layout.keyColumns().stream().mapToInt(Integer::intValue).toArray();
            if (layout.columnTypes().size() != storedWidth) {
                throw new IllegalArgumentException("join state table " + layout.name() + " has "
                        + layout.columnTypes().size() + " columns, expected " + storedWidth);
            }
            // An outer join pads a row of one side with NULLs for the other side's columns; SEMI and
            // ANTI output the left row as it is.
            boolean padded = node.kind() != JoinKind.SEMI && node.kind() != JoinKind.ANTI;
            this.padBefore = padded && input == 1 ? leftWidth : 0;
            this.padAfter = padded && input == 0 ? rightWidth : 0;
            this.context = context;
            IntervalBand band = node.band();
            boolean expires = band != null && (input == 0 ? band.hasUpper() : band.hasLower());
            this.timeColumn = !expires ? -1 : input == 0 ? band.leftTime() : band.rightTime();
            this.expiryScans = expires ? ExpiryScans.paced() : null;
        }

        /** Notes a row newly stored, for the band's cleanup. */
        void stored(Object[] row) {
            if (expiryScans != null) {
                expiryScans.stored(row[timeColumn]);
            }
        }

        /**
         * Removes this instance's rows whose time is below {@code bound}, when a look is due;
         * {@code end}: the input has ended (the watermark passed every time), when it always is.
         */
        void expire(long bound, boolean end) {
            if (expiryScans.due(bound, end)) {
                expiryScans.looked(state.removeWhere(timeColumn, bound,
                        row -> context.owns(distributionKey(row))));
            }
        }

        private Object[] distributionKey(Object[] row) {
            Object[] key = new Object[joinKeys.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = row[joinKeys[i]];
            }
            return key;
        }

        /** Records which columns of the other side's rows probe this side's table. */
        void pairWith(Side other) {
            probeSources = new int[distinctKeys.length][];
            for (int i = 0; i < distinctKeys.length; i++) {
                List<Integer> sources = new ArrayList<>();
                for (int k = 0; k < joinKeys.length; k++) {
                    if (joinKeys[k] == distinctKeys[i]) {
                        sources.add(other.joinKeys[k]);
                    }
                }
                probeSources[i] = sources.stream().mapToInt(Integer::intValue).toArray();
            }
        }

        boolean keyHasNull(Object[] row) {
            for (int column : joinKeys) {
                if (row[column] == null) {
                    return true;
                }
            }
            return false;
        }

        Object[] tableKey(Object[] row) {
            Object[] key = new Object[tableKey.length];
            for (int i = 0; i < tableKey.length; i++) {
                key[i] = row[tableKey[i]];
            }
            return key;
        }

        /**
         * The join key prefix of this side's rows that match a row of the other side (whose key has
         * no NULL), or null when none can: a column paired twice needs both partners equal.
         */
        Object[] probePrefix(Object[] otherRow) {
            Object[] prefix = new Object[probeSources.length];
            for (int i = 0; i < probeSources.length; i++) {
                int[] sources = probeSources[i];
                Object value = otherRow[sources[0]];
                for (int k = 1; k < sources.length; k++) {
                    if (!RowKey.valuesEqual(value, otherRow[sources[k]])) {
                        return null;
                    }
                }
                prefix[i] = value;
            }
            return prefix;
        }

        /** 1 when a row with this degree has its degree-dependent output, else 0. */
        long presence(long degree) {
            if (outputWhileMatched) {
                return degree != 0 ? 1 : 0;
            }
            return degree == 0 ? 1 : 0;
        }

        /** The row output while a row of this side lacks (SEMI: has) partners: padded, or itself. */
        Object[] degreeOutput(Object[] values) {
            if (padBefore == 0 && padAfter == 0) {
                return values;
            }
            Object[] row = new Object[padBefore + width + padAfter];
            System.arraycopy(values, 0, row, padBefore, width);
            return row;
        }
    }

    /** A row of this call's output and its summed weight. */
    private static final class PendingChange {
        final Object[] row;
        long weight;

        PendingChange(Object[] row) {
            this.row = row;
        }
    }
}
