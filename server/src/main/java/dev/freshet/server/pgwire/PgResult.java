package dev.freshet.server.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one fetch from a portal produced.
 *
 * @param rows the rows, each with one value per column
 * @param complete true when the statement has no more rows: the protocol then sends
 *     CommandComplete with {@code commandTag}; false means PortalSuspended
 * @param commandTag the CommandComplete tag, such as {@code SELECT 3}, {@code INSERT 0 2},
 *     {@code CREATE TABLE}; meaningful only when {@code complete}
 */
public record PgResult(List<Object[]> rows, boolean complete, String commandTag) {
    public PgResult {
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(commandTag, "commandTag is null");
    }
}
