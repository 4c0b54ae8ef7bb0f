package dev.freshet.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultRowsTest {
    @Test
    void shouldFindNoDifferenceWhenRowsComeInAnotherOrder() {
        ResultRows expected = rows(2, row(1, "a"), row(2, "b"), row(2, "b"));
        ResultRows actual = rows(2, row(2, "b"), row(1, "a"), row(2, "b"));

        assertThat(actual.differenceFrom(expected).isEmpty()).isTrue();
    }

    @Test
    void shouldReportMissingAndExtraRowsWhenMultiplicitiesDiffer() {
        ResultRows expected = rows(2, row(1, "a"), row(2, "b"), row(2, "b"));
        ResultRows actual = rows(2, row(1, "a"), row(2, "b"), row(3, "c"), row(3, "c"));

        ResultRows.Difference difference = actual.differenceFrom(expected);

        assertThat(difference.missing()).containsExactly(List.of(BigDecimal.valueOf(2), "b"));
        assertThat(difference.extra()).hasSize(2).allMatch(row -> row.equals(List.of(BigDecimal.valueOf(3), "c")));
        assertThat(difference.describe(10)).contains("expected 3 rows, got 4; 1 missing, 2 extra", "(2, 'b')",
                "(3, 'c')");
    }

    @Test
    void shouldMatchNumbersWhateverTheirJavaType() {
        ResultRows expected = rows(4, row(7, 7L, BigInteger.valueOf(7), new BigDecimal("2.50")));
        ResultRows actual = rows(4, row(7L, new BigDecimal("7.000"), 7, 2.5d));

        assertThat(actual.differenceFrom(expected).isEmpty()).isTrue();
    }

    @Test
    void shouldMatchAnExactAverageWithADoubleNextToARoundingBoundary() {
        // 1/3200 is 0.0003125 exactly; as a double it is a hair below, and rounds apart at six places.
        ResultRows exact = rows(1, row(new BigDecimal("0.0003125000000000")));
        ResultRows approximate = rows(1, row(1.0 / 3200));
        ResultRows sixteenDigits = rows(1, row(new BigDecimal("3.6666666666666670")));
        ResultRows doubleAverage = rows(1, row(11.0 / 3));

        assertThat(approximate.differenceFrom(exact).isEmpty()).isTrue();
        assertThat(doubleAverage.differenceFrom(sixteenDigits).isEmpty()).isTrue();
    }

    @Test
    void shouldReportSumsThatDifferByOneCent() {
        ResultRows expected = rows(1, row(new BigDecimal("98765432.10")));
        ResultRows actual = rows(1, row(new BigDecimal("98765432.11")));

        assertThat(actual.differenceFrom(expected).isEmpty()).isFalse();
    }

    @Test
    void shouldTellNullFromZeroFromTheTextNull() {
        ResultRows expected = rows(2, row(null, null));
        ResultRows actual = rows(2, row(0, "NULL"));

        ResultRows.Difference difference = actual.differenceFrom(expected);

        assertThat(difference.missing()).hasSize(1);
        assertThat(difference.extra()).hasSize(1);
        assertThat(difference.describe(10)).contains("(NULL, NULL)", "(0, 'NULL')");
    }

    @Test
    void shouldTellABooleanFromItsText() {
        ResultRows expected = rows(1, row(true));
        ResultRows actual = rows(1, row("true"));

        assertThat(actual.differenceFrom(expected).isEmpty()).isFalse();
    }

    @Test
    void shouldReportEveryRowWhenColumnCountsDiffer() {
        ResultRows expected = rows(2, row(1, 2));
        ResultRows actual = rows(1, row(1));

        ResultRows.Difference difference = actual.differenceFrom(expected);

        assertThat(difference.missing()).hasSize(1);
        assertThat(difference.extra()).hasSize(1);
    }

    @Test
    void shouldShowOnlyTheFirstRowsOfALargeDifference() {
        ResultRows expected = rows(1);
        ResultRows actual = rows(1, row(1), row(2), row(3));

        assertThat(actual.differenceFrom(expected).describe(2)).contains("(1)", "(2)", "... and 1 more")
                .doesNotContain("(3)");
    }

    @Test
    void shouldRefuseARowOfTheWrongWidth() {
        assertThatThrownBy(() -> rows(2, row(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @SafeVarargs
    private static ResultRows rows(int columns, List<Object>... rows) {
        return ResultRows.of(columns, List.of(rows));
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
