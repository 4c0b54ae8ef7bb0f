package dev.freshet.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorExpectationTest {
    @Test
    void shouldMatchAnyErrorWhenNothingIsGiven() {
        ErrorExpectation expectation = ErrorExpectation.parse("");

        assertThat(expectation.matches("42601", "syntax error")).isTrue();
        assertThat(expectation.matches(null, null)).isTrue();
        assertThat(expectation.describe()).isEqualTo("any error");
    }

    @Test
    void shouldRequireTheSqlStateWhenGiven() {
        ErrorExpectation expectation = ErrorExpectation.parse("(SQLSTATE 23505)");

        assertThat(expectation.matches("23505", "whatever")).isTrue();
        assertThat(expectation.matches("23502", "whatever")).isFalse();
        assertThat(expectation.matches(null, "whatever")).isFalse();
    }

    @Test
    void shouldMatchTheMessageAsCaseInsensitiveSubstring() {
        ErrorExpectation expectation = ErrorExpectation.parse("relation \"missing\" does not exist");

        assertThat(expectation.matches("42P01", "ERROR: Relation \"missing\" does not exist\n  Position: 15"))
                .isTrue();
        assertThat(expectation.matches("42P01", "ERROR: relation \"other\" does not exist")).isFalse();
    }

    @Test
    void shouldMatchTheMessageAsRegex() {
        ErrorExpectation expectation = ErrorExpectation.parse("(SQLSTATE 42703) column \"\\w+\" does not exist");

        assertThat(expectation.matches("42703", "ERROR: column \"nope\" does not exist")).isTrue();
    }

    @Test
    void shouldMatchTextThatIsNotAValidRegexLiterally() {
        ErrorExpectation expectation = ErrorExpectation.parse("division by zero (");

        assertThat(expectation.matches("22012", "ERROR: division by zero (x)")).isTrue();
        assertThat(expectation.matches("22012", "ERROR: overflow")).isFalse();
    }

    @Test
    void shouldRequireBothSqlStateAndMessageWhenBothAreGiven() {
        ErrorExpectation expectation = ErrorExpectation.parse("(sqlstate 42p07) already exists");

        assertThat(expectation.sqlState()).contains("42P07");
        assertThat(expectation.matches("42P07", "relation \"t\" already exists")).isTrue();
        assertThat(expectation.matches("42P07", "something else")).isFalse();
        assertThat(expectation.matches("42P01", "relation \"t\" already exists")).isFalse();
        assertThat(expectation.describe()).isEqualTo("(SQLSTATE 42P07) already exists");
    }
}
