package dev.freshet.tests.sql;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * What running one {@code .slt} file found.
 *
 * @param file the file, relative to the {@code slt} folder
 * @param failures records that did not behave as the file says; the file passed when there is none
 * @param expectedFailures records marked {@code xfail} that failed, which does not fail the file
 */
record SltFileResult(String file, List<SltFailure> failures, List<SltExpectedFailure> expectedFailures) {
    SltFileResult {
        requireNonNull(file, "file is null");
        failures = List.copyOf(requireNonNull(failures, "failures is null"));
        expectedFailures = List.copyOf(requireNonNull(expectedFailures, "expectedFailures is null"));
    }

    boolean passed() {
        return failures.isEmpty();
    }

    /**
     * One line for the run's report, e.g. {@code dml/cast.slt: passed, 2 expected failures: line 12 (CAST
     * rounds), line 40 (no ltree)}, so known gaps stay visible in every run.
     */
    String summary() {
        StringBuilder line = new StringBuilder(file).append(": ");
        line.append(passed() ? "passed" : format("FAILED (%d)", failures.size()));
        if (expectedFailures.isEmpty()) {
            return line.toString();
        }
        line.append(format(", %d expected failure%s: ", expectedFailures.size(),
                expectedFailures.size() == 1 ? "" : "s"));
        List<String> items = new ArrayList<>(expectedFailures.size());
        for (SltExpectedFailure expected : expectedFailures) {
            items.add(format("line %d (%s)", expected.line(), expected.reason()));
        }
        return line.append(String.join(", ", items)).toString();
    }
}
