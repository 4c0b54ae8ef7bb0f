package dev.freshet.tests.sql;

import static java.util.Objects.requireNonNull;

/**
 * A record marked {@code xfail} that failed, as its marker said it would.
 *
 * @param file the file, relative to the {@code slt} folder
 * @param line the record's {@code statement}/{@code query} line
 * @param reason the text of the {@code xfail} line
 * @param problem how it failed this time, for whoever fixes the gap
 */
record SltExpectedFailure(String file, int line, String reason, String problem) {
    SltExpectedFailure {
        requireNonNull(file, "file is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(problem, "problem is null");
    }
}
