package dev.freshet.tests.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The server a {@code .slt} file runs against, and what the {@code restart} and {@code kill}
 * directives do to it.
 */
interface ServerHandle extends AutoCloseable {
    /** The JDBC URL of the server as it runs now (the port may change across restarts). */
    String jdbcUrl();

    /** Connection properties: user, timeouts. */
    Properties connectionProperties();

    /**
     * Opens a new session on the server as it runs now. The runner opens every session here, so
     * that its own tests can answer with scripted sessions instead of a real server.
     */
    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), connectionProperties());
    }

    /**
     * Stops the server gracefully and starts it again on the same data.
     *
     * @throws dev.freshet.tests.process.ServerFailure if the server does not stop in time or does not come back
     */
    void restart();

    /**
     * Kills the server without warning (SIGKILL) and starts it again on the same data.
     *
     * @throws dev.freshet.tests.process.ServerFailure if the server does not come back
     */
    void kill();

    /** Whether the server can still answer (false once its process has died unexpectedly). */
    boolean isAlive();

    /** The last lines the server wrote, for failure messages; empty when unknown. */
    String recentOutput();

    @Override
    void close();
}
