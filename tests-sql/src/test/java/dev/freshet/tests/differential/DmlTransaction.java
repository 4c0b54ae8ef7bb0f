package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One generated unit of work: its statements and how it ends. Every statement is valid, with the
 * same meaning, in PostgreSQL's dialect (Freshet) and DuckDB's.
 *
 * @param number the transaction's position in the run, from 1: failure messages name it
 * @param statements INSERT, UPDATE and DELETE statements, in order
 * @param ending {@link Ending#AUTOCOMMIT}: each statement commits alone; otherwise one block
 */
record DmlTransaction(int number, List<DmlStatement> statements, Ending ending)
        implements WorkloadTransaction<DmlStatement> {
    private static final Pattern DELETE_ALL = Pattern.compile("DELETE FROM \\w+");

    DmlTransaction {
        statements = WorkloadTransaction.requireStatements(statements);
        requireNonNull(ending, "ending is null");
    }

    /** Whether a committed statement deletes every row of a table: worth a check at once (empty groups). */
    boolean emptiesTable() {
        return commits() && statements.stream().anyMatch(statement -> DELETE_ALL.matcher(statement.sql()).matches());
    }

    @Override
    public String scriptLine(DmlStatement statement) {
        return statement.render() + ";";
    }

    enum Ending {
        /** Each statement is a transaction of its own. */
        AUTOCOMMIT,
        /** BEGIN, the statements, COMMIT. */
        COMMIT,
        /** BEGIN, the statements, ROLLBACK: nothing may change. */
        ROLLBACK
    }
}
