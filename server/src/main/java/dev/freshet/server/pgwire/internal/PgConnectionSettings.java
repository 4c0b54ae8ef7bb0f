package dev.freshet.server.pgwire.internal;

import static java.util.Objects.requireNonNull;

import dev.freshet.server.pgwire.PgServerConfig;

import java.security.SecureRandom;

/**
 * What every connection of one server shares: the configuration, the SCRAM verifier of the
 * configured password (null without a password), the registry that routes CancelRequests, and
 * the random source for salts, nonces and secret keys.
 */
public record PgConnectionSettings(PgServerConfig config, ScramCredentials scramCredentials,
        PgSessionRegistry registry, SecureRandom random) {
    public PgConnectionSettings {
        requireNonNull(config, "config is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(random, "random is null");
    }

    /** Settings for {@code config}, deriving the SCRAM verifier when a password is configured. */
    public static PgConnectionSettings create(PgServerConfig config) {
        SecureRandom random = new SecureRandom();
        ScramCredentials credentials = null;
        if (config.password() != null) {
            credentials = ScramCredentials.forPassword(config.password(), random);
        }
        return new PgConnectionSettings(config, credentials, new PgSessionRegistry(), random);
    }
}
