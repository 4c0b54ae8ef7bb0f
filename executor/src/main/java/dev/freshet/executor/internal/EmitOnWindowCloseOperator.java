package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

import dev.freshet.planner.stream.StreamEmitOnWindowClose;

/**
 * EMIT ON WINDOW CLOSE: adds up each row's changes in the state table {@code pending} until the
 * watermark closes the row's window, then emits the row as many times as its summed weight and
 * forgets it. A row whose changes cancel out (a window's intermediate result, retracted when the
 * next one came) is never emitted, so each window appears once, final.
 *
 * <p>One instance: the closing scan covers the whole table, whose rows would otherwise be spread
 * over the instances' partitions in one keyspace.
 */
final class EmitOnWindowCloseOperator implements Operator {
    private final OperatorState pending;
    private final int closingColumn;
    private final long closingOffset;
    private final int width;

    EmitOnWindowCloseOperator(StreamEmitOnWindowClose node, OperatorContext context) {
        requireNonNull(node, "node is null");
        this.pending = context.stateTables().get(0);
        this.closingColumn = node.closingColumn();
        this.closingOffset = node.closingOffset();
        this.width = node.outputTypes().size();
    }

    @Override
    public void process(int input, ChangeBatch changes, ChangeBatch output) {
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = changes.row(i);
            Object[] key = new Object[width + 1];
            key[0] = row[closingColumn];
            System.arraycopy(row, 0, key, 1, width);
            Object[] stored = pending.get(key);
            long count = (stored == null ? 0 : (Long) stored[width + 1]) + changes.weight(i);
            if (count == 0) {
                pending.delete(key);
            } else {
                Object[] updated = Arrays.copyOf(key, width + 2);
                updated[width + 1] = count;
                pending.put(updated);
            }
        }
    }

    @Override
    public void advanceWatermark(long watermark, ChangeBatch output) {
        List<Object[]> closed = pending.removeBelow(Watermarks.bound(watermark, closingOffset));
        for (Object[] row : closed) {
            long count = (Long) row[width + 1];
            if (count < 0) {
                throw new IllegalStateException("a closed window holds a row deleted more often than inserted: "
                        + Arrays.toString(row));
            }
            output.add(Arrays.copyOfRange(row, 1, width + 1), count);
        }
    }
}
