package dev.freshet.server.pgwire.internal;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgCopyOut;

/**
 * Writes rows as the lines of {@code COPY ... TO STDOUT}, in PostgreSQL's text or CSV format:
 * each value in its text form, each line ended by a newline.
 */
final class PgCopyLines {
    private final PgCopyOut copy;
    private final PgTypeCodecs codecs;

    PgCopyLines(PgCopyOut copy, PgTypeCodecs codecs) {
        this.copy = requireNonNull(copy, "copy is null");
        this.codecs = requireNonNull(codecs, "codecs is null");
    }

    /** The header line: the column names. */
    byte[] header() {
        StringBuilder line = new StringBuilder();
        List<PgColumn> columns = copy.columns();
        for (int i = 0; i < columns.size(); i++) {
            separate(line, i);
            append(line, columns.get(i).name());
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One row's line. */
    byte[] line(Object[] row) {
        StringBuilder line = new StringBuilder();
        List<PgColumn> columns = copy.columns();
        for (int i = 0; i < columns.size(); i++) {
            separate(line, i);
            if (row[i] == null) {
                line.append(copy.format() == PgCopyOut.Format.TEXT ? "\\N" : "");
            } else {
                String text = codecs.encodeText(columns.get(i).type(), row[i]);
                if (copy.format() == PgCopyOut.Format.CSV && text.isEmpty()) {
                    // An empty string is quoted, so that it differs from NULL.
                    line.append("\"\"");
                } else {
                    append(line, text);
                }
            }
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void separate(StringBuilder line, int column) {
        if (column > 0) {
            line.append(copy.format() == PgCopyOut.Format.TEXT ? '\t' : ',');
        }
    }

    private void append(StringBuilder line, String text) {
        if (copy.format() == PgCopyOut.Format.TEXT) {
            appendEscaped(line, text);
        } else {
            appendQuoted(line, text);
        }
    }

    private static void appendEscaped(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    private static void appendQuoted(StringBuilder line, String text) {
        boolean quote = text.equals("\\.");
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            line.append(text);
            return;
        }
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
