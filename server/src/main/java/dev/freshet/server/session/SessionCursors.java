package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.parser.ddl.SqlCloseCursor;
import dev.freshet.parser.ddl.SqlDeclareCursor;
import dev.freshet.parser.ddl.SqlFetch;
import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgPortal;
import dev.freshet.server.pgwire.PgResult;
import dev.freshet.server.pgwire.PgStatement;

/**
 * A session's cursors: {@code DECLARE name CURSOR [WITH HOLD] FOR {query | SUBSCRIBE ...}},
 * {@code FETCH [n | ALL] name [WITH (timeout = '1s')]} and {@code CLOSE {name | ALL}}.
 *
 * <p>As in PostgreSQL, a cursor lives until the end of the transaction block it was declared in,
 * or, {@code WITH HOLD}, until it is closed or the session ends. A cursor over a query hands out
 * its rows in order until they run out. A cursor over SUBSCRIBE never runs out: FETCH waits until
 * at least one change is ready, then returns up to n of those ready (ALL: every one ready); with a
 * {@code timeout} it waits at most that long and may return no rows.
 */
final class SessionCursors implements AutoCloseable {
    /** A declared cursor; {@code subscription} is set for a cursor over SUBSCRIBE. */
    private static final class Cursor {
        private final PgPortal portal;
        private final SubscribeStatement.Portal subscription;
        private final boolean hold;
        private boolean exhausted;

        Cursor(PgPortal portal, SubscribeStatement.Portal subscription, boolean hold) {
            this.portal = portal;
            this.subscription = subscription;
            this.hold = hold;
        }
    }

    private final FreshetSession session;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();

    SessionCursors(FreshetSession session) {
        this.session = requireNonNull(session, "session is null");
    }

    /** DECLARE: {@code rows} is the prepared query or SUBSCRIBE. */
    PgStatement declare(SqlDeclareCursor declare, PgStatement rows) {
        String name = declare.name().getSimple();
        return ResultStatement.command(parameters -> {
            if (!declare.withHold() && !session.inTransactionBlock()) {
                throw new FreshetException(ErrorCode.NO_ACTIVE_SQL_TRANSACTION,
                        "DECLARE CURSOR can only be used in transaction blocks")
                        .withHint("Run BEGIN first (JDBC: setAutoCommit(false)), or declare it WITH HOLD.");
            }
            if (cursors.containsKey(name)) {
                throw new FreshetException(ErrorCode.DUPLICATE_CURSOR, "cursor \"" + name + "\" already exists");
            }
            PgPortal portal = rows.bind(List.of());
            SubscribeStatement.Portal subscription = null;
            if (portal instanceof SubscribeStatement.Portal subscribing) {
                subscription = subscribing;
                try {
                    subscription.start();
                } catch (RuntimeException e) {
                    portal.close();
                    throw e;
                }
            }
            cursors.put(name, new Cursor(portal, subscription, declare.withHold()));
            return ResultStatement.Result.tag("DECLARE CURSOR");
        });
    }

    /** FETCH: its columns are the cursor's, so the cursor must exist when FETCH is prepared. */
    PgStatement fetch(SqlFetch fetch) {
        String name = fetch.cursorName().getSimple();
        List<PgColumn> columns = find(name).portal.columns();
        long timeoutNanos = -1;
        for (Map.Entry<String, String> option : fetch.optionMap().entrySet()) {
            if (!option.getKey().toLowerCase(Locale.ROOT).equals("timeout")) {
                throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                        "FETCH has no option \"" + option.getKey() + "\"")
                        .withHint("The only option is timeout, as in WITH (timeout = '1s'): how long FETCH from a "
                                + "cursor over SUBSCRIBE waits for changes.");
            }
            Duration timeout = DurationParser.parse("timeout", option.getValue());
            timeoutNanos = timeout.toNanos();
        }
        long waitNanos = timeoutNanos;
        return new ResultStatement(List.of(), columns, parameters -> {
            Cursor cursor = find(name);
            List<Object[]> rows;
            if (fetch.count() == 0) {
                rows = List.of();
            } else if (cursor.subscription != null) {
                rows = cursor.subscription.take((int) Math.min(fetch.count(), Integer.MAX_VALUE), waitNanos);
            } else {
                rows = next(cursor, fetch.isAll() ? 0 : (int) Math.min(fetch.count(), Integer.MAX_VALUE));
            }
            return new ResultStatement.Result("FETCH " + rows.size(), rows);
        });
    }

    private static List<Object[]> next(Cursor cursor, int count) {
        if (cursor.exhausted) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>();
        while (count == 0 || rows.size() < count) {
            PgResult result = cursor.portal.fetch(count == 0 ? 0 : count - rows.size());
            rows.addAll(result.rows());
            if (result.complete()) {
                cursor.exhausted = true;
                break;
            }
        }
        return rows;
    }

    /** CLOSE name, or CLOSE ALL. */
    PgStatement close(SqlCloseCursor close) {
        return ResultStatement.command(parameters -> {
            if (close.isAll()) {
                close();
            } else {
                String name = close.cursorName().getSimple();
                find(name);
                cursors.remove(name).portal.close();
            }
            return ResultStatement.Result.tag("CLOSE CURSOR");
        });
    }

    /** The transaction block ended: its cursors, all but those WITH HOLD, close. */
    void transactionEnded() {
        cursors.values().removeIf(cursor -> {
            if (!cursor.hold) {
                cursor.portal.close();
            }
            return !cursor.hold;
        });
    }

    private Cursor find(String name) {
        Cursor cursor = cursors.get(name);
        if (cursor == null) {
            throw new FreshetException(ErrorCode.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        }
        return cursor;
    }

    @Override
    public void close() {
        for (Cursor cursor : cursors.values()) {
            cursor.portal.close();
        }
        cursors.clear();
    }
}
