package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.calcite.avatica.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.freshet.planner.DataType;
import dev.freshet.planner.stream.AggregateCall;
import dev.freshet.planner.stream.SortKey;
import dev.freshet.planner.stream.StreamAggregate;
import dev.freshet.storage.CloseableIterator;

/**
 * Hash aggregation ({@link StreamAggregate}): for each group of input rows equal in the group
 * columns, one output row holding the group columns and then one value per aggregate call, as
 * SQL computes the call over the group's current rows. A row counts for a call only when its
 * FILTER column is TRUE; NULL arguments are skipped (COUNT(*) counts every row).
 *
 * <p>Takes inserts and deletes of any multiplicity, assuming the input never deletes a row more
 * often than it inserted it. In {@link #finishStep} it emits, for each group the step touched,
 * a retraction of the group's previous row and an insertion of its new one, and nothing when
 * the row did not change, so changes within a step consolidate. A group exists while the summed
 * weight of its rows is positive: its first row inserts its output row, its last deletion
 * retracts it. Without GROUP BY there is exactly one group, which always has an output row: it
 * is inserted in the first step, even with no input, and afterwards only updated.
 *
 * <p>State (layouts and column meanings in {@link StreamAggregate}):
 * <ul>
 *   <li>table 0, {@code groups}: key the group columns (or a constant TRUE {@code all} without
 *       GROUP BY); values {@code row_count}, then each call's accumulators: counts and an exact
 *       DECIMAL or a DOUBLE sum for COUNT and SUM, true and false counts for BOOL_AND and
 *       BOOL_OR, the current result for MIN, MAX and STRING_AGG. Written in finishStep for each
 *       touched group; deleted when the group's row count reaches zero (never without GROUP BY,
 *       whose row thereby records that its output row was emitted);
 *   <li>one table of values per call that needs them (DISTINCT COUNT and SUM, MIN and MAX over an
 *       input that retracts, STRING_AGG): key the group columns and the value (for STRING_AGG
 *       the ORDER BY columns, the value and its delimiter), value its {@code count}. Written in
 *       finishStep for each value whose count a step changed; an entry is deleted when its count
 *       reaches zero, so an empty group leaves nothing behind.
 * </ul>
 * MIN and MAX keep every value because a deleted extreme must be replaced by the next one; they
 * read the group's first entry (MAX's table sorts descending) after a step changed its values.
 * STRING_AGG rebuilds a changed group's string from its entries in key order, which is the
 * aggregation order. DISTINCT calls feed their COUNT or SUM accumulator only when a value's
 * count turns positive (+1) or returns to zero (-1).
 *
 * <p>Within a step the operator keeps only scratch: the step's rows per touched group. Sums that
 * do not fit the result type (a BIGINT sum beyond 64 bits) are emitted as NULL, with one WARN
 * per step.
 */
public final class AggregateOperator implements Operator {
    private static final Logger LOG = LoggerFactory.getLogger(AggregateOperator.class);

    /** What {@link CallAggregator#result} returns for a value its result type cannot hold; emitted as NULL. */
    private static final Object OVERFLOW = new Object();
    /** LISTAGG(x) without a delimiter separates values by commas. */
    private static final String DEFAULT_DELIMITER = ",";

    private final String viewName;
    private final List<OperatorState> states;
    private final OperatorContext context;
    /** The offset of the first group column when the watermark finalizes groups by it (windows), else null. */
    private final Long closingOffset;
    private final OperatorState groups;
    private final int[] groupColumns;
    private final boolean global;
    private final int keyWidth;
    private final int rowCountColumn;
    private final int groupsWidth;
    private final List<AggregateCall> calls;
    private final CallAggregator[] aggregators;

    /** The step's rows per touched group, by group columns; cleared in finishStep. */
    private final Map<RowKey, GroupChanges> touched = new LinkedHashMap<>();
    /**
     * False until the first finishStep after (re)start has visited the group of an aggregate
     * without GROUP BY, which emits its row if state shows it was never emitted.
     */
    private boolean globalGroupVisited;
    /** The step's results that did not fit their type, and the first of them, for one WARN per step. */
    private int overflows;
    private String firstOverflow;

