package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.calcite.avatica.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.freshet.planner.DataType;
import dev.freshet.planner.stream.StateTableLayout;
import dev.freshet.planner.stream.StreamTopN;
import dev.freshet.storage.CloseableIterator;
import dev.freshet.storage.MemcomparableCodec;
import dev.freshet.storage.StateTableDescriptor;

/**
 * Top-N per partition ({@link StreamTopN}): of each partition's current rows, ranked by the
 * ORDER BY columns and then by every other column ascending, the output holds those at positions
 * {@code offset + 1 .. offset + limit}; a row the input holds k times takes k positions. With
 * {@code rowNumber} each output row carries its position as one more BIGINT column, counted from
 * the partition's first row.
 *
 * <p>Takes inserts and deletes of any multiplicity. Emits, once per step in {@link #finishStep},
 * the difference between each touched partition's top before and after the step: a row leaving
 * the top is retracted, a row entering it (a new row ranking high enough, or the next row
 * refilling a deleted one's place) is inserted, and with {@code rowNumber} a row whose position
 * moved is retracted with its old number and inserted with its new one. Rows whose place in the
 * top did not change emit nothing, so changes within a step consolidate.
 *
 * <p>State, one table {@code rows} (layout from {@link StreamTopN#stateTables()}):
 * <ul>
 *   <li>columns: the input row's columns, then a BOOLEAN {@code _is_null} per order column whose
 *       requested null order is not storage's (NULLS FIRST ascending, NULLS LAST descending),
 *       then {@code count}, the row's multiplicity in the input;
 *   <li>key: partition columns ascending, then each order column in its direction (its
 *       {@code _is_null} column just before it), then the remaining input columns ascending. The
 *       key is the whole row, so a prefix scan by partition yields the partition's rows in rank
 *       order, and equal rows share one entry;
 *   <li>written in {@link #finishStep} for every row whose count a step changed; an entry is
 *       deleted when its count reaches zero, so an empty partition leaves nothing behind.
 * </ul>
 * Every row of a partition is kept, not only the top, because a deleted top row must be
 * replaced by the next one.
 *
 * <p>Within a step the operator keeps only scratch: the step's changes per touched partition,
 * summed per state key. In {@link #finishStep} it walks the partition's stored rows (its state
 * before the step) merged with those changes in key order, tracking for each row its position
 * range before and after the step, and emits where the ranges' intersections with the top
 * differ; then it writes the new counts. The merge compares rows by their encoded state keys, so
 * it orders exactly as storage does. The walk stops as soon as nothing further can change: both
 * positions past the top's end, or every change passed and the rows after it at the same
 * positions as before (or, without row numbers and with an unbounded limit, both positions past
 * the offset). So a step never reads a partition past the top's end, never materialises the
 * top or expands a row's count (only row numbers are emitted one per position), and an
 * {@code OFFSET} without {@code LIMIT} (limit {@code Long.MAX_VALUE}) or row numbers reads it
 * only up to its last change, or its offset when that is further.
 *
 * <p>Deleting more copies of a row than the state holds cannot happen in a consistent dataflow;
 * the surplus is ignored, so the count never goes negative, and logged once per step.
 */
public final class TopNOperator implements Operator {
    private static final Logger LOG = LoggerFactory.getLogger(TopNOperator.class);

    private final String viewName;
    private final OperatorContext context;
    /** The offset of the first partition column when the watermark finalizes partitions by it (windows), else null. */
    private final Long closingOffset;
    private final OperatorState rows;
    private final MemcomparableCodec keyCodec;
    private final int[] keyColumns;
    private final int[] partitionColumns;
    private final int inputWidth;
    /** For state column {@code inputWidth + i}, the input column whose NULL-ness it records. */
    private final int[] nullFlagSources;
    private final int countColumn;
    private final boolean hasBinary;
    private final long offset;
    /** {@code offset + limit}, or {@code Long.MAX_VALUE} when that does not fit: the top's end. */
    private final long end;
    private final boolean rowNumber;

    /** The step's changes per touched partition, by encoded state key; cleared in finishStep. */
    private final Map<RowKey, TreeMap<byte[], Change>> touched = new HashMap<>();

