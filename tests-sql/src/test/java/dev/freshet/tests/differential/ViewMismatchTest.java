package dev.freshet.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewMismatchTest {
    private static final ViewDefinition VIEW = ViewDefinition.materialized("mv_g", ViewDefinition.Stage.AFTER_LOAD,
            "SELECT g, COUNT(*) AS n FROM t GROUP BY g");
    private static final ResultRows EXPECTED = rows(row(1, 2), row(2, 5));
    private static final ResultRows.Difference DIFFERENCE = rows(row(1, 2), row(2, 4)).differenceFrom(EXPECTED);

    @Test
    void shouldBlameTheMaintenanceWhenTheBatchSelectAgrees() {
        ViewMismatch.BatchSelect batch = ViewMismatch.BatchSelect.ran(VIEW.query(), EXPECTED.differenceFrom(EXPECTED));

        String report = new ViewMismatch(VIEW, "after transaction 3 of 10", "check 2", DIFFERENCE, batch).describe(15);

        assertThat(unixLines(report)).isEqualTo("""
                mv_g (MATERIALIZED_VIEW, created AFTER_LOAD) differs from DuckDB after transaction 3 of 10 (check 2):
                  CREATE MATERIALIZED VIEW mv_g AS SELECT g, COUNT(*) AS n FROM t GROUP BY g
                  expected 2 rows, got 2; 1 missing, 1 extra
                    missing (expected, not returned):
                      (2, 5)
                    extra (returned, not expected):
                      (2, 4)
                  Freshet's batch SELECT of the same query agrees with DuckDB, so the view's maintenance is wrong""");
    }

    @Test
    void shouldShowTheBatchSelectsOwnDifference() {
        ViewMismatch.BatchSelect batch = ViewMismatch.BatchSelect.ran(VIEW.query(), DIFFERENCE);

        String report = new ViewMismatch(VIEW, "on empty tables", "check 1", DIFFERENCE, batch).describe(15);

        assertThat(unixLines(report)).contains("Freshet's batch SELECT of the same query differs too (a batch bug or "
                + "a dialect difference): expected 2 rows, got 2; 1 missing, 1 extra\n"
                + "    missing (expected, not returned):");
    }

    @Test
    void shouldShowWhyTheBatchSelectFailed() {
        SQLException failure = new SQLException("no such function", "42883");
        ViewMismatch.BatchSelect batch = ViewMismatch.BatchSelect.failed(VIEW.query(), failure);

        String report = new ViewMismatch(VIEW, "on empty tables", "check 1", DIFFERENCE, batch).describe(15);

        assertThat(report)
                .endsWith("Freshet's batch SELECT of the same query fails: no such function [SQLSTATE 42883]");
    }

    @Test
    void shouldShowTheBatchQueryOnlyWhenItIsNotTheViewsOwn() {
        String closedWindows = "SELECT * FROM (" + VIEW.query() + ") AS windows WHERE 1 = 0";
        ViewMismatch.BatchSelect batch = ViewMismatch.BatchSelect.ran(closedWindows, DIFFERENCE);

        String report = new ViewMismatch(VIEW, "on empty tables", "check 1, modeled watermark none (no row yet)",
                DIFFERENCE, batch).describe(15);

        assertThat(unixLines(report)).contains("(check 1, modeled watermark none (no row yet)):")
                .endsWith("\n    " + closedWindows);
    }

    @Test
    void shouldRefuseABatchSelectThatBothRanAndFailed() {
        assertThatThrownBy(() -> new ViewMismatch.BatchSelect(VIEW.query(), DIFFERENCE, "failed"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The report with the platform's line breaks, from {@code %n}, as {@code \n}. */
    private static String unixLines(String report) {
        return report.replace(System.lineSeparator(), "\n");
    }

    @SafeVarargs
    private static ResultRows rows(List<Object>... rows) {
        return ResultRows.of(2, List.of(rows));
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
