package dev.freshet.server.pgwire;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/**
 * How a {@link PgServer} listens and whom it lets in. Start from {@link #defaults()} and change
 * what differs with the {@code with…} copies.
 *
 * @param host the address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port; 0 binds an ephemeral port, which {@link PgServer#port()} then reports
 * @param password the one password every user must give; null lets everyone in without one (trust)
 * @param authMethod how the password is asked for when there is one
 * @param maxConnections connections beyond this many get FATAL 53300 after their StartupMessage
 * @param maxMessageSize the largest frontend message body accepted, in bytes; a larger declared
 *     length closes the connection
 * @param authenticationTimeout how long a client may take from connecting to finishing
 *     authentication (PostgreSQL's {@code authentication_timeout}, default one minute)
 * @param idleTimeout how long an authenticated connection may stay silent before it is closed;
 *     {@link Duration#ZERO} never closes it (PostgreSQL's {@code idle_session_timeout} default)
 */
public record PgServerConfig(
        String host,
        int port,
        String password,
        AuthMethod authMethod,
        int maxConnections,
        int maxMessageSize,
        Duration authenticationTimeout,
        Duration idleTimeout) {
    public static final int DEFAULT_PORT = 5433;

    public PgServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(authMethod, "authMethod is null");
        requireNonNull(authenticationTimeout, "authenticationTimeout is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes: " + maxMessageSize);
        }
    }

    /** {@code 127.0.0.1:5433}, trust, SCRAM when a password is set, 200 connections, 64 MiB messages. */
    public static PgServerConfig defaults() {
        return new PgServerConfig("127.0.0.1", DEFAULT_PORT, null, AuthMethod.SCRAM_SHA_256, 200, 64 << 20,
                Duration.ofMinutes(1), Duration.ZERO);
    }

    public PgServerConfig withHost(String host) {
        return new PgServerConfig(host, port, password, authMethod, maxConnections, maxMessageSize,
                authenticationTimeout, idleTimeout);
    }

    public PgServerConfig withPort(int port) {
        return new PgServerConfig(host, port, password, authMethod, maxConnections, maxMessageSize,
                authenticationTimeout, idleTimeout);
    }

    public PgServerConfig withPassword(String password) {
        return new PgServerConfig(host, port, password, authMethod, maxConnections, maxMessageSize,
                authenticationTimeout, idleTimeout);
    }

    public PgServerConfig withAuthMethod(AuthMethod authMethod) {
        return new PgServerConfig(host, port, password, authMethod, maxConnections, maxMessageSize,
                authenticationTimeout, idleTimeout);
    }

    public PgServerConfig withMaxConnections(int maxConnections) {
        return new PgServerConfig(host, port, password, authMethod, maxConnections, maxMessageSize,
                authenticationTimeout, idleTimeout);
    }

    public PgServerConfig withMaxMessageSize(int maxMessageSize) {
        return new PgServerConfig(host, port, password, authMethod, maxConnections, maxMessageSize,
                authenticationTimeout, idleTimeout);
    }

    public PgServerConfig withAuthenticationTimeout(Duration authenticationTimeout) {
        return new PgServerConfig(host, port, password, authMethod, maxConnections, maxMessageSize,
                authenticationTimeout, idleTimeout);
    }

    public PgServerConfig withIdleTimeout(Duration idleTimeout) {
        return new PgServerConfig(host, port, password, authMethod, maxConnections, maxMessageSize,
                authenticationTimeout, idleTimeout);
    }

    /**
     * The authentication request the server sends when a password is configured. The server
     * chooses, as PostgreSQL's {@code pg_hba.conf} does; every PostgreSQL client since 10 answers
     * all three.
     */
    public enum AuthMethod {
        /** SASL SCRAM-SHA-256 without channel binding: the password never crosses the wire. */
        SCRAM_SHA_256("scram-sha-256"),
        /** MD5 of the password and user name, salted per connection. */
        MD5("md5"),
        /** The password in clear text: only on trusted networks. */
        PASSWORD("password");

        private final String configName;

        AuthMethod(String configName) {
            this.configName = configName;
        }

        /** The name in configuration files: {@code scram-sha-256}, {@code md5} or {@code password}. */
        public String configName() {
            return configName;
        }

        /** The method a configuration name ({@code auth.method}) names, case-insensitively. */
        public static AuthMethod fromConfigName(String name) {
            String normalized = name.trim().toLowerCase(Locale.ROOT);
            for (AuthMethod method : values()) {
                if (method.configName.equals(normalized)) {
                    return method;
                }
            }
            throw new IllegalArgumentException(
                    "auth.method must be one of scram-sha-256, md5, password: " + name);
        }
    }
}