    public AggregateOperator(StreamAggregate node, OperatorContext context) {
        requireNonNull(node, "node is null");
        requireNonNull(context, "context is null");
        this.viewName = context.viewName();
        this.states = context.stateTables();
        this.context = context;
        this.closingOffset = node.closesGroups() ? node.input().watermarkColumns().get(node.groupKeys().get(0)) : null;
        this.groups = context.stateTables().get(0);
        this.groupColumns = node.groupKeys().stream().mapToInt(Integer::intValue).toArray();
        this.global = groupColumns.length == 0;
        this.keyWidth = global ? 1 : groupColumns.length;
        this.rowCountColumn = keyWidth;
        this.groupsWidth = groups.layout().columnTypes().size();
        this.calls = node.calls();
        this.aggregators = new CallAggregator[calls.size()];
        List<DataType> inputTypes = node.input().outputTypes();
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall call = calls.get(i);
            int column = node.accumulatorColumn(i);
            int table = node.valueTable(i);
            OperatorState values = table < 0 ? null : context.stateTables().get(table);
            aggregators[i] = switch (call.function()) {
                case COUNT -> new CountAggregator(call, column, values);
                case SUM, SUM0 -> {
                    DataType.Kind argument = inputTypes.get(call.arguments().get(0)).kind();
                    if (argument == DataType.Kind.REAL || argument == DataType.Kind.DOUBLE) {
                        yield new FloatingSumAggregator(call, column, values);
                    }
                    yield new ExactSumAggregator(call, column, values);
                }
                case MIN, MAX -> new ExtremeAggregator(call, column, values, keyWidth);
                case BOOL_AND, BOOL_OR -> new BooleanAggregator(call, column);
                case STRING_AGG -> new StringAggregator(call, column, values, keyWidth);
            };
        }
    }

    /**
     * Frees the groups the watermark finalized: their rows stay in the view, but no change can
     * reach them any more. Every state table leads with the group columns, the window first.
     */
    @Override
    public void advanceWatermark(long watermark, ChangeBatch output) {
        if (closingOffset == null) {
            return;
        }
        long bound = Watermarks.bound(watermark, closingOffset);
        // Every state table leads with the group columns, the distribution key in its order.
        for (OperatorState state : states) {
            state.removeBelow(bound, row -> context.owns(Arrays.copyOf(row, groupColumns.length)));
        }
    }

    @Override
    public void process(int input, ChangeBatch changes, ChangeBatch output) {
        if (input != 0) {
            throw new IllegalArgumentException("an aggregate has one input, got changes on input " + input);
        }
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = changes.row(i);
            RowKey key = RowKey.of(row, groupColumns);
            GroupChanges group = touched.computeIfAbsent(key, ignored -> new GroupChanges(groupKey(key)));
            group.rowCount += changes.weight(i);
            group.rows.add(row, changes.weight(i));
        }
    }

    @Override
    public void finishStep(ChangeBatch output) {
        if (global && !globalGroupVisited) {
            touched.computeIfAbsent(RowKey.of(new Object[0], groupColumns), key -> new GroupChanges(groupKey(key)));
            globalGroupVisited = true;
        }
        long negativeGroups = 0;
        for (GroupChanges group : touched.values()) {
            if (!applyChanges(group, output)) {
                negativeGroups++;
            }
        }
        touched.clear();
        if (overflows > 0) {
            LOG.warn("View {}: {} aggregate result(s) did not fit their type and are NULL, first {}", viewName,
                    overflows, firstOverflow);
            overflows = 0;
            firstOverflow = null;
        }
        if (negativeGroups > 0) {
            LOG.warn("View {}: {} group(s) had more rows deleted than inserted; their state is kept, without output",
                    viewName, negativeGroups);
        }
    }

    /** The key of a group's row in {@code groups}: its group columns, or the constant TRUE of the one global group. */
    private Object[] groupKey(RowKey key) {
        if (global) {
            return new Object[] {Boolean.TRUE};
        }
        return key.values();
    }

    /** Applies one group's changes and emits the change of its output row; false when its row count went negative. */
    private boolean applyChanges(GroupChanges group, ChangeBatch output) {
        // The output's group columns come from the stored row, not from this step's rows: they
        // keep the representation (1.0 or 1.00) the output row was emitted with, so its
        // retraction matches it exactly.
        Object[] groupRow = groups.get(group.key);
        boolean stored = groupRow != null;
        Object[] before = null;
        if (!stored) {
            groupRow = emptyGroupRow(group.key);
        }
        else if (global || rowCount(groupRow) > 0) {
            before = outputRow(groupRow, false);
        }
        groupRow[rowCountColumn] = rowCount(groupRow) + group.rowCount;
        for (CallAggregator aggregator : aggregators) {
            aggregator.apply(groupRow, group.key, group.rows);
        }
        long rowCount = rowCount(groupRow);
        Object[] after = null;
        if (global || rowCount > 0) {
            groups.put(groupRow);
            after = outputRow(groupRow, true);
        }
        else if (rowCount < 0) {
            groups.put(groupRow);
        }
        else if (stored) {
            groups.delete(group.key);
        }
        if (before == null) {
            if (after != null) {
                output.add(after, 1);
            }
        }
        else if (after == null) {
            output.add(before, -1);
        }
        else if (!RowKey.rowsEqual(before, after)) {
            output.add(before, -1);
            output.add(after, 1);
        }
        return rowCount >= 0;
    }

    private Object[] emptyGroupRow(Object[] key) {
        Object[] groupRow = Arrays.copyOf(key, groupsWidth);
        groupRow[rowCountColumn] = 0L;
        for (CallAggregator aggregator : aggregators) {
            aggregator.initialize(groupRow);
        }
        return groupRow;
    }

    private long rowCount(Object[] groupRow) {
        return (Long) groupRow[rowCountColumn];
    }

    /** The group's output row; a result that does not fit its type is NULL, and counted when {@code reportOverflow}. */
    private Object[] outputRow(Object[] groupRow, boolean reportOverflow) {
        int groupCount = groupColumns.length;
        Object[] row = new Object[groupCount + aggregators.length];
        System.arraycopy(groupRow, 0, row, 0, groupCount);
        for (int i = 0; i < aggregators.length; i++) {
            Object result = aggregators[i].result(groupRow);
            if (result == OVERFLOW) {
                result = null;
                if (reportOverflow) {
                    if (overflows == 0) {
                        firstOverflow = calls.get(i).name() + " (" + calls.get(i).resultType().sqlName()
                                + ") of group " + Arrays.toString(Arrays.copyOf(groupRow, groupCount));
                    }
                    overflows++;
                }
            }
            row[groupCount + i] = result;
        }
        return row;
    }

    /** The rows one step brought to one group. */
    private static final class GroupChanges {
        private final Object[] key;
        private final ChangeBatch rows = new ChangeBatch(4);
        private long rowCount;

        private GroupChanges(Object[] key) {
            this.key = key;
        }
    }

    /**
     * One aggregate call: how it starts, folds a step's rows of a group into the group's
     * accumulators (and its table of values, if it keeps one), and reads its result from them.
     */
    private abstract static class CallAggregator {
        final AggregateCall call;
        /** The first of the call's accumulator columns in the groups table. */
        final int column;
        final int[] arguments;
        private final int filterColumn;

        CallAggregator(AggregateCall call, int column) {
            this.call = call;
            this.column = column;
            this.arguments = call.arguments().stream().mapToInt(Integer::intValue).toArray();
            this.filterColumn = call.filterColumn();
        }

        /** Sets the accumulators of a group without rows. */
        abstract void initialize(Object[] groupRow);

        /** Folds one step's rows of a group into the group row's accumulators, which it changes in place. */
        abstract void apply(Object[] groupRow, Object[] groupKey, ChangeBatch rows);

        /** The call's result from the group row's accumulators, or {@link #OVERFLOW}. */
        abstract Object result(Object[] groupRow);

        /** True when the row counts for this call: its FILTER holds and its arguments are not NULL. */
        final boolean counts(Object[] row) {
            if (filterColumn >= 0 && !Boolean.TRUE.equals(row[filterColumn])) {
                return false;
            }
            for (int argument : arguments) {
                if (row[argument] == null) {
                    return false;
                }
            }
            return true;
        }

        /** The step's net weight per distinct value of the given columns, over the rows that count. */
        final Map<RowKey, long[]> weightsByValue(ChangeBatch rows, int[] columns) {
            Map<RowKey, long[]> weights = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.row(i);
                if (counts(row)) {
                    weights.computeIfAbsent(RowKey.of(row, columns), ignored -> new long[1])[0] += rows.weight(i);
                }
            }
            return weights;
        }
    }

    /**
     * COUNT, SUM, SUM0, BOOL_AND and BOOL_OR: each counted value adds its weight to accumulators.
     * With DISTINCT the table of values turns the step's rows into a +1 for each value whose
     * count became positive and a -1 for each whose count returned to zero.
     */
    private abstract static class ValueAggregator extends CallAggregator {
        /** The distinct values per group with their counts, or null when the call is not DISTINCT. */
        private final OperatorState values;

        ValueAggregator(AggregateCall call, int column, OperatorState values) {
            super(call, column);
            this.values = values;
        }

        /** Adds a non-null value {@code weight} times (negative: removes it). COUNT(*) gets TRUE. */
        abstract void accumulate(Object[] groupRow, Object value, long weight);

        /** Called after a step's values were accumulated. */
        void finish(Object[] groupRow) {
        }

        @Override
        final void apply(Object[] groupRow, Object[] groupKey, ChangeBatch rows) {
            if (values == null) {
                for (int i = 0; i < rows.size(); i++) {
                    Object[] row = rows.row(i);
                    if (counts(row)) {
                        accumulate(groupRow, value(row), rows.weight(i));
                    }
                }
            }
            else {
                applyDistinct(groupRow, groupKey, rows);
            }
            finish(groupRow);
        }

        private void applyDistinct(Object[] groupRow, Object[] groupKey, ChangeBatch rows) {
            for (Map.Entry<RowKey, long[]> entry : weightsByValue(rows, arguments).entrySet()) {
                long weight = entry.getValue()[0];
                if (weight == 0) {
                    continue;
                }
                Object[] value = entry.getKey().values();
                Object[] valueKey = concat(groupKey, value);
                Object[] stored = values.get(valueKey);
                long before = stored == null ? 0 : (Long) stored[valueKey.length];
                long after = before + weight;
                if (after == 0) {
                    values.delete(valueKey);
                }
                else {
                    Object[] valueRow = Arrays.copyOf(valueKey, valueKey.length + 1);
                    valueRow[valueKey.length] = after;
                    values.put(valueRow);
                }
                if (before <= 0 && after > 0) {
                    accumulate(groupRow, value[0], 1);
                }
                else if (before > 0 && after <= 0) {
                    accumulate(groupRow, value[0], -1);
                }
            }
        }

        private Object value(Object[] row) {
            return arguments.length == 0 ? Boolean.TRUE : row[arguments[0]];
        }
    }

    /** COUNT: accumulator {@code count}. */
    private static final class CountAggregator extends ValueAggregator {
        CountAggregator(AggregateCall call, int column, OperatorState values) {
            super(call, column, values);
        }

        @Override
        void initialize(Object[] groupRow) {
            groupRow[column] = 0L;
        }

        @Override
        void accumulate(Object[] groupRow, Object value, long weight) {
            groupRow[column] = (Long) groupRow[column] + weight;
        }

        @Override
        Object result(Object[] groupRow) {
            long count = (Long) groupRow[column];
            if (call.resultType().kind() == DataType.Kind.BIGINT) {
                return count;
            }
            return exactResult(BigDecimal.valueOf(count), call.resultType());
        }
    }

    /**
     * SUM and SUM0 of integers, DECIMAL or INTERVAL: accumulators {@code count} (non-null
     * values) and {@code sum}, exact and unbounded, so only the result can overflow.
     */
    private static final class ExactSumAggregator extends ValueAggregator {
        ExactSumAggregator(AggregateCall call, int column, OperatorState values) {
            super(call, column, values);
        }

        @Override
        void initialize(Object[] groupRow) {
            groupRow[column] = 0L;
            groupRow[column + 1] = BigDecimal.ZERO;
        }

        @Override
        void accumulate(Object[] groupRow, Object value, long weight) {
            // SMALLINT, INTEGER, BIGINT and INTERVAL arrive as Short, Integer and Long.
            BigDecimal decimal = value instanceof BigDecimal exact
                    ? exact : BigDecimal.valueOf(((Number) value).longValue());
            if (weight != 1) {
                decimal = decimal.multiply(BigDecimal.valueOf(weight));
            }
            groupRow[column] = (Long) groupRow[column] + weight;
            groupRow[column + 1] = ((BigDecimal) groupRow[column + 1]).add(decimal);
        }

        @Override
        Object result(Object[] groupRow) {
            if ((Long) groupRow[column] == 0) {
                return call.function() == AggregateCall.Function.SUM ? null
                        : exactResult(BigDecimal.ZERO, call.resultType());
            }
            return exactResult((BigDecimal) groupRow[column + 1], call.resultType());
        }
    }

    /**
     * SUM and SUM0 of REAL or DOUBLE: accumulators {@code count}, {@code sum} of the finite
     * values, and the counts of NaN, +Infinity and -Infinity, which once added to a double
     * could not be subtracted again.
     */
    private static final class FloatingSumAggregator extends ValueAggregator {
        FloatingSumAggregator(AggregateCall call, int column, OperatorState values) {
            super(call, column, values);
        }

        @Override
        void initialize(Object[] groupRow) {
            groupRow[column] = 0L;
            groupRow[column + 1] = 0.0;
            groupRow[column + 2] = 0L;
            groupRow[column + 3] = 0L;
            groupRow[column + 4] = 0L;
        }

        @Override
        void accumulate(Object[] groupRow, Object value, long weight) {
            double number = ((Number) value).doubleValue();
            groupRow[column] = (Long) groupRow[column] + weight;
            int target;
            if (Double.isNaN(number)) {
                target = column + 2;
            }
            else if (number == Double.POSITIVE_INFINITY) {
                target = column + 3;
            }
            else if (number == Double.NEGATIVE_INFINITY) {
                target = column + 4;
            }
            else {
                groupRow[column + 1] = (Double) groupRow[column + 1] + number * weight;
                return;
            }
            groupRow[target] = (Long) groupRow[target] + weight;
        }

        @Override
        void finish(Object[] groupRow) {
            // Retracting every value can leave rounding residue (0.1 + 0.2 - 0.1 - 0.2 is not 0);
            // an empty sum must read as exactly nothing.
            if ((Long) groupRow[column] == 0) {
                groupRow[column + 1] = 0.0;
            }
        }

        @Override
        Object result(Object[] groupRow) {
            if ((Long) groupRow[column] == 0 && call.function() == AggregateCall.Function.SUM) {
                return null;
            }
            boolean positiveInfinity = (Long) groupRow[column + 3] > 0;
            boolean negativeInfinity = (Long) groupRow[column + 4] > 0;
            double sum;
            if ((Long) groupRow[column + 2] > 0 || (positiveInfinity && negativeInfinity)) {
                sum = Double.NaN;
            }
            else if (positiveInfinity) {
                sum = Double.POSITIVE_INFINITY;
            }
            else if (negativeInfinity) {
                sum = Double.NEGATIVE_INFINITY;
            }
            else {
                sum = (Double) groupRow[column + 1];
            }
            return floatingResult(sum, call.resultType());
        }
    }

    /** BOOL_AND and BOOL_OR: accumulators {@code true_count} and {@code false_count}. */
    private static final class BooleanAggregator extends ValueAggregator {
        BooleanAggregator(AggregateCall call, int column) {
            super(call, column, null);
        }

        @Override
        void initialize(Object[] groupRow) {
            groupRow[column] = 0L;
            groupRow[column + 1] = 0L;
        }

        @Override
        void accumulate(Object[] groupRow, Object value, long weight) {
            int target = Boolean.TRUE.equals(value) ? column : column + 1;
            groupRow[target] = (Long) groupRow[target] + weight;
        }

        @Override
        Object result(Object[] groupRow) {
            boolean anyTrue = (Long) groupRow[column] > 0;
            boolean anyFalse = (Long) groupRow[column + 1] > 0;
            if (!anyTrue && !anyFalse) {
                return null;
            }
            if (call.function() == AggregateCall.Function.BOOL_AND) {
                return !anyFalse;
            }
            return anyTrue;
        }
    }

    /**
     * MIN and MAX: accumulator the current extreme. Over an input that retracts, the table of
     * values holds every value with its count, sorted so that the group's first entry is the
     * extreme; over an append-only input (no table) the extreme only ever improves.
     */
    private static final class ExtremeAggregator extends CallAggregator {
        private final OperatorState values;
        private final int keyWidth;
        private final boolean max;

        ExtremeAggregator(AggregateCall call, int column, OperatorState values, int keyWidth) {
            super(call, column);
            this.values = values;
            this.keyWidth = keyWidth;
            this.max = call.function() == AggregateCall.Function.MAX;
        }

        @Override
        void initialize(Object[] groupRow) {
            groupRow[column] = null;
        }

        @Override
        void apply(Object[] groupRow, Object[] groupKey, ChangeBatch rows) {
            if (values == null) {
                applyAppendOnly(groupRow, rows);
                return;
            }
            boolean changed = false;
            for (Map.Entry<RowKey, long[]> entry : weightsByValue(rows, arguments).entrySet()) {
                long weight = entry.getValue()[0];
                if (weight != 0) {
                    Object[] valueKey = concat(groupKey, entry.getKey().values());
                    Object[] stored = values.get(valueKey);
                    long count = (stored == null ? 0 : (Long) stored[valueKey.length]) + weight;
                    if (count == 0) {
                        values.delete(valueKey);
                    }
                    else {
                        Object[] valueRow = Arrays.copyOf(valueKey, valueKey.length + 1);
                        valueRow[valueKey.length] = count;
                        values.put(valueRow);
                    }
                    changed = true;
                }
            }
            if (changed) {
                setExtreme(groupRow, firstValue(groupKey));
            }
        }

        private Object firstValue(Object[] groupKey) {
            try (CloseableIterator<Object[]> entries = values.prefixScan(groupKey)) {
                while (entries.hasNext()) {
                    Object[] entry = entries.next();
                    if ((Long) entry[keyWidth + 1] > 0) {
                        return entry[keyWidth];
                    }
                }
            }
            return null;
        }

        private void applyAppendOnly(Object[] groupRow, ChangeBatch rows) {
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.row(i);
                if (rows.weight(i) < 0) {
                    throw new IllegalStateException("the append-only input of " + call + " deleted a row");
                }
                if (counts(row)) {
                    Object value = row[arguments[0]];
                    Object current = groupRow[column];
                    if (current == null || (max ? compare(value, current) > 0 : compare(value, current) < 0)) {
                        groupRow[column] = value;
                    }
                }
            }
        }

        /** Keeps the stored extreme when the new one equals it, so the output row keeps its representation. */
        private void setExtreme(Object[] groupRow, Object extreme) {
            if (!RowKey.valuesEqual(groupRow[column], extreme)) {
                groupRow[column] = extreme;
            }
        }

        @Override
        Object result(Object[] groupRow) {
            Object extreme = groupRow[column];
            DataType type = call.resultType();
            if (extreme instanceof BigDecimal decimal && type.kind() == DataType.Kind.DECIMAL && type.scale() >= 0) {
                return decimal.setScale(type.scale(), RoundingMode.HALF_UP);
            }
            return extreme;
        }

        /** Compares two values of one type in the order storage sorts them. */
        @SuppressWarnings("unchecked")
        private static int compare(Object left, Object right) {
            if (left instanceof String a && right instanceof String b) {
                return compareCodePoints(a, b);
            }
            return ((Comparable<Object>) left).compareTo(right);
        }

        /** Storage orders strings by their UTF-8 bytes, which is code point order, not Java's UTF-16 order. */
        private static int compareCodePoints(String left, String right) {
            int i = 0;
            int j = 0;
            while (i < left.length() && j < right.length()) {
                int a = left.codePointAt(i);
                int b = right.codePointAt(j);
                if (a != b) {
                    return Integer.compare(a, b);
                }
                i += Character.charCount(a);
                j += Character.charCount(b);
            }
            return Boolean.compare(i < left.length(), j < right.length());
        }
    }

    /**
     * STRING_AGG(value, delimiter [ORDER BY …]): accumulator the current string. Its table of
     * values holds each (ORDER BY columns, value, delimiter) with its count, in aggregation
     * order; a group whose entries a step changed is rebuilt by one prefix scan.
     */
    private static final class StringAggregator extends CallAggregator {
        private final OperatorState values;
        private final int keyWidth;
        /**
         * For each entry column after the group's: the input column it takes, or for a null flag
         * {@code -1 - column}, the flag telling whether that column is NULL.
         */
        private final int[] entrySources;
        private final int valueIndex;
        private final boolean binary;

        StringAggregator(AggregateCall call, int column, OperatorState values, int keyWidth) {
            super(call, column);
            this.values = requireNonNull(values, "values is null");
            this.keyWidth = keyWidth;
            int[] sources = new int[call.order().size() * 2 + 2];
            int size = 0;
            for (SortKey sortKey : call.order()) {
                // As in StreamAggregate#stateTables: storage sorts NULLs last ascending and
                // first descending; any other null order needs a flag before the column.
                if (sortKey.nullsFirst() != sortKey.descending()) {
                    sources[size++] = -1 - sortKey.column();
                }
                sources[size++] = sortKey.column();
            }
            this.valueIndex = size;
            sources[size++] = arguments[0];
            sources[size++] = arguments.length > 1 ? arguments[1] : Integer.MIN_VALUE;
            this.entrySources = Arrays.copyOf(sources, size);
            this.binary = call.resultType().kind() == DataType.Kind.BYTEA;
        }

        @Override
        void initialize(Object[] groupRow) {
            groupRow[column] = null;
        }

        @Override
        void apply(Object[] groupRow, Object[] groupKey, ChangeBatch rows) {
            Map<RowKey, long[]> weights = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.row(i);
                // counts() would also drop rows with a NULL delimiter, which PostgreSQL keeps.
                if (isCounted(row)) {
                    weights.computeIfAbsent(RowKey.ofRow(entry(row)), ignored -> new long[1])[0] += rows.weight(i);
                }
            }
            boolean changed = false;
            for (Map.Entry<RowKey, long[]> weight : weights.entrySet()) {
                if (weight.getValue()[0] == 0) {
                    continue;
                }
                Object[] entryKey = concat(groupKey, weight.getKey().values());
                Object[] stored = values.get(entryKey);
                long count = (stored == null ? 0 : (Long) stored[entryKey.length]) + weight.getValue()[0];
                if (count == 0) {
                    values.delete(entryKey);
                }
                else {
                    Object[] entryRow = Arrays.copyOf(entryKey, entryKey.length + 1);
                    entryRow[entryKey.length] = count;
                    values.put(entryRow);
                }
                changed = true;
            }
            if (changed) {
                groupRow[column] = concatenate(groupKey);
            }
        }

        private boolean isCounted(Object[] row) {
            if (row[arguments[0]] == null) {
                return false;
            }
            int filter = call.filterColumn();
            return filter < 0 || Boolean.TRUE.equals(row[filter]);
        }

        private Object[] entry(Object[] row) {
            Object[] entry = new Object[entrySources.length];
            for (int i = 0; i < entry.length; i++) {
                int source = entrySources[i];
                if (source == Integer.MIN_VALUE) {
                    entry[i] = DEFAULT_DELIMITER;
                }
                else if (source < 0) {
                    entry[i] = row[-1 - source] == null;
                }
                else {
                    entry[i] = row[source];
                }
            }
            return entry;
        }

        /** The group's string: each value preceded by its own delimiter, except the first; NULL for none. */
        private Object concatenate(Object[] groupKey) {
            StringBuilder text = binary ? null : new StringBuilder();
            ByteArrayOutputStream bytes = binary ? new ByteArrayOutputStream() : null;
            boolean first = true;
            int countIndex = keyWidth + entrySources.length;
            try (CloseableIterator<Object[]> entries = values.prefixScan(groupKey)) {
                while (entries.hasNext()) {
                    Object[] entry = entries.next();
                    long repeat = call.distinct() ? Math.min(1, (Long) entry[countIndex]) : (Long) entry[countIndex];
                    Object value = entry[keyWidth + valueIndex];
                    Object delimiter = entry[keyWidth + valueIndex + 1];
                    for (long i = 0; i < repeat; i++) {
                        if (!first && delimiter != null) {
                            append(text, bytes, delimiter);
                        }
                        append(text, bytes, value);
                        first = false;
                    }
                }
            }
            if (first) {
                return null;
            }
            return binary ? new ByteString(bytes.toByteArray()) : text.toString();
        }

        private static void append(StringBuilder text, ByteArrayOutputStream bytes, Object value) {
            if (text != null) {
                text.append((String) value);
            }
            else {
                bytes.writeBytes(((ByteString) value).getBytes());
            }
        }

        @Override
        Object result(Object[] groupRow) {
            return groupRow[column];
        }
    }

    private static Object[] concat(Object[] first, Object[] second) {
        Object[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    /** An exact value in the result type, or {@link #OVERFLOW} when it does not fit. */
    private static Object exactResult(BigDecimal value, DataType type) {
        switch (type.kind()) {
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case INTERVAL: {
                BigDecimal integral = value.setScale(0, RoundingMode.HALF_UP);
                if (integral.unscaledValue().bitLength() > 63) {
                    return OVERFLOW;
                }
                long number = integral.longValueExact();
                if (type.kind() == DataType.Kind.SMALLINT) {
                    if (number != (short) number) {
                        return OVERFLOW;
                    }
                    return (short) number;
                }
                if (type.kind() == DataType.Kind.INTEGER) {
                    if (number != (int) number) {
                        return OVERFLOW;
                    }
                    return (int) number;
                }
                return number;
            }
            case DECIMAL: {
                if (type.scale() < 0) {
                    return value;
                }
                BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
                if (type.precision() >= 0 && scaled.precision() > type.precision()) {
                    return OVERFLOW;
                }
                return scaled;
            }
            case REAL:
            case DOUBLE:
                return floatingResult(value.doubleValue(), type);
            default:
                throw new IllegalArgumentException("no numeric result type: " + type.sqlName());
        }
    }

    /** A floating-point value in the result type, or {@link #OVERFLOW} when it does not fit. */
    private static Object floatingResult(double value, DataType type) {
        if (type.kind() == DataType.Kind.DOUBLE) {
            return value;
        }
        if (type.kind() == DataType.Kind.REAL) {
            float narrowed = (float) value;
            if (Float.isInfinite(narrowed) && !Double.isInfinite(value)) {
                return OVERFLOW;
            }
            return narrowed;
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return OVERFLOW;
        }
        return exactResult(BigDecimal.valueOf(value), type);
    }
}
