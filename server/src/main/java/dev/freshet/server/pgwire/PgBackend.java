package dev.freshet.server.pgwire;

/**
 * What the wire protocol needs from the database: a way to open sessions. The protocol layer
 * owns framing, authentication and message flow; everything about SQL is behind this interface.
 *
 * <p>Implementations must be thread-safe: connections open sessions from Netty event-loop threads.
 */
public interface PgBackend {
    /**
     * Opens a session for a client that has authenticated. Called once per connection, after
     * authentication succeeded and before ParameterStatus is sent.
     *
     * @throws dev.freshet.common.FreshetException to refuse the connection, for example
     *     {@code INVALID_CATALOG_NAME} for an unknown database; the client gets the error and the
     *     connection is closed
     */
    PgSession openSession(StartupParameters startup);
}
