package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

import dev.freshet.planner.stream.StreamWindow;

/**
 * Assigns rows to their TUMBLE, HOP or CUMULATE windows: each row comes out once per window holding its
 * time, with {@code window_start} and {@code window_end} appended, keeping its weight. Stateless
 * and linear; a row whose time is NULL belongs to no window and is left out, as in a batch query.
 */
final class WindowOperator implements Operator {
    private final StreamWindow node;
    private final int timeColumn;
    private final int width;

    WindowOperator(StreamWindow node, OperatorContext context) {
        this.node = requireNonNull(node, "node is null");
        this.timeColumn = node.timeColumn();
        this.width = node.input().outputTypes().size();
    }

    @Override
    public void process(int input, ChangeBatch changes, ChangeBatch output) {
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = changes.row(i);
            if (!(row[timeColumn] instanceof Long time)) {
                continue;
            }
            for (long[] window : node.windows(time)) {
                Object[] windowed = Arrays.copyOf(row, width + 2);
                windowed[width] = window[0];
                windowed[width + 1] = window[1];
                output.add(windowed, changes.weight(i));
            }
        }
    }
}
