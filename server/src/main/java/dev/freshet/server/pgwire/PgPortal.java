package dev.freshet.server.pgwire;

import java.util.List;

/**
 * A bound statement being executed. The statement runs on the first {@link #fetch} and its rows
 * are handed out over as many fetches as the client's Execute row limits ask for.
 */
public interface PgPortal extends AutoCloseable {
    /** The columns of the rows {@link #fetch} returns; empty when the statement returns none. */
    List<PgColumn> columns();

    /**
     * Runs the statement if it has not run yet, then returns up to {@code maxRows} of its rows
     * ({@code maxRows <= 0}: all that remain). Each row holds one value per column, null or of the
     * Java class {@link PgType} documents for the column's type.
     */
    PgResult fetch(int maxRows);

    /**
     * For {@code COPY ... TO STDOUT}: how the rows {@link #fetch} returns are sent as COPY lines
     * (CopyOutResponse, CopyData per row, CopyDone, then CommandComplete); null for rows sent as
     * DataRow. A COPY portal has no {@link #columns()}: Describe answers NoData, as PostgreSQL does.
     */
    default PgCopyOut copyOut() {
        return null;
    }

    /** Frees the portal's resources; a portal never fetched from is closed without running. */
    @Override
    void close();
}
