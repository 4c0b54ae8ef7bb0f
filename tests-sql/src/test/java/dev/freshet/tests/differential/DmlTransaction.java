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
record DmlTransaction(int number, List<DmlStatement> statements, Ending ending) {
    private static final Pattern DELETE_ALL = Pattern.compile("DELETE FROM \\w+");

    DmlTransaction {
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        requireNonNull(ending, "ending is null");
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one statement");
        }
    }

    /** Whether the transaction changes anything once it has ended. */
    boolean commits() {
        return ending != Ending.ROLLBACK;
    }

    /** Whether a committed statement deletes every row of a table: worth a check at once (empty groups). */
    boolean emptiesTable() {
        return commits() && statements.stream().anyMatch(statement -> DELETE_ALL.matcher(statement.sql()).matches());
    }

    /** The transaction as a script, as a client would type it. */
    String script() {
        StringBuilder script = new StringBuilder();
        script.append("-- transaction ").append(number).append(" (").append(ending).append(")\n");
        if (ending != Ending.AUTOCOMMIT) {
            script.append("BEGIN;\n");
        }
        statements.forEach(statement -> script.append(statement.render()).append(";\n"));
        if (ending == Ending.COMMIT) {
            script.append("COMMIT;\n");
        }
        else if (ending == Ending.ROLLBACK) {
            script.append("ROLLBACK;\n");
        }
        return script.toString();
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
