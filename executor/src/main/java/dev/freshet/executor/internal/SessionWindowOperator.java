package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.freshet.planner.stream.StreamSessionWindow;
import dev.freshet.storage.CloseableIterator;

/**
 * Assigns rows to sessions (see {@link StreamSessionWindow}). Per key the step's changes are
 * deferred to {@link #finishStep}: it reads the key's rows, works out the sessions before and
 * after the changes, and emits the difference, so rows whose session did not change emit nothing
 * and a merge or a split retracts and reinserts exactly the rows whose window moved. The cost of
 * a step is the size of the keys it touches, which the watermark keeps to their open sessions.
 */
final class SessionWindowOperator implements Operator {
    private final OperatorContext context;
    private final OperatorState rows;
    /** For each state column before {@code count}, the input column it holds. */
    private final int[] stored;
    private final int keyWidth;
    private final int timeState;
    private final int inputWidth;
    private final int countColumn;
    private final long gap;
    /** The offset of the time column's watermark bound, or null when no watermark bounds it. */
    private final Long timeOffset;
    private final Map<RowKey, List<Object[]>> touched = new LinkedHashMap<>();
    private final Map<RowKey, List<Long>> touchedWeights = new HashMap<>();
    /**
     * When to look for ended sessions: a look reads every row of the state, so it waits until the
     * oldest row could be in one. It is exact: an ended session's rows leave at the first step that
     * could free them, since a step reads all the rows of the keys it touches.
     */
    private final ExpiryScans expiryScans = ExpiryScans.exact();

    SessionWindowOperator(StreamSessionWindow node, OperatorContext context) {
        requireNonNull(node, "node is null");
        this.context = requireNonNull(context, "context is null");
        this.rows = context.stateTables().get(0);
        this.stored = node.storedColumns().stream().mapToInt(Integer::intValue).toArray();
        this.keyWidth = node.keyColumns().size();
        this.timeState = node.storedColumns().indexOf(node.timeColumn());
        this.inputWidth = node.input().outputTypes().size();
        this.countColumn = stored.length;
        this.gap = node.gapMillis();
        this.timeOffset = node.input().watermarkColumns().get(node.timeColumn());
    }

