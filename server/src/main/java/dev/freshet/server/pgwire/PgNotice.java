package dev.freshet.server.pgwire;

import static java.util.Objects.requireNonNull;

/**
 * A NoticeResponse to send to the client.
 *
 * @param severity {@code NOTICE}, {@code WARNING}, {@code INFO}, …
 * @param sqlState the SQLSTATE, such as {@code 00000} or {@code 01000}
 * @param message the message
 * @param hint the hint, or null
 */
public record PgNotice(String severity, String sqlState, String message, String hint) {
    public PgNotice {
        requireNonNull(severity, "severity is null");
        requireNonNull(sqlState, "sqlState is null");
        requireNonNull(message, "message is null");
    }

    public static PgNotice notice(String message) {
        return new PgNotice("NOTICE", "00000", message, null);
    }
}
