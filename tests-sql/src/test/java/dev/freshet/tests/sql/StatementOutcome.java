package dev.freshet.tests.sql;

import static java.util.Objects.requireNonNull;

/** What a {@code statement} record expects. */
public sealed interface StatementOutcome {
    /** {@code statement ok}: the statement succeeds; any rows or update count are ignored. */
    record Ok() implements StatementOutcome {
    }

    /** {@code statement count N}: the statement succeeds and reports N affected rows. */
    record Count(long rows) implements StatementOutcome {
    }

    /** {@code statement error ...}: the statement fails as described. */
    record Error(ErrorExpectation expectation) implements StatementOutcome {
        public Error {
            requireNonNull(expectation, "expectation is null");
        }
    }
}
