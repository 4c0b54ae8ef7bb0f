package dev.freshet.shell;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a result as psql does: an aligned table with a centred header, numbers right-aligned,
 * and the row count; or, in expanded mode ({@code \x}), one block per row with a column per line.
 */
final class ResultPrinter {
    private final PrintWriter out;

    ResultPrinter(PrintWriter out) {
        this.out = out;
    }

    /** Prints the rows and returns how many there were. */
    int print(ResultSet rows, boolean expanded) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int width = meta.getColumnCount();
        List<String> names = names(meta);
        boolean[] numeric = numericColumns(meta);
        List<String[]> values = new ArrayList<>();
        while (rows.next()) {
            String[] row = new String[width];
            for (int i = 0; i < width; i++) {
                String value = rows.getString(i + 1);
                row[i] = value == null ? "" : value;
            }
            values.add(row);
        }
        if (expanded) {
            printExpanded(names, values);
        } else {
            alignedLines(names, numeric, values).forEach(out::println);
        }
        out.println(values.size() == 1 ? "(1 row)" : "(" + values.size() + " rows)");
        out.println();
        return values.size();
    }

    /** The column names of a result. */
    static List<String> names(ResultSetMetaData meta) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i + 1));
        }
        return names;
    }

    /** Which columns of a result are numbers, printed right-aligned. */
    static boolean[] numericColumns(ResultSetMetaData meta) throws SQLException {
        boolean[] numeric = new boolean[meta.getColumnCount()];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = isNumeric(meta.getColumnType(i + 1));
        }
        return numeric;
    }

    /** An aligned table's lines: the header, the rule, then one line per row (NULL as empty). */
    static List<String> alignedLines(List<String> names, boolean[] numeric, List<String[]> values) {
        List<String> lines = new ArrayList<>();
        int[] widths = new int[names.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = displayWidth(names.get(i));
            for (String[] row : values) {
                for (String line : (row[i] == null ? "" : row[i]).split("\n", -1)) {
                    widths[i] = Math.max(widths[i], displayWidth(line));
                }
            }
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String name = names.get(i);
            int left = (widths[i] - displayWidth(name)) / 2;
            header.append(i == 0 ? " " : " | ").append(" ".repeat(left)).append(name)
                    .append(" ".repeat(widths[i] - left - displayWidth(name)));
            rule.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        lines.add(stripEnd(header.append(' ')));
        lines.add(rule.append('-').toString());
        for (String[] row : values) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String value = row[i] == null ? "" : row[i].replace('\n', ' ');
                String padding = " ".repeat(widths[i] - displayWidth(value));
                line.append(i == 0 ? " " : " | ").append(numeric[i] ? padding + value : value + padding);
            }
            lines.add(stripEnd(line));
        }
        return lines;
    }

    private void printExpanded(List<String> names, List<String[]> values) {
        int nameWidth = 0;
        for (String name : names) {
            nameWidth = Math.max(nameWidth, displayWidth(name));
        }
        for (int r = 0; r < values.size(); r++) {
            out.println("-[ RECORD " + (r + 1) + " ]" + "-".repeat(Math.max(1, nameWidth - 8)));
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                out.println(stripEnd(new StringBuilder(name).append(" ".repeat(nameWidth - displayWidth(name)))
                        .append(" | ").append(values.get(r)[i])));
            }
        }
    }

    private static String stripEnd(CharSequence line) {
        return line.toString().stripTrailing();
    }

    /** Columns on a terminal: code points, as psql counts them for most text. */
    private static int displayWidth(String text) {
        return text.codePointCount(0, text.length());
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.DOUBLE, Types.FLOAT, Types.NUMERIC,
                    Types.DECIMAL -> true;
            default -> false;
        };
    }
}
