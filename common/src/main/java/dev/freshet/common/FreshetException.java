package dev.freshet.common;

import static java.util.Objects.requireNonNull;

/**
 * An error that reaches the user: it carries its {@link ErrorCode} (and so its SQLSTATE), a
 * message saying what went wrong, and optionally a hint saying what to do, a detail, and the
 * 1-based character position in the statement that caused it.
 *
 * <p>Everything that can fail because of what a user typed or sent throws this; anything else
 * that reaches the wire is reported as {@link ErrorCode#INTERNAL_ERROR}.
 */
public class FreshetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String hint;
    private final String detail;
    private final int position;

    public FreshetException(ErrorCode errorCode, String message) {
        this(errorCode, message, null, null, 0, null);
    }

    public FreshetException(ErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, null, null, 0, cause);
    }

    private FreshetException(ErrorCode errorCode, String message, String hint, String detail, int position,
            Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.hint = hint;
        this.detail = detail;
        this.position = position;
    }

    /** Returns a copy of this error with the given hint (what the user should do). */
    public FreshetException withHint(String hint) {
        return copy(hint, detail, position);
    }

    /** Returns a copy of this error with the given detail (more about what went wrong). */
    public FreshetException withDetail(String detail) {
        return copy(hint, detail, position);
    }

    /** Returns a copy of this error pointing at a 1-based character position of the statement. */
    public FreshetException withPosition(int position) {
        return copy(hint, detail, position);
    }

    private FreshetException copy(String hint, String detail, int position) {
        FreshetException copy = new FreshetException(errorCode, getMessage(), hint, detail, position, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The hint, or null when there is none. */
    public String hint() {
        return hint;
    }

    /** The detail, or null when there is none. */
    public String detail() {
        return detail;
    }

    /** The 1-based character position in the statement text, or 0 when the error has none. */
    public int position() {
        return position;
    }
}
