package dev.freshet.server.pgwire;

import java.util.List;
import java.util.Map;

/**
 * One client's session as the protocol sees it. All methods but {@link #cancel()} are called from
 * the connection's own event-loop thread, one at a time.
 *
 * <p>Every method reports user errors by throwing {@link dev.freshet.common.FreshetException};
 * the protocol turns it into an ErrorResponse and the session stays usable.
 */
public interface PgSession extends AutoCloseable {
    /**
     * The run-time parameters to report with ParameterStatus right after authentication
     * (server_version, server_encoding, client_encoding, DateStyle, TimeZone, integer_datetimes,
     * standard_conforming_strings, application_name, IntervalStyle, is_superuser, session_authorization).
     */
    Map<String, String> initialParameterStatus();

    /**
     * Splits the text of a simple Query message into statements, in order, without analyzing
     * them (a later statement may depend on an earlier one's DDL). Returns an empty list for text
     * holding no statement (only blanks, comments or semicolons).
     *
     * @throws dev.freshet.common.FreshetException for text that cannot be split (an unterminated
     *     quote or comment)
     */
    List<StatementText> splitStatements(String sql);

    /**
     * Parses and analyzes one statement (no trailing semicolon needed) for the extended protocol's
     * Parse, or for one statement of a simple query.
     *
     * @param parameterTypes the types the client declared for $1, $2, …; an entry may be
     *     {@link PgType#UNSPECIFIED}, and the list may be shorter than the number of parameters
     * @return the prepared statement; never null
     */
    PgStatement prepare(String sql, List<PgType> parameterTypes);

    /** The transaction state for ReadyForQuery. */
    TransactionState transactionState();

    /**
     * The parameters whose values changed since the last call (for example after SET TimeZone),
     * to report with ParameterStatus before ReadyForQuery. Returns an empty map when none did.
     */
    Map<String, String> drainParameterChanges();

    /**
     * The notices raised since the last call (for example "table t does not exist, skipping"),
     * to send as NoticeResponse. Returns an empty list when there are none.
     */
    List<PgNotice> drainNotices();

    /**
     * Asks the running statement, if any, to stop with {@code QUERY_CANCELED}. Called from another
     * thread (a CancelRequest arrives on its own connection); does nothing when nothing runs.
     */
    void cancel();

    /**
     * The server is stopping: like {@link #cancel()}, but the running statement ends with
     * {@code 57P01} (terminating connection due to administrator command). Called from another thread.
     */
    default void shutdown() {
        cancel();
    }

    /** Ends the session: rolls back an open transaction and frees its portals' resources. */
    @Override
    void close();

    /** The state a ReadyForQuery message reports. */
    enum TransactionState {
        /** Not in a transaction block ('I'). */
        IDLE('I'),
        /** In a transaction block ('T'). */
        IN_TRANSACTION('T'),
        /** In a failed transaction block, until ROLLBACK ('E'). */
        FAILED('E');

        private final char indicator;

        TransactionState(char indicator) {
            this.indicator = indicator;
        }

        public char indicator() {
            return indicator;
        }
    }
}
