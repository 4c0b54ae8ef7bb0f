package dev.freshet.server.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The parameters a client sent in its StartupMessage.
 *
 * @param user the {@code user} parameter (never null; the protocol requires it)
 * @param database the {@code database} parameter, defaulting to the user name as in PostgreSQL
 * @param parameters every parameter as sent, including user and database, in arrival order
 */
public record StartupParameters(String user, String database, Map<String, String> parameters) {
    public StartupParameters {
        requireNonNull(user, "user is null");
        requireNonNull(database, "database is null");
        parameters = Map.copyOf(requireNonNull(parameters, "parameters is null"));
    }
}
