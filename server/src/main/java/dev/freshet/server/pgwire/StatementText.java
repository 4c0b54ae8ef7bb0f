package dev.freshet.server.pgwire;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a simple query's text.
 *
 * @param sql the statement's text, without its terminating semicolon
 * @param offset the 0-based character offset of {@code sql} within the whole query text, added to
 *     an error's position so that it points into what the client sent
 */
public record StatementText(String sql, int offset) {
    public StatementText {
        requireNonNull(sql, "sql is null");
    }
}
