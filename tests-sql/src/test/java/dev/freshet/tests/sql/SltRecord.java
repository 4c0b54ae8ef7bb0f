package dev.freshet.tests.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One record of a {@code .slt} file: a statement or query with its expectation, or a directive
 * that acts on the server process or on the session in use.
 *
 * <p>Every record knows the line it starts on, so that a failure can point at the file.
 */
public sealed interface SltRecord {
    /** The 1-based line of the record's first line (its {@code statement}/{@code query}/directive line). */
    int line();

    /**
     * The reason given on an {@code xfail <reason>} line before the record: the record describes a
     * known gap and is expected to fail. Empty for records that must pass, and always for directives.
     */
    default Optional<String> expectedFailure() {
        return Optional.empty();
    }

    /** {@code statement ok}, {@code statement count N} or {@code statement error ...}. */
    record Statement(int line, String sql, StatementOutcome outcome, Optional<String> expectedFailure)
            implements SltRecord {
        public Statement {
            requireNonNull(sql, "sql is null");
            requireNonNull(outcome, "outcome is null");
            requireNonNull(expectedFailure, "expectedFailure is null");
        }

        /** A statement that must pass. */
        public Statement(int line, String sql, StatementOutcome outcome) {
            this(line, sql, outcome, Optional.empty());
        }
    }

    /**
     * {@code query <types> [sort] [label]} followed by {@code ----} and the expected rows, or
     * {@code query error ...} when the query must fail (then {@code types} is empty and
     * {@code error} is present).
     */
    record Query(
            int line,
            String sql,
            List<ColumnType> types,
            SortMode sortMode,
            Optional<String> label,
            List<String> expectedLines,
            Optional<ErrorExpectation> error,
            Optional<String> expectedFailure)
            implements SltRecord {
        public Query {
            requireNonNull(sql, "sql is null");
            types = List.copyOf(requireNonNull(types, "types is null"));
            requireNonNull(sortMode, "sortMode is null");
            requireNonNull(label, "label is null");
            expectedLines = List.copyOf(requireNonNull(expectedLines, "expectedLines is null"));
            requireNonNull(error, "error is null");
            requireNonNull(expectedFailure, "expectedFailure is null");
        }

        /** A query that must pass. */
        public Query(int line, String sql, List<ColumnType> types, SortMode sortMode, Optional<String> label,
                List<String> expectedLines, Optional<ErrorExpectation> error) {
            this(line, sql, types, sortMode, label, expectedLines, error, Optional.empty());
        }
    }

    /** {@code restart}: stop the server gracefully (SIGTERM), start it on the same data directory, reconnect. */
    record Restart(int line) implements SltRecord {
    }

    /** {@code kill}: SIGKILL the server, start it on the same data directory, reconnect. */
    record Kill(int line) implements SltRecord {
    }

    /** {@code connection <name>}: the following records run on the named session (opened on first use). */
    record Connection(int line, String name) implements SltRecord {
        public Connection {
            requireNonNull(name, "name is null");
        }
    }

    /** {@code halt}: ignore the rest of the file. */
    record Halt(int line) implements SltRecord {
    }
}
