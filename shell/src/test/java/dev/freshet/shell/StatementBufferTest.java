package dev.freshet.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementBufferTest {
    @Test
    void shouldEndStatementsAtSemicolonsOutsideQuotesAndComments() {
        StatementBuffer buffer = new StatementBuffer();
        assertThat(buffer.add("SELECT 'a;b', \"c;d\" -- e;f")).isEmpty();
        assertThat(buffer.isPending()).isTrue();
        assertThat(buffer.add("/* g; */ FROM t; SELECT $$h;$$; SELECT 'it''s;'")).containsExactly(
                "SELECT 'a;b', \"c;d\" -- e;f\n/* g; */ FROM t", "SELECT $$h;$$");
        assertThat(buffer.pending()).isEqualTo(" SELECT 'it''s;'");
        assertThat(buffer.add(";")).containsExactly("SELECT 'it''s;'");
        assertThat(buffer.isPending()).isFalse();
    }

    @Test
    void shouldSkipEmptyStatementsAndBlankRests() {
        StatementBuffer buffer = new StatementBuffer();
        assertThat(buffer.add(";;  SELECT 1;  ")).containsExactly("SELECT 1");
        assertThat(buffer.isPending()).isFalse();
    }
}
