package dev.freshet.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortModeTest {
    @Test
    void shouldKeepRowOrderAndCollapseWhitespaceInNosort() {
        assertThat(SortMode.NOSORT.canonical(List.of("2  b ", "1\ta")))
                .containsExactly("2 b", "1 a");
    }

    @Test
    void shouldSortRowsInRowsort() {
        assertThat(SortMode.ROWSORT.canonical(List.of("2 b", "1\ta", "10 c")))
                .containsExactly("1 a", "10 c", "2 b");
    }

    @Test
    void shouldSortEveryValueInValuesort() {
        assertThat(SortMode.VALUESORT.canonical(List.of("2 b", "1 a")))
                .containsExactly("1", "2", "a", "b");
    }

    @Test
    void shouldMakeExpectedAndActualEqualWhatEverTheSeparator() {
        List<String> expected = Arrays.asList("1\tNULL", "2   (empty)");
        List<String> actual = List.of(ValueRendering.renderRow(Arrays.asList("2", "")),
                ValueRendering.renderRow(Arrays.asList("1", null)));

        assertThat(SortMode.ROWSORT.canonical(actual)).isEqualTo(SortMode.ROWSORT.canonical(expected));
    }

    @Test
    void shouldNameModesByTheirKeyword() {
        assertThat(SortMode.forKeyword("rowsort")).isEqualTo(SortMode.ROWSORT);
        assertThat(SortMode.forKeyword("label")).isNull();
    }
}
