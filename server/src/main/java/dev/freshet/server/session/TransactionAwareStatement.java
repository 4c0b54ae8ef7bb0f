package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.util.List;

import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgCopyOut;
import dev.freshet.server.pgwire.PgPortal;
import dev.freshet.server.pgwire.PgResult;
import dev.freshet.server.pgwire.PgStatement;
import dev.freshet.server.pgwire.PgType;

/**
 * Marks the session's transaction block failed when a statement fails while it runs, as
 * PostgreSQL does: after a failed statement nothing in the block commits, so a statement that
 * wrote part of its rows before failing leaves nothing behind.
 */
final class TransactionAwareStatement implements PgStatement {
    private final PgStatement statement;
    private final FreshetSession session;

    TransactionAwareStatement(PgStatement statement, FreshetSession session) {
        this.statement = requireNonNull(statement, "statement is null");
        this.session = requireNonNull(session, "session is null");
    }

    @Override
    public List<PgType> parameterTypes() {
        return statement.parameterTypes();
    }

    @Override
    public List<PgColumn> columns() {
        return statement.columns();
    }

    @Override
    public PgPortal bind(List<Object> parameters) {
        PgPortal portal;
        try {
            portal = statement.bind(parameters);
        } catch (RuntimeException e) {
            session.statementFailed();
            throw e;
        }
        return new PgPortal() {
            @Override
            public List<PgColumn> columns() {
                return portal.columns();
            }

            @Override
            public PgResult fetch(int maxRows) {
                try {
                    return portal.fetch(maxRows);
                } catch (RuntimeException e) {
                    session.statementFailed();
                    throw e;
                }
            }

            @Override
            public PgCopyOut copyOut() {
                return portal.copyOut();
            }

            @Override
            public void close() {
                portal.close();
            }
        };
    }
}
