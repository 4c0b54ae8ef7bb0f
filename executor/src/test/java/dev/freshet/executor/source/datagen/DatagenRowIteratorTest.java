package dev.freshet.executor.source.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** Worker {@code w} of {@code n} makes rows {@code w, w + n, …}: shares are disjoint and cover the source. */
class DatagenRowIteratorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final List<ColumnDescriptor> COLUMNS = List.of(
            new ColumnDescriptor("id", DataType.of(DataType.Kind.BIGINT), false, null),
            new ColumnDescriptor("x", DataType.of(DataType.Kind.INTEGER), true, null));

    @Test
    void shouldSplitRowsDisjointlyAndCoverThemAll() {
        DatagenGenerator generator = new DatagenGenerator(DatagenConfig.parse(COLUMNS,
                Map.of("fields.id.kind", "sequence", "fields.id.start", "1", "fields.id.end", "103")), CLOCK);

        List<Long> ids = new ArrayList<>();
        for (DatagenSplit split : DatagenSplit.of(4)) {
            DatagenRowIterator rows = new DatagenRowIterator(generator, split);
            while (rows.hasNext()) {
                ids.add((Long) rows.next()[0]);
            }
        }

        assertThat(ids).hasSize(103).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isBetween(1L, 103L));
    }

    @Test
    void shouldMakeTheSameRowsWhateverTheSplit() {
        DatagenGenerator generator = new DatagenGenerator(DatagenConfig.parse(COLUMNS, Map.of("number_of_rows", "10")),
                CLOCK);

        DatagenRowIterator whole = new DatagenRowIterator(generator, DatagenSplit.whole());
        List<Object[]> wholeRows = new ArrayList<>();
        whole.forEachRemaining(wholeRows::add);
        DatagenRowIterator second = new DatagenRowIterator(generator, new DatagenSplit(1, 3));

        assertThat(wholeRows).hasSize(10);
        for (long row = 1; row < 10; row += 3) {
            assertThat(second.nextRowNumber()).isEqualTo(row);
            assertThat(second.next()).containsExactly(wholeRows.get((int) row));
        }
        assertThat(second.hasNext()).isFalse();
    }

    @Test
    void shouldNotEndWithoutALimit() {
        DatagenGenerator generator = new DatagenGenerator(DatagenConfig.parse(COLUMNS, Map.of()), CLOCK);
        DatagenRowIterator rows = new DatagenRowIterator(generator, new DatagenSplit(2, 3));

        for (int i = 0; i < 1_000; i++) {
            rows.next();
        }

        assertThat(rows.hasNext()).isTrue();
        assertThat(rows.nextRowNumber()).isEqualTo(3_002L);
    }
}
