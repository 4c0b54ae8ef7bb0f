package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.freshet.planner.DataType;

/**
 * The layout of one state table of a streaming operator, as the planner decides it: what it is
 * for, its columns and which of them, in order, form its key. Keys sort ascending.
 *
 * @param name what the table holds, for EXPLAIN and system tables (e.g. {@code groups})
 * @param columnNames the column names, for EXPLAIN
 * @param columnTypes the column types; values use Calcite's internal representation
 * @param keyColumns the indexes of the key columns in key order; not empty
 * @param keyDescending for each key column, true when it sorts descending
 */
public record StateTableLayout(String name, List<String> columnNames, List<DataType> columnTypes,
        List<Integer> keyColumns, List<Boolean> keyDescending) {
    public StateTableLayout {
        requireNonNull(name, "name is null");
        columnNames = List.copyOf(requireNonNull(columnNames, "columnNames is null"));
        columnTypes = List.copyOf(requireNonNull(columnTypes, "columnTypes is null"));
        keyColumns = List.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
        keyDescending = List.copyOf(requireNonNull(keyDescending, "keyDescending is null"));
        if (keyDescending.size() != keyColumns.size()) {
            throw new IllegalArgumentException(keyColumns.size() + " key columns but " + keyDescending.size()
                    + " directions");
        }
        if (columnNames.size() != columnTypes.size()) {
            throw new IllegalArgumentException(columnNames.size() + " column names for " + columnTypes.size()
                    + " column types");
        }
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("state table " + name + " needs a key");
        }
    }

    /** A table whose key columns all sort ascending. */
    public StateTableLayout(String name, List<String> columnNames, List<DataType> columnTypes,
            List<Integer> keyColumns) {
        this(name, columnNames, columnTypes, keyColumns, java.util.Collections.nCopies(keyColumns.size(), false));
    }

    /** {@code name(key: a, b; values: c, d)}, for EXPLAIN. */
    public String describe() {
        StringBuilder text = new StringBuilder(name).append("(key: ");
        for (int i = 0; i < keyColumns.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(columnNames.get(keyColumns.get(i)))
                    .append(keyDescending.get(i) ? " desc" : "");
        }
        boolean first = true;
        for (int i = 0; i < columnNames.size(); i++) {
            if (!keyColumns.contains(i)) {
                text.append(first ? "; values: " : ", ").append(columnNames.get(i));
                first = false;
            }
        }
        return text.append(')').toString();
    }
}