    public TopNOperator(StreamTopN node, OperatorContext context) {
        requireNonNull(node, "node is null");
        requireNonNull(context, "context is null");
        this.viewName = context.viewName();
        this.context = context;
        this.closingOffset = node.closesPartitions()
                ? node.input().watermarkColumns().get(node.partitionKeys().get(0)) : null;
        this.rows = context.stateTables().get(0);
        StateTableLayout layout = rows.layout();
        StateTableDescriptor descriptor = rows.table().descriptor();
        this.keyCodec = new MemcomparableCodec(descriptor.keyTypes(), descriptor.keyOrders());
        this.keyColumns = layout.keyColumns().stream().mapToInt(Integer::intValue).toArray();
        this.inputWidth = node.input().outputTypes().size();
        this.countColumn = layout.columnTypes().size() - 1;
        // The partition columns, once each, lead the key (StreamTopN#stateTables).
        Set<Integer> partition = new LinkedHashSet<>(node.partitionKeys());
        this.partitionColumns = partition.stream().mapToInt(Integer::intValue).toArray();
        // A null flag sits in the key right before the column it tests.
        this.nullFlagSources = new int[countColumn - inputWidth];
        for (int i = 0; i < keyColumns.length; i++) {
            if (keyColumns[i] >= inputWidth) {
                nullFlagSources[keyColumns[i] - inputWidth] = keyColumns[i + 1];
            }
        }
        this.hasBinary = layout.columnTypes().stream().anyMatch(type -> type.kind() == DataType.Kind.BYTEA);
        this.offset = node.offset();
        this.end = node.limit() > Long.MAX_VALUE - node.offset() ? Long.MAX_VALUE : node.offset() + node.limit();
        this.rowNumber = node.rowNumber();
    }

    /** Frees the partitions (windows) the watermark finalized: their rows stay in the view. */
    @Override
    public void advanceWatermark(long watermark, ChangeBatch output) {
        if (closingOffset != null) {
            // The state key leads with the partition columns, the distribution key in its order.
            rows.removeBelow(Watermarks.bound(watermark, closingOffset),
                    row -> context.owns(Arrays.copyOf(row, partitionColumns.length)));
        }
    }

