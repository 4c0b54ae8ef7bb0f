package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One generated unit of work of a differential test's workload: its statements and how it ends.
 * {@link DifferentialRun#runTransaction} runs it on both engines.
 *
 * @param <S> the statements' type: what the workload knows of each
 */
interface WorkloadTransaction<S> {
    /** The transaction's position in the run, from 1: failure messages name it. */
    int number();

    /** The statements, in order; never empty. */
    List<S> statements();

    /** {@link DmlTransaction.Ending#AUTOCOMMIT}: each statement commits alone; otherwise one block. */
    DmlTransaction.Ending ending();

    /** One statement as {@link #script()} writes it, without the line break: {@code DELETE FROM t1;}. */
    String scriptLine(S statement);

    /** Whether the transaction changes anything once it has ended. */
    default boolean commits() {
        return ending() != DmlTransaction.Ending.ROLLBACK;
    }

    /**
     * The transaction as a script, as a client would type it, for the transcript and failure
     * messages: a comment naming it, then its statements, inside BEGIN and COMMIT or ROLLBACK
     * unless it autocommits.
     */
    default String script() {
        StringBuilder script = new StringBuilder();
        script.append("-- transaction ").append(number()).append(" (").append(ending()).append(")\n");
        if (ending() != DmlTransaction.Ending.AUTOCOMMIT) {
            script.append("BEGIN;\n");
        }
        for (S statement : statements()) {
            script.append(scriptLine(statement)).append('\n');
        }
        if (ending() == DmlTransaction.Ending.COMMIT) {
            script.append("COMMIT;\n");
        }
        else if (ending() == DmlTransaction.Ending.ROLLBACK) {
            script.append("ROLLBACK;\n");
        }
        return script.toString();
    }

    /** A transaction's statements, checked (a transaction needs one) and copied. */
    static <S> List<S> requireStatements(List<S> statements) {
        List<S> copy = List.copyOf(requireNonNull(statements, "statements is null"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one statement");
        }
        return copy;
    }
}
