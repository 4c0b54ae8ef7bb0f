package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A statement of the event-time workload with its outcome as {@link BidsModel} predicts it, and
 * the statement that makes DuckDB's copy of the table (no watermark) hold what Freshet's holds.
 *
 * @param statement what Freshet runs
 * @param mirror what DuckDB runs, or null when nothing changes: an INSERT of only late rows, or a
 *     refused statement. An INSERT's mirror holds its rows that are not late; any other mirror is
 *     the statement itself
 * @param inserted an INSERT's rows, late ones included; empty for other statements
 * @param late the inserted rows that are late
 * @param expectedRows the row count Freshet must report (and DuckDB, for the mirror); 0 when refused
 * @param refusal the SQLSTATE Freshet must fail the statement with, or null when it succeeds
 */
record ModeledStatement(DmlStatement statement, DmlStatement mirror, List<Bid> inserted, List<Bid> late,
        int expectedRows, String refusal) {
    ModeledStatement {
        requireNonNull(statement, "statement is null");
        inserted = List.copyOf(requireNonNull(inserted, "inserted is null"));
        late = List.copyOf(requireNonNull(late, "late is null"));
    }

    /** An INSERT; {@code mirror} holds the accepted rows, or is null when every row is late. */
    static ModeledStatement insert(DmlStatement statement, DmlStatement mirror, List<Bid> inserted, List<Bid> late) {
        return new ModeledStatement(statement, mirror, inserted, late, inserted.size() - late.size(), null);
    }

    /** An UPDATE or DELETE that succeeds and changes {@code rows} rows. */
    static ModeledStatement change(DmlStatement statement, int rows) {
        return new ModeledStatement(statement, statement, List.of(), List.of(), rows, null);
    }

    /** An UPDATE or DELETE that must fail with {@code sqlState} and change nothing. */
    static ModeledStatement refused(DmlStatement statement, String sqlState) {
        return new ModeledStatement(statement, null, List.of(), List.of(), 0,
                requireNonNull(sqlState, "sqlState is null"));
    }

    boolean isRefused() {
        return refusal != null;
    }

    /** The prediction as a comment for transcripts: {@code -- expect 3 rows (1 late, not stored)}. */
    String expectation() {
        if (isRefused()) {
            return "-- expect SQLSTATE " + refusal + ", no change";
        }
        String rows = "-- expect " + expectedRows + (expectedRows == 1 ? " row" : " rows");
        if (!late.isEmpty()) {
            return rows + " (" + late.size() + " late, not stored)";
        }
        return rows;
    }
}
