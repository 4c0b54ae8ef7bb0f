package dev.freshet.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ValueRenderingTest {
    @Test
    void shouldRenderNullAndEmptyStringDistinctly() {
        assertThat(ValueRendering.render(null)).isEqualTo("NULL");
        assertThat(ValueRendering.render("")).isEqualTo("(empty)");
    }

    @Test
    void shouldKeepPostgresTextAsIs() {
        assertThat(ValueRendering.render("t")).isEqualTo("t");
        assertThat(ValueRendering.render("2024-01-02 03:04:05")).isEqualTo("2024-01-02 03:04:05");
    }

    @Test
    void shouldEscapeLineBreaksSoARowStaysOnOneLine() {
        assertThat(ValueRendering.render("a\nb")).isEqualTo("a\\nb");
    }

    @Test
    void shouldJoinValuesWithOneSpace() {
        assertThat(ValueRendering.renderRow(Arrays.asList("1", null, "x"))).isEqualTo("1 NULL x");
    }
}
