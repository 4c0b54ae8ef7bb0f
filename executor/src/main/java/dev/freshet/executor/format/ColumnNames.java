package dev.freshet.executor.format;

import static java.lang.String.format;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.freshet.planner.ColumnDescriptor;

/**
 * Matches the field names of a record (a JSON object's keys, an Avro schema's fields) to a
 * source's columns: a field fills the column of exactly its name, or else the column whose name
 * differs from it only in case. Column names arrive folded to lower case unless they were quoted,
 * while producers often write {@code userId}; the exact match first keeps quoted columns that
 * differ only in case apart.
 */
final class ColumnNames {
    private final List<ColumnDescriptor> columns;
    private final Map<String, Integer> exact = new HashMap<>();
    /** Lower-cased names of the columns that no other column matches ignoring case. */
    private final Map<String, Integer> folded = new HashMap<>();

    ColumnNames(List<ColumnDescriptor> columns) {
        this.columns = List.copyOf(columns);
        Set<String> shared = new HashSet<>();
        for (int i = 0; i < this.columns.size(); i++) {
            String name = this.columns.get(i).name();
            exact.put(name, i);
            if (folded.putIfAbsent(fold(name), i) != null) {
                shared.add(fold(name));
            }
        }
        folded.keySet().removeAll(shared);
    }

    /**
     * For each column, the position in {@code fieldNames} of the field that fills it, or -1 when
     * none does.
     *
     * @throws BadRecordException when no field has a column's exact name but several match it
     *     ignoring case, so that which one was meant is unclear
     */
    int[] match(List<String> fieldNames) throws BadRecordException {
        int[] positions = new int[columns.size()];
        Arrays.fill(positions, -1);
        boolean[] exactly = new boolean[columns.size()];
        String[] clashes = new String[columns.size()];
        for (int field = 0; field < fieldNames.size(); field++) {
            String name = fieldNames.get(field);
            Integer column = exact.get(name);
            if (column != null) {
                positions[column] = field;
                exactly[column] = true;
                continue;
            }
            column = folded.get(fold(name));
            if (column == null || exactly[column]) {
                continue;
            }
            if (positions[column] >= 0 && clashes[column] == null) {
                clashes[column] = format("fields %s and %s both match column %s ignoring case, and neither "
                        + "matches it exactly", fieldNames.get(positions[column]), name, columns.get(column).name());
            }
            positions[column] = field;
        }
        for (int column = 0; column < positions.length; column++) {
            // A later field of the exact name settles a clash found before it.
            if (!exactly[column] && clashes[column] != null) {
                throw new BadRecordException(clashes[column]);
            }
        }
        return positions;
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
