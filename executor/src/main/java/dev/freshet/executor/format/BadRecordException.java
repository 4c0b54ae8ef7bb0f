package dev.freshet.executor.format;

/**
 * A record that a {@link RecordDecoder} cannot turn into a row: bytes that are not a record of
 * the format, or a value that does not fit its column.
 *
 * <p>The message is the reason users see in {@code freshet_catalog.bad_records}: it names the
 * column and shows the value (cut to a readable length) where there is one, e.g.
 * {@code column price (BIGINT): "12abc" is not a whole number}. The exception is checked so that
 * every connector decides what a bad record costs; it never stops the dataflow.
 */
public final class BadRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRecordException(String reason) {
        super(reason);
    }

    public BadRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The reason, as kept in {@code bad_records}; the same as {@link #getMessage()}. */
    public String reason() {
        return getMessage();
    }
}
