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
        List<String> names = new ArrayList<>();
        boolean[] numeric = new boolean[width];
        for (int i = 0; i < width; i++) {
            names.add(meta.getColumnLabel(i + 1));
            numeric[i] = isNumeric(meta.getColumnType(i + 1));
        }
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
            printAligned(names, numeric, values);
        }
        out.println(values.size() == 1 ? "(1 row)" : "(" + values.size() + " rows)");
        out.println();
        return values.size();
    }

    private void printAligned(List<String> names, boolean[] numeric, List<String[]> values) {
        int[] widths = new int[names.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = displayWidth(names.get(i));
            for (String[] row : values) {
                for (String line : row[i].split("\n", -1)) {
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
        out.println(stripEnd(header.append(' ')));
        out.println(rule.append('-'));
        for (String[] row : values) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String value = row[i].replace('\n', ' ');
                String padding = " ".repeat(widths[i] - displayWidth(value));
                line.append(i == 0 ? " " : " | ").append(numeric[i] ? padding + value : value + padding);
            }
            out.println(stripEnd(line));
        }
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