    @Override
    public void process(int input, ChangeBatch changes, ChangeBatch output) {
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = changes.row(i);
            Object[] stateRow = toStateRow(row);
            TreeMap<byte[], Change> partition = touched.computeIfAbsent(RowKey.of(row, partitionColumns),
                    key -> new TreeMap<>(Arrays::compareUnsigned));
            Change change = partition.computeIfAbsent(encodeKey(stateRow), key -> new Change(stateRow));
            change.weight += changes.weight(i);
        }
    }

    @Override
    public void finishStep(ChangeBatch output) {
        long ignoredDeletions = 0;
        for (Map.Entry<RowKey, TreeMap<byte[], Change>> partition : touched.entrySet()) {
            TreeMap<byte[], Change> changes = partition.getValue();
            changes.values().removeIf(change -> change.weight == 0);
            if (!changes.isEmpty()) {
                emitTopChanges(partition.getKey().values(), changes, output);
                ignoredDeletions += applyChanges(changes);
            }
        }
        touched.clear();
        if (ignoredDeletions > 0) {
            LOG.warn("View {}: ignored {} deletions of rows the top-n state does not hold", viewName, ignoredDeletions);
        }
    }

    /**
     * Walks the partition's stored rows and the step's changes together in key order and emits,
     * per row, the difference between its share of the top before and after the step. Records in
     * each change it passes the row's stored form and old count, so that applying it needs no
     * lookup.
     */
    private void emitTopChanges(Object[] partition, TreeMap<byte[], Change> changes, ChangeBatch output) {
        if (offset >= end) {
            return;
        }
        Iterator<Map.Entry<byte[], Change>> pending = changes.entrySet().iterator();
        Map.Entry<byte[], Change> change = pending.hasNext() ? pending.next() : null;
        long oldPosition = 0;
        long newPosition = 0;
        try (CloseableIterator<Object[]> stored = rows.prefixScan(partition)) {
            Object[] storedRow = stored.hasNext() ? stored.next() : null;
            byte[] storedKey = storedRow == null ? null : encodeKey(storedRow);
            while ((storedRow != null || change != null) && !settled(oldPosition, newPosition, change == null)) {
                int order;
                if (change == null) {
                    order = -1;
                }
                else if (storedRow == null) {
                    order = 1;
                }
                else {
                    order = Arrays.compareUnsigned(storedKey, change.getKey());
                }
                Object[] row;
                long oldCount;
                long weight = 0;
                if (order < 0) {
                    row = storedRow;
                    oldCount = count(storedRow);
                }
                else {
                    Change current = change.getValue();
                    if (order == 0) {
                        current.stored = storedRow;
                        current.oldCount = count(storedRow);
                        row = storedRow;
                    }
                    else {
                        current.oldCount = 0;
                        row = current.row;
                    }
                    oldCount = current.oldCount;
                    weight = current.weight;
                    change = pending.hasNext() ? pending.next() : null;
                }
                if (order <= 0) {
                    storedRow = stored.hasNext() ? stored.next() : null;
                    storedKey = storedRow == null ? null : encodeKey(storedRow);
                }
                // A deletion of more copies than stored is reported by applyChanges.
                long newCount = Math.max(oldCount + weight, 0);
                emitDifference(row, oldPosition, oldCount, newPosition, newCount, output);
                oldPosition += oldCount;
                newPosition += newCount;
            }
        }
    }

    /**
     * True when no row after the given positions can change its share of the top: both
     * positions are past the top, or no change is left and the rows after keep their positions
     * (or, without row numbers and with a top that never ends, stay inside it).
     */
    private boolean settled(long oldPosition, long newPosition, boolean changesPassed) {
        if (oldPosition >= end && newPosition >= end) {
            return true;
        }
        if (!changesPassed) {
            return false;
        }
        return oldPosition == newPosition
                || (!rowNumber && end == Long.MAX_VALUE && oldPosition >= offset && newPosition >= offset);
    }

    /**
     * Emits the change of one row's share of the top when it moved from {@code oldCount}
     * positions starting at {@code oldStart} to {@code newCount} starting at {@code newStart}.
     */
    private void emitDifference(Object[] row, long oldStart, long oldCount, long newStart, long newCount,
            ChangeBatch output) {
        long oldFrom = Math.max(oldStart, offset);
        long oldTo = Math.min(oldStart + oldCount, end);
        long newFrom = Math.max(newStart, offset);
        long newTo = Math.min(newStart + newCount, end);
        if (!rowNumber) {
            long weight = Math.max(newTo - newFrom, 0) - Math.max(oldTo - oldFrom, 0);
            if (weight != 0) {
                output.add(Arrays.copyOf(row, inputWidth), weight);
            }
            return;
        }
        emitPositionsOutside(row, oldFrom, oldTo, newFrom, newTo, -1, output);
        emitPositionsOutside(row, newFrom, newTo, oldFrom, oldTo, 1, output);
    }

    /** Emits the row numbered with each position of {@code [from, to)} not in {@code [otherFrom, otherTo)}. */
    private void emitPositionsOutside(Object[] row, long from, long to, long otherFrom, long otherTo, long weight,
            ChangeBatch output) {
        if (otherFrom >= otherTo) {
            emitPositions(row, from, to, weight, output);
            return;
        }
        emitPositions(row, from, Math.min(to, otherFrom), weight, output);
        emitPositions(row, Math.max(from, otherTo), to, weight, output);
    }

    private void emitPositions(Object[] row, long from, long to, long weight, ChangeBatch output) {
        for (long position = from; position < to; position++) {
            Object[] numbered = Arrays.copyOf(row, inputWidth + 1);
            numbered[inputWidth] = position + 1;
            output.add(numbered, weight);
        }
    }

    /**
     * Writes the partition's new counts. A row keeps the stored form it was first inserted in
     * (DECIMAL 1.0 stays 1.0 when 1.00 joins it), so its retraction later matches what was
     * emitted. Returns how many deletions found no row to delete.
     */
    private long applyChanges(TreeMap<byte[], Change> changes) {
        long ignoredDeletions = 0;
        for (Change change : changes.values()) {
            if (change.oldCount < 0) {
                change.stored = rows.get(keyOf(change.row));
                change.oldCount = change.stored == null ? 0 : count(change.stored);
            }
            long newCount = change.oldCount + change.weight;
            if (newCount < 0) {
                ignoredDeletions -= newCount;
                newCount = 0;
            }
            if (newCount == 0) {
                if (change.oldCount > 0) {
                    rows.delete(keyOf(change.row));
                }
                continue;
            }
            Object[] updated = (change.stored == null ? change.row : change.stored).clone();
            updated[countColumn] = newCount;
            rows.put(updated);
        }
        return ignoredDeletions;
    }

    private long count(Object[] stateRow) {
        return (Long) stateRow[countColumn];
    }

    /** The state row of an input row, its count not yet set. */
    private Object[] toStateRow(Object[] row) {
        Object[] stateRow = Arrays.copyOf(row, countColumn + 1);
        for (int i = 0; i < nullFlagSources.length; i++) {
            stateRow[inputWidth + i] = row[nullFlagSources[i]] == null;
        }
        return stateRow;
    }

    private Object[] keyOf(Object[] stateRow) {
        Object[] key = new Object[keyColumns.length];
        for (int i = 0; i < keyColumns.length; i++) {
            key[i] = stateRow[keyColumns[i]];
        }
        return key;
    }

    /** The state key's bytes, as storage orders them; BYTEA values go in storage's byte[] form. */
    private byte[] encodeKey(Object[] stateRow) {
        Object[] values = stateRow;
        if (hasBinary) {
            values = stateRow.clone();
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof ByteString bytes) {
                    values[i] = bytes.getBytes();
                }
            }
        }
        return keyCodec.encodeColumns(values, keyColumns);
    }

    /**
     * One state key's net change within a step. {@code stored} and {@code oldCount} are the
     * key's stored row and count before the step, once known ({@code oldCount} is -1 before).
     */
    private static final class Change {
        private final Object[] row;
        private long weight;
        private Object[] stored;
        private long oldCount = -1;

        Change(Object[] row) {
            this.row = row;
        }
    }
}
