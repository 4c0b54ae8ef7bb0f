package dev.freshet.server.pgwire.internal;

import static java.util.Objects.requireNonNull;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * The fields of one ErrorResponse.
 *
 * @param severity {@code ERROR} or {@code FATAL}
 * @param sqlState the SQLSTATE
 * @param message the primary message
 * @param detail the detail, or null
 * @param hint the hint, or null
 * @param position the 1-based character position in the client's query text, 0 when none
 */
public record PgError(String severity, String sqlState, String message, String detail, String hint, int position) {
    public PgError {
        requireNonNull(severity, "severity is null");
        requireNonNull(sqlState, "sqlState is null");
        requireNonNull(message, "message is null");
    }

    /** An ERROR for a typed failure; {@code positionOffset} is added to a position the error carries. */
    public static PgError error(FreshetException e, int positionOffset) {
        int position = e.position() > 0 ? e.position() + positionOffset : 0;
        return new PgError("ERROR", e.errorCode().sqlState(), e.getMessage(), e.detail(), e.hint(), position);
    }

    /** An ERROR or FATAL with just a code and message. */
    public static PgError of(String severity, ErrorCode code, String message) {
        return new PgError(severity, code.sqlState(), message, null, null, 0);
    }

    /** An ERROR for a failure nobody typed: the caller logs it with its stack. */
    public static PgError internal(Throwable e) {
        return new PgError("ERROR", ErrorCode.INTERNAL_ERROR.sqlState(), "internal error: " + e.getMessage(),
                null, null, 0);
    }

    public PgError asFatal() {
        return new PgError("FATAL", sqlState, message, detail, hint, position);
    }
}
