package dev.freshet.executor.source.nexmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Rows of one table, split among workers: each worker's share is in event-time order, the shares
 * are disjoint and together make exactly the table's events.
 */
class NexmarkRowIteratorTest {
    private final NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.defaults());

    @Test
    void shouldProduceEveryEventOfTheTableInOrderForOneWorker() {
        List<Object[]> expected = new ArrayList<>();
        for (long eventNumber = 0; eventNumber < 5_000; eventNumber++) {
            NexmarkEvent event = generator.next(eventNumber);
            if (event.table() == NexmarkTable.AUCTION) {
                expected.add(event.toRow());
            }
        }

        List<Object[]> rows = drain(new NexmarkRowIterator(generator, NexmarkTable.AUCTION, NexmarkSplit.whole(),
                0, 5_000));

        assertThat(rows).hasSize(300);
        assertThat(rows).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(expected);
    }

    @Test
    void shouldKeepOnlyEventsInTheHalfOpenRange() {
        NexmarkRowIterator people = new NexmarkRowIterator(generator, NexmarkTable.PERSON, NexmarkSplit.whole(),
                50, 151);

        assertThat(people.nextEventNumber()).isEqualTo(50);
        assertThat(drain(people)).extracting(row -> row[0]).containsExactly(1001L, 1002L, 1003L);
        assertThat(drain(new NexmarkRowIterator(generator, NexmarkTable.PERSON, NexmarkSplit.whole(), 51, 100)))
                .isEmpty();
        assertThat(drain(new NexmarkRowIterator(generator, NexmarkTable.BID, NexmarkSplit.whole(), 7, 7)))
                .isEmpty();
    }

    @Test
    void shouldSplitATableIntoDisjointSharesThatCoverIt() {
        for (NexmarkTable table : NexmarkTable.values()) {
            for (int workers : new int[] {1, 2, 3, 7, 64}) {
                Set<Long> seen = new HashSet<>();
                long total = 0;
                for (NexmarkSplit split : NexmarkSplit.of(workers)) {
                    NexmarkRowIterator rows = new NexmarkRowIterator(generator, table, split, 123, 10_123);
                    while (rows.hasNext()) {
                        long eventNumber = rows.nextEventNumber();
                        assertThat(generator.tableOf(eventNumber)).isEqualTo(table);
                        assertThat(seen.add(eventNumber)).as("event %d made twice", eventNumber).isTrue();
                        rows.next();
                        total++;
                    }
                }
                assertThat(total).as("%s rows over %d workers", table, workers)
                        .isEqualTo(countOf(table, 123, 10_123));
            }
        }
    }

    @Test
    void shouldGiveEachWorkerAnEvenShareInEventTimeOrder() {
        for (NexmarkSplit split : NexmarkSplit.of(4)) {
            List<Object[]> rows = drain(NexmarkRowIterator.forConfig(
                    new NexmarkGenerator(NexmarkConfig.defaults().withEvents(0, 100_000)), NexmarkTable.BID, split));

            assertThat(rows).hasSize(92_000 / 4);
            List<Long> times = new ArrayList<>();
            for (Object[] row : rows) {
                times.add((Long) row[5]);
            }
            assertThat(times).isSorted();
        }
    }

    @Test
    void shouldGiveEveryWorkerRowsEvenWithMoreWorkersThanACycleHoldsPeople() {
        for (NexmarkSplit split : NexmarkSplit.of(50)) {
            assertThat(new NexmarkRowIterator(generator, NexmarkTable.PERSON, split, 0, 5_000).hasNext()).isTrue();
        }
    }

    @Test
    void shouldProduceRowsOfTheTablesColumnTypes() {
        for (NexmarkTable table : NexmarkTable.values()) {
            Object[] row = new NexmarkRowIterator(generator, table, NexmarkSplit.whole(), 0, 50).next();

            assertThat(row).hasSize(table.columns().size());
            for (int i = 0; i < row.length; i++) {
                Class<?> expected = switch (table.columns().get(i).type().kind()) {
                    case BIGINT, TIMESTAMP -> Long.class;
                    default -> String.class;
                };
                assertThat(row[i]).as("%s.%s", table, table.columns().get(i).name()).isInstanceOf(expected);
            }
        }
    }

    @Test
    void shouldRefuseAReversedRange() {
        assertThatThrownBy(() -> new NexmarkRowIterator(generator, NexmarkTable.BID, NexmarkSplit.whole(), 10, 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[10, 9)");
    }

    private long countOf(NexmarkTable table, long from, long to) {
        long count = 0;
        for (long eventNumber = from; eventNumber < to; eventNumber++) {
            if (generator.tableOf(eventNumber) == table) {
                count++;
            }
        }
        return count;
    }

    private static List<Object[]> drain(NexmarkRowIterator rows) {
        List<Object[]> drained = new ArrayList<>();
        rows.forEachRemaining(drained::add);
        return drained;
    }
}