    @Override
    public void process(int input, ChangeBatch changes, ChangeBatch output) {
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = changes.row(i);
            if (!(row[stored[timeState]] instanceof Long)) {
                continue;
            }
            Object[] key = new Object[keyWidth];
            for (int k = 0; k < keyWidth; k++) {
                key[k] = row[stored[k]];
            }
            RowKey partition = RowKey.ofRow(key);
            touched.computeIfAbsent(partition, p -> new ArrayList<>()).add(row);
            touchedWeights.computeIfAbsent(partition, p -> new ArrayList<>()).add(changes.weight(i));
        }
    }

    @Override
    public void finishStep(ChangeBatch output) {
        for (Map.Entry<RowKey, List<Object[]>> entry : touched.entrySet()) {
            Object[] partition = entry.getKey().values();
            Map<List<Object>, Object[]> current = new HashMap<>();
            List<Object[]> before = new ArrayList<>();
            try (CloseableIterator<Object[]> scan = rows.prefixScan(partition)) {
                while (scan.hasNext()) {
                    Object[] row = scan.next();
                    before.add(row);
                    current.put(stateKey(row), row);
                }
            }
            Map<List<Object>, Long> difference = new HashMap<>();
            addSessions(before, -1, difference);
            List<Long> weights = touchedWeights.get(entry.getKey());
            List<Object[]> changes = entry.getValue();
            for (int i = 0; i < changes.size(); i++) {
                Object[] stateRow = toState(changes.get(i));
                List<Object> key = stateKey(stateRow);
                Object[] existing = current.get(key);
                long count = (existing == null ? 0 : (Long) existing[countColumn]) + weights.get(i);
                if (count == 0) {
                    current.remove(key);
                    rows.delete(key.toArray());
                } else {
                    stateRow[countColumn] = count;
                    current.put(key, stateRow);
                    rows.put(stateRow);
                    if (existing == null) {
                        expiryScans.stored(stateRow[timeState]);
                    }
                }
            }
            List<Object[]> after = new ArrayList<>(current.values());
            after.sort((a, b) -> Long.compare((Long) a[timeState], (Long) b[timeState]));
            addSessions(after, 1, difference);
            for (Map.Entry<List<Object>, Long> change : difference.entrySet()) {
                if (change.getValue() != 0) {
                    output.add(change.getKey().toArray(), change.getValue());
                }
            }
        }
        touched.clear();
        touchedWeights.clear();
    }

    /**
     * Frees the rows of every session of this instance's keys that ended at or before the
     * watermark: no row can join it any more. The scan covers the table the instances share, and
     * skips other instances' keys: whether a session ended depends on its rows, and another
     * instance's rows of this step are only in its own buffer.
     */
    @Override
    public void advanceWatermark(long watermark, ChangeBatch output) {
        if (timeOffset == null) {
            return;
        }
        long bound = Watermarks.bound(watermark, timeOffset + 1);
        // A session ends once its last time plus the gap is below the bound: only rows older than
        // bound - gap can be in one, so there is nothing to look for while the oldest row is newer.
        if (!expiryScans.due(Watermarks.bound(bound, -gap), watermark == Long.MAX_VALUE)) {
            return;
        }
        List<Object[]> closed = new ArrayList<>();
        long[] left = {0, Long.MAX_VALUE};
        try (CloseableIterator<Object[]> scan = rows.prefixScan(new Object[0])) {
            List<Object[]> session = new ArrayList<>();
            Object[] previous = null;
            while (scan.hasNext()) {
                Object[] row = scan.next();
                boolean samePartition = previous != null && samePartition(previous, row);
                if (!samePartition || (Long) row[timeState] - (Long) previous[timeState] >= gap) {
                    closeIfEnded(session, bound, closed, left);
                    session = new ArrayList<>();
                }
                session.add(row);
                previous = row;
            }
            closeIfEnded(session, bound, closed, left);
        }
        for (Object[] row : closed) {
            rows.delete(stateKey(row).toArray());
        }
        expiryScans.looked(new OperatorState.Expired(closed.size(), left[0], left[1]));
    }

    /**
     * Adds the session's rows to {@code closed} when it has ended and belongs to this instance;
     * counts this instance's rows kept in {@code left}: {rows, the oldest time among them}.
     */
    private void closeIfEnded(List<Object[]> session, long bound, List<Object[]> closed, long[] left) {
        if (session.isEmpty() || !context.owns(Arrays.copyOf(session.get(0), keyWidth))) {
            return;
        }
        if ((Long) session.get(session.size() - 1)[timeState] + gap < bound) {
            closed.addAll(session);
        } else {
            left[0] += session.size();
            left[1] = Math.min(left[1], (Long) session.get(0)[timeState]);
        }
    }

    private boolean samePartition(Object[] a, Object[] b) {
        for (int k = 0; k < keyWidth; k++) {
            if (!java.util.Objects.equals(a[k], b[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds, with the given sign, each row of the key's sessions with its window: the rows come in
     * time order, and a pause of {@code gap} or more starts a new session.
     */
    private void addSessions(List<Object[]> ordered, int sign, Map<List<Object>, Long> output) {
        int first = 0;
        for (int i = 1; i <= ordered.size(); i++) {
            if (i == ordered.size()
                    || (Long) ordered.get(i)[timeState] - (Long) ordered.get(i - 1)[timeState] >= gap) {
                long start = (Long) ordered.get(first)[timeState];
                long end = (Long) ordered.get(i - 1)[timeState] + gap;
                for (int r = first; r < i; r++) {
                    Object[] stateRow = ordered.get(r);
                    Object[] windowed = new Object[inputWidth + 2];
                    for (int c = 0; c < stored.length; c++) {
                        windowed[stored[c]] = stateRow[c];
                    }
                    windowed[inputWidth] = start;
                    windowed[inputWidth + 1] = end;
                    output.merge(Arrays.asList(windowed), sign * (Long) stateRow[countColumn], Long::sum);
                }
                first = i;
            }
        }
    }

    private Object[] toState(Object[] row) {
        Object[] state = new Object[countColumn + 1];
        for (int c = 0; c < stored.length; c++) {
            state[c] = row[stored[c]];
        }
        return state;
    }

    private List<Object> stateKey(Object[] stateRow) {
        return Arrays.asList(Arrays.copyOf(stateRow, countColumn));
    }
}
