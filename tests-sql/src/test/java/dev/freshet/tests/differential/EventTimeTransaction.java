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
        long watermarkAfter) {
    EventTimeTransaction {
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        requireNonNull(ending, "ending is null");
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one statement");
        }
    }

    /** Whether the transaction changes anything once it has ended. */
    boolean commits() {
        return ending != DmlTransaction.Ending.ROLLBACK;
    }

    /** The transaction as a script, with each statement's predicted outcome and the watermark after it. */
    String script() {
        StringBuilder script = new StringBuilder();
        script.append("-- transaction ").append(number).append(" (").append(ending).append(")\n");
        if (ending != DmlTransaction.Ending.AUTOCOMMIT) {
            script.append("BEGIN;\n");
        }
        for (ModeledStatement statement : statements) {
            script.append(statement.statement().render()).append("; ").append(statement.expectation()).append('\n');
        }
        if (ending == DmlTransaction.Ending.COMMIT) {
            script.append("COMMIT;\n");
        }
        else if (ending == DmlTransaction.Ending.ROLLBACK) {
            script.append("ROLLBACK;\n");
        }
        String watermark = watermarkAfter == BidsModel.NO_WATERMARK ? "none" : EventTime.render(watermarkAfter);
        script.append("-- watermark: ").append(watermark).append('\n');
        return script.toString();
    }
}
