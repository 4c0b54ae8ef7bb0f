package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One generated unit of work of the event-time workload: its statements, how it ends, and the
 * table's watermark once it has ended, as {@link BidsModel} predicts them.
 *
 * @param number the transaction's position in the run, from 1: failure messages name it
 * @param statements the statements, in order; a refused one only ever stands alone in autocommit
 * @param ending {@link DmlTransaction.Ending#AUTOCOMMIT}: each statement commits alone; otherwise one block
 * @param watermarkAfter the watermark after the transaction, {@link BidsModel#NO_WATERMARK} before any row
 */
record EventTimeTransaction(int number, List<ModeledStatement> statements, DmlTransaction.Ending ending,
        long watermarkAfter) implements WorkloadTransaction<ModeledStatement> {
    EventTimeTransaction {
        statements = WorkloadTransaction.requireStatements(statements);
        requireNonNull(ending, "ending is null");
    }

    /** The statement with its predicted outcome: {@code INSERT ...; -- expect 3 rows (1 late, not stored)}. */
    @Override
    public String scriptLine(ModeledStatement statement) {
        return statement.statement().render() + "; " + statement.expectation();
    }

    /** The transaction as a script, each statement with its predicted outcome, then the watermark after it. */
    @Override
    public String script() {
        String watermark = watermarkAfter == BidsModel.NO_WATERMARK ? "none" : EventTime.render(watermarkAfter);
        return WorkloadTransaction.super.script() + "-- watermark: " + watermark + "\n";
    }
}
