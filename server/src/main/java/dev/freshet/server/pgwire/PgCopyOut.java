package dev.freshet.server.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a portal's rows leave as a {@code COPY ... TO STDOUT}: in CopyData messages, one line per
 * row, instead of DataRow messages.
 *
 * @param columns the columns of each row, in order
 * @param format the lines' format
 * @param header true to send a first line with the column names
 */
public record PgCopyOut(List<PgColumn> columns, Format format, boolean header) {
    public PgCopyOut {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(format, "format is null");
    }

    /** The formats of COPY's lines, as PostgreSQL writes them. */
    public enum Format {
        /** Tab-separated values, {@code \N} for NULL, backslash escapes for tab, newline, CR and backslash. */
        TEXT,
        /** Comma-separated values, a NULL as nothing, quoted with {@code "} when needed. */
        CSV
    }
}
