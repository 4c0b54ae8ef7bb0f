package dev.freshet.server.pgwire.internal;

import static java.util.Objects.requireNonNull;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;

import java.security.SecureRandom;

/**
 * A SCRAM-SHA-256 verifier for the server's password, as PostgreSQL keeps one in
 * {@code pg_authid}: a salt, an iteration count, StoredKey and ServerKey. Computed once per
 * server, because the PBKDF2 iterations are deliberately slow.
 */
public record ScramCredentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    public static final int DEFAULT_ITERATIONS = 4096;

    public ScramCredentials {
        requireNonNull(salt, "salt is null");
        requireNonNull(storedKey, "storedKey is null");
        requireNonNull(serverKey, "serverKey is null");
    }

    /** Derives the verifier; the password is normalized with SASLprep, falling back to raw as PostgreSQL does. */
    public static ScramCredentials forPassword(String password, SecureRandom random) {
        byte[] salt = ScramFunctions.salt(16, random);
        byte[] saltedPassword = ScramFunctions.saltedPassword(ScramMechanism.SCRAM_SHA_256,
                StringPreparation.POSTGRESQL_PREPARATION, password.toCharArray(), salt, DEFAULT_ITERATIONS);
        byte[] clientKey = ScramFunctions.clientKey(ScramMechanism.SCRAM_SHA_256, saltedPassword);
        return new ScramCredentials(salt, DEFAULT_ITERATIONS,
                ScramFunctions.storedKey(ScramMechanism.SCRAM_SHA_256, clientKey),
                ScramFunctions.serverKey(ScramMechanism.SCRAM_SHA_256, saltedPassword));
    }
}
