package dev.freshet.executor.format;

import static java.lang.String.format;

import java.util.List;

import dev.freshet.planner.ColumnDescriptor;

/** The check every encoder makes of the rows a plan hands it, before writing a byte. */
final class SinkRows {
    private SinkRows() {
    }

    /**
     * @throws IllegalArgumentException when {@code row} is not as wide as {@code columns} or holds
     *     NULL in a NOT NULL column: a plan that did so is broken, and no format could say so
     */
    static void check(List<ColumnDescriptor> columns, Object[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException(format("the row has %d values for %d columns", row.length,
                    columns.size()));
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null && !columns.get(i).nullable()) {
                throw new IllegalArgumentException(format("column %s is NOT NULL, but the row holds NULL",
                        columns.get(i).name()));
            }
        }
    }
}
