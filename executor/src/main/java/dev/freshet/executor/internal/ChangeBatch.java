package dev.freshet.executor.internal;

import java.util.Arrays;

/**
 * A batch of changes: rows, each with a weight (+1 insert, -1 delete, or any multiplicity). The
 * unit operators exchange. Rows hold Calcite's internal representation and are never changed
 * after they are added, so batches may share them.
 *
 * <p>Appending grows the batch; there is no size limit, the producer decides how much to put in
 * one batch. Not thread-safe.
 */
public final class ChangeBatch {
    private static final int INITIAL_CAPACITY = 16;

    private Object[][] rows;
    private long[] weights;
    private int size;

    public ChangeBatch() {
        this(INITIAL_CAPACITY);
    }

    public ChangeBatch(int capacity) {
        this.rows = new Object[Math.max(capacity, 1)][];
        this.weights = new long[Math.max(capacity, 1)];
    }

    /** A batch of the given rows, each inserted once. */
    public static ChangeBatch insertions(Iterable<Object[]> rows) {
        ChangeBatch batch = new ChangeBatch();
        for (Object[] row : rows) {
            batch.add(row, 1);
        }
        return batch;
    }

    /** Appends a change; a zero weight is ignored. */
    public void add(Object[] row, long weight) {
        if (weight == 0) {
            return;
        }
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
            weights = Arrays.copyOf(weights, size * 2);
        }
        rows[size] = row;
        weights[size] = weight;
        size++;
    }

    /** Appends every change of another batch. */
    public void addAll(ChangeBatch other) {
        for (int i = 0; i < other.size; i++) {
            add(other.rows[i], other.weights[i]);
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public Object[] row(int index) {
        return rows[index];
    }

    public long weight(int index) {
        return weights[index];
    }

    /** Forgets every change, keeping the capacity. */
    public void clear() {
        Arrays.fill(rows, 0, size, null);
        size = 0;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ChangeBatch[");
        for (int i = 0; i < size; i++) {
            text.append(i == 0 ? "" : ", ").append(weights[i] > 0 ? "+" : "").append(weights[i])
                    .append(Arrays.toString(rows[i]));
        }
        return text.append(']').toString();
    }
}
