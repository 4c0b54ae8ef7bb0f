package dev.freshet.executor.format;

import java.math.BigDecimal;
import java.util.List;

import org.apache.calcite.avatica.util.ByteString;

import dev.freshet.planner.ColumnDescriptor;

/** Writes rows as CSV lines for the tests, since sinks do not write CSV: every field quoted, NULL empty. */
final class CsvLines {
    private CsvLines() {
    }

    static String line(List<ColumnDescriptor> columns, Object[] row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            if (row[i] != null) {
                line.append('"').append(text(columns.get(i), row[i]).replace("\"", "\"\"")).append('"');
            }
        }
        return line.toString();
    }

    private static String text(ColumnDescriptor column, Object value) {
        return switch (column.type().kind()) {
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case BYTEA -> ((ByteString) value).toBase64String();
            case DATE -> TemporalText.formatDate((Integer) value);
            case TIME -> TemporalText.formatTime((Integer) value);
            case TIMESTAMP -> TemporalText.formatTimestamp((Long) value);
            case TIMESTAMPTZ -> TemporalText.formatTimestampTz((Long) value);
            default -> value.toString();
        };
    }
}
