package dev.freshet.executor.internal;

import static dev.freshet.executor.internal.OperatorHarness.batch;
import static dev.freshet.executor.internal.OperatorHarness.row;
import static dev.freshet.executor.internal.OperatorHarness.zset;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.freshet.planner.DataType;
import dev.freshet.planner.stream.SortKey;
import dev.freshet.planner.stream.StreamTopN;
import dev.freshet.planner.stream.StreamValues;

class TopNOperatorTest {
    private static final DataType INTEGER = DataType.of(DataType.Kind.INTEGER);
    private static final DataType VARCHAR = DataType.of(DataType.Kind.VARCHAR);
    private static final DataType BIGINT = DataType.of(DataType.Kind.BIGINT);
    private static final DataType BYTEA = DataType.of(DataType.Kind.BYTEA);
    private static final List<String> SCORE_NAMES = List.of("team", "score", "name");
    private static final List<DataType> SCORE_TYPES = List.of(INTEGER, INTEGER, VARCHAR);
    private static final long NO_LIMIT = Long.MAX_VALUE;

    @TempDir
    Path directory;

    @Test
    void shouldKeepHighestRowPerPartitionWhenLimitIsOne() {
        StreamTopN node = scores(List.of(0), List.of(descending(1)), 0, 1, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 10, "a"), 1, row(1, 20, "b"), 1, row(2, 5, "c"), 1))))
                    .isEqualTo(Map.of(values(1, 20, "b"), 1L, values(2, 5, "c"), 1L));
            assertThat(zset(harness.step(0, batch(row(1, 30, "d"), 1))))
                    .isEqualTo(Map.of(values(1, 20, "b"), -1L, values(1, 30, "d"), 1L));
        }
    }

    @Test
    void shouldEmitNothingWhenChangedRowStaysOutsideTop() {
        StreamTopN node = scores(List.of(0), List.of(descending(1)), 0, 1, false);
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(row(1, 10, "a"), 1, row(1, 20, "b"), 1));

            assertThat(harness.step(0, batch(row(1, 5, "c"), 1)).isEmpty()).isTrue();
            assertThat(harness.step(0, batch(row(1, 10, "a"), -1)).isEmpty()).isTrue();
        }
    }

    @Test
    void shouldRefillTopWhenTopRowsAreDeleted() {
        StreamTopN node = scores(List.of(0), List.of(ascending(1)), 0, 3, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), 1, row(1, 2, "b"), 1, row(1, 3, "c"), 1,
                    row(1, 4, "d"), 1, row(1, 5, "e"), 1))))
                    .isEqualTo(Map.of(values(1, 1, "a"), 1L, values(1, 2, "b"), 1L, values(1, 3, "c"), 1L));

            assertThat(zset(harness.step(0, batch(row(1, 2, "b"), -1))))
                    .isEqualTo(Map.of(values(1, 2, "b"), -1L, values(1, 4, "d"), 1L));
            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), -1, row(1, 3, "c"), -1))))
                    .isEqualTo(Map.of(values(1, 1, "a"), -1L, values(1, 3, "c"), -1L, values(1, 5, "e"), 1L));
        }
    }

    @Test
    void shouldRankNullsFirstWhenDescendingByDefault() {
        StreamTopN node = scores(List.of(), List.of(descending(1)), 0, 2, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 10, "a"), 1, row(1, null, "b"), 1, row(1, 5, "c"), 1))))
                    .isEqualTo(Map.of(values(1, null, "b"), 1L, values(1, 10, "a"), 1L));
        }
    }

    @Test
    void shouldRankNullsLastWhenDescendingNullsLast() {
        StreamTopN node = scores(List.of(), List.of(new SortKey(1, true, false)), 0, 2, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 10, "a"), 1, row(1, null, "b"), 1, row(1, 5, "c"), 1))))
                    .isEqualTo(Map.of(values(1, 10, "a"), 1L, values(1, 5, "c"), 1L));
            assertThat(zset(harness.step(0, batch(row(1, 10, "a"), -1))))
                    .isEqualTo(Map.of(values(1, 10, "a"), -1L, values(1, null, "b"), 1L));
        }
    }

    @Test
    void shouldRankNullsFirstWhenAscendingNullsFirst() {
        StreamTopN node = scores(List.of(), List.of(new SortKey(1, false, true)), 0, 2, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 10, "a"), 1, row(1, null, "b"), 1, row(1, 5, "c"), 1))))
                    .isEqualTo(Map.of(values(1, null, "b"), 1L, values(1, 5, "c"), 1L));
        }
    }

    @Test
    void shouldBreakTiesByRemainingColumnsAscending() {
        StreamTopN node = scores(List.of(), List.of(descending(1)), 0, 2, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(2, 7, "b"), 1, row(1, 7, "c"), 1, row(1, 7, "a"), 1,
                    row(1, 7, null), 1))))
                    .isEqualTo(Map.of(values(1, 7, "a"), 1L, values(1, 7, "c"), 1L));
        }
    }

    @Test
    void shouldRenumberRowsWhenRowIsInsertedAbove() {
        StreamTopN node = scores(List.of(0), List.of(ascending(1)), 0, 3, true);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 10, "a"), 1, row(1, 20, "b"), 1, row(1, 30, "c"), 1))))
                    .isEqualTo(Map.of(values(1, 10, "a", 1L), 1L, values(1, 20, "b", 2L), 1L,
                            values(1, 30, "c", 3L), 1L));

            assertThat(zset(harness.step(0, batch(row(1, 5, "d"), 1)))).isEqualTo(Map.of(
                    values(1, 5, "d", 1L), 1L,
                    values(1, 10, "a", 1L), -1L, values(1, 10, "a", 2L), 1L,
                    values(1, 20, "b", 2L), -1L, values(1, 20, "b", 3L), 1L,
                    values(1, 30, "c", 3L), -1L));
        }
    }

    @Test
    void shouldEmitNothingWhenRowNumbersAreUnchanged() {
        StreamTopN node = scores(List.of(0), List.of(ascending(1)), 0, 2, true);
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(row(1, 10, "a"), 1, row(1, 20, "b"), 1, row(1, 30, "c"), 1));

            assertThat(harness.step(0, batch(row(1, 40, "d"), 1, row(1, 30, "c"), -1)).isEmpty()).isTrue();
        }
    }

    @Test
    void shouldSkipOffsetRowsAndRefillFromBelow() {
        StreamTopN node = scores(List.of(0), List.of(ascending(1)), 1, 2, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), 1, row(1, 2, "b"), 1, row(1, 3, "c"), 1,
                    row(1, 4, "d"), 1))))
                    .isEqualTo(Map.of(values(1, 2, "b"), 1L, values(1, 3, "c"), 1L));

            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), -1))))
                    .isEqualTo(Map.of(values(1, 2, "b"), -1L, values(1, 4, "d"), 1L));
        }
    }

    @Test
    void shouldNumberRowsFromPartitionStartWhenOffsetIsSet() {
        StreamTopN node = scores(List.of(0), List.of(ascending(1)), 1, 2, true);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), 1, row(1, 2, "b"), 1, row(1, 3, "c"), 1,
                    row(1, 4, "d"), 1))))
                    .isEqualTo(Map.of(values(1, 2, "b", 2L), 1L, values(1, 3, "c", 3L), 1L));

            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), -1)))).isEqualTo(Map.of(
                    values(1, 2, "b", 2L), -1L,
                    values(1, 3, "c", 3L), -1L, values(1, 3, "c", 2L), 1L,
                    values(1, 4, "d", 3L), 1L));
        }
    }

    @Test
    void shouldKeepEveryRowAfterOffsetWhenLimitIsUnbounded() {
        StreamTopN node = scores(List.of(), List.of(ascending(1)), 1, NO_LIMIT, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), 1, row(1, 2, "b"), 1, row(1, 3, "c"), 1))))
                    .isEqualTo(Map.of(values(1, 2, "b"), 1L, values(1, 3, "c"), 1L));
            assertThat(zset(harness.step(0, batch(row(1, 0, "z"), 1))))
                    .isEqualTo(Map.of(values(1, 1, "a"), 1L));
            assertThat(zset(harness.step(0, batch(row(1, 3, "c"), -1, row(1, 4, "d"), 3))))
                    .isEqualTo(Map.of(values(1, 3, "c"), -1L, values(1, 4, "d"), 3L));
        }
    }

    @Test
    void shouldCountDuplicatesAsSeparatePositionsAcrossLimit() {
        StreamTopN node = scores(List.of(), List.of(ascending(1)), 0, 2, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), 1, row(1, 2, "b"), 2))))
                    .isEqualTo(Map.of(values(1, 1, "a"), 1L, values(1, 2, "b"), 1L));

            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), -1))))
                    .isEqualTo(Map.of(values(1, 1, "a"), -1L, values(1, 2, "b"), 1L));
            assertThat(zset(harness.step(0, batch(row(1, 0, "c"), 1))))
                    .isEqualTo(Map.of(values(1, 0, "c"), 1L, values(1, 2, "b"), -1L));
        }
    }

    @Test
    void shouldNumberEachCopyOfDuplicateRow() {
        StreamTopN node = scores(List.of(), List.of(ascending(1)), 0, 2, true);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), 1, row(1, 2, "b"), 2))))
                    .isEqualTo(Map.of(values(1, 1, "a", 1L), 1L, values(1, 2, "b", 2L), 1L));

            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), -1))))
                    .isEqualTo(Map.of(values(1, 1, "a", 1L), -1L, values(1, 2, "b", 1L), 1L));
        }
    }

    @Test
    void shouldRankAllRowsTogetherWhenPartitionIsGlobal() {
        StreamTopN node = scores(List.of(), List.of(descending(1)), 0, 2, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 10, "a"), 1, row(2, 30, "b"), 1, row(3, 20, "c"), 1))))
                    .isEqualTo(Map.of(values(2, 30, "b"), 1L, values(3, 20, "c"), 1L));
            assertThat(zset(harness.step(0, batch(row(2, 30, "b"), -1))))
                    .isEqualTo(Map.of(values(2, 30, "b"), -1L, values(1, 10, "a"), 1L));
        }
    }

    @Test
    void shouldCancelInsertAndDeleteOfSameRowWithinStep() {
        StreamTopN node = scores(List.of(0), List.of(ascending(1)), 0, 2, true);
        try (OperatorHarness harness = harness(node)) {
            assertThat(harness.step(0, batch(row(1, 1, "a"), 1, row(1, 1, "a"), -1)).isEmpty()).isTrue();
            assertThat(harness.stateRows(0)).isEmpty();
        }
    }

    @Test
    void shouldDropStateRowWhenItsLastCopyIsDeleted() {
        StreamTopN node = scores(List.of(0), List.of(ascending(1)), 0, 1, false);
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(row(1, 1, "a"), 2, row(2, 5, "b"), 1));
            assertThat(harness.stateRows(0)).containsExactly(values(1, 1, "a", 2L), values(2, 5, "b", 1L));

            harness.step(0, batch(row(1, 1, "a"), -1));
            assertThat(harness.stateRows(0)).containsExactly(values(1, 1, "a", 1L), values(2, 5, "b", 1L));
            harness.step(0, batch(row(1, 1, "a"), -1, row(2, 5, "b"), -1));
            assertThat(harness.stateRows(0)).isEmpty();
        }
    }

    @Test
    void shouldIgnoreDeletionOfRowItDoesNotHold() {
        StreamTopN node = scores(List.of(), List.of(ascending(1)), 0, 2, false);
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(row(1, 1, "a"), 1));

            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), -2, row(1, 0, "b"), -1)))).isEqualTo(
                    Map.of(values(1, 1, "a"), -1L));
            assertThat(harness.stateRows(0)).isEmpty();
            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), 1)))).isEqualTo(Map.of(values(1, 1, "a"), 1L));
        }
    }

    @Test
    void shouldEmitNothingButKeepRowsWhenLimitIsZero() {
        StreamTopN node = scores(List.of(), List.of(ascending(1)), 0, 0, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(harness.step(0, batch(row(1, 1, "a"), 1, row(1, 2, "b"), 1)).isEmpty()).isTrue();
            assertThat(harness.stateRows(0)).hasSize(2);
        }
    }

    @Test
    void shouldEmitNothingWhenStepHasNoInput() {
        StreamTopN node = scores(List.of(), List.of(ascending(1)), 0, 2, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(harness.step(0, new ChangeBatch()).isEmpty()).isTrue();
            harness.step(0, batch(row(1, 1, "a"), 1));
            assertThat(harness.step(0, new ChangeBatch()).isEmpty()).isTrue();
        }
    }

    @Test
    void shouldOrderBinaryValuesAsUnsignedBytes() {
        StreamTopN node = topN(List.of("id", "data"), List.of(INTEGER, BYTEA), List.of(),
                List.of(ascending(1)), 0, 1, false);
        ByteString low = new ByteString(new byte[] {0x01});
        ByteString high = new ByteString(new byte[] {(byte) 0x80});
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, high), 1, row(2, low), 1))))
                    .isEqualTo(Map.of(values(2, low), 1L));
            assertThat(zset(harness.step(0, batch(row(2, low), -1))))
                    .isEqualTo(Map.of(values(2, low), -1L, values(1, high), 1L));
        }
    }

    @Test
    void shouldEmitRowInFirstStoredFormWhenEqualDecimalJoinsIt() {
        StreamTopN node = topN(List.of("id", "amount"), List.of(INTEGER, DataType.decimal(10, 2)), List.of(),
                List.of(ascending(1)), 0, 2, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, new BigDecimal("1.0")), 1))))
                    .isEqualTo(Map.of(values(1, new BigDecimal("1.0")), 1L));
            assertThat(zset(harness.step(0, batch(row(1, new BigDecimal("1.00")), 1))))
                    .isEqualTo(Map.of(values(1, new BigDecimal("1.0")), 1L));
            assertThat(zset(harness.step(0, batch(row(1, new BigDecimal("1.00")), -2))))
                    .isEqualTo(Map.of(values(1, new BigDecimal("1.0")), -2L));
        }
    }

    @Test
    void shouldShiftHugeMultiplicityAcrossLimitWithoutExpandingIt() {
        long many = 1_000_000_000_000L;
        StreamTopN node = scores(List.of(), List.of(ascending(1)), 0, many, false);
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(row(1, 5, "a"), many, row(1, 9, "b"), 1))))
                    .isEqualTo(Map.of(values(1, 5, "a"), many));
            assertThat(zset(harness.step(0, batch(row(1, 1, "c"), 1))))
                    .isEqualTo(Map.of(values(1, 1, "c"), 1L, values(1, 5, "a"), -1L));
        }
    }

    @Test
    void shouldContinueFromCommittedStateAfterRestart() {
        StreamTopN node = scores(List.of(0), List.of(ascending(1)), 0, 2, true);
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(row(1, 1, "a"), 1, row(1, 2, "b"), 1, row(1, 3, "c"), 1));
            harness.commit();
            harness.step(0, batch(row(1, 0, "lost"), 1));
            harness.restart();

            assertThat(zset(harness.step(0, batch(row(1, 1, "a"), -1)))).isEqualTo(Map.of(
                    values(1, 1, "a", 1L), -1L,
                    values(1, 2, "b", 2L), -1L, values(1, 2, "b", 1L), 1L,
                    values(1, 3, "c", 2L), 1L));
        }
    }

    @Test
    void shouldLayOutStateByPartitionThenOrderThenRemainingColumns() {
        StreamTopN node = scores(List.of(0), List.of(descending(1)), 0, 1, false);
        assertThat(node.stateTables()).hasSize(1);
        assertThat(node.stateTables().get(0).describe()).isEqualTo("rows(key: team, score desc, name; values: count)");
    }

    @Test
    void shouldPlaceNullFlagBeforeColumnWhenNullOrderIsNotDefault() {
        StreamTopN node = scores(List.of(), List.of(new SortKey(1, false, true), new SortKey(2, true, false)),
                0, 1, false);
        assertThat(node.stateTables().get(0).describe()).isEqualTo(
                "rows(key: score_is_null desc, score, name_is_null, name desc, team; values: count)");
    }

    @Test
    void shouldMatchBruteForceTopUnderRandomChangesCommitsAndRestarts() throws IOException {
        for (int seed = 0; seed < 60; seed++) {
            runRandomized(seed);
        }
    }

    private void runRandomized(long seed) throws IOException {
        Random random = new Random(seed);
        List<String> names = List.of("p", "a", "b", "c");
        List<DataType> types = List.of(INTEGER, INTEGER, VARCHAR, INTEGER);
        List<Integer> partitionKeys = random.nextBoolean() ? List.of(0) : List.of();
        List<Integer> orderColumns = new ArrayList<>(List.of(1, 2, 3));
        Collections.shuffle(orderColumns, random);
        List<SortKey> order = new ArrayList<>();
        if (random.nextInt(5) == 0) {
            order.add(new SortKey(0, random.nextBoolean(), random.nextBoolean()));
        }
        for (int column : orderColumns.subList(0, 1 + random.nextInt(2))) {
            order.add(new SortKey(column, random.nextBoolean(), random.nextBoolean()));
        }
        long offset = random.nextInt(3);
        long[] limits = {0, 1, 2, 3, 5, NO_LIMIT};
        long limit = limits[random.nextInt(limits.length)];
        boolean rowNumber = random.nextBoolean();
        int[] cacheCapacities = {0, 2, 1024};
        StreamTopN node = topN(names, types, partitionKeys, order, offset, limit, rowNumber);
        String description = "seed " + seed + ": " + node.explain();

        Path seedDirectory = Files.createDirectories(directory.resolve("seed-" + seed));
        Map<List<Object>, Long> input = new HashMap<>();
        Map<List<Object>, Long> output = new HashMap<>();
        Map<List<Object>, Long> committedInput = new HashMap<>();
        Map<List<Object>, Long> committedOutput = new HashMap<>();
        try (OperatorHarness harness = new OperatorHarness(seedDirectory, node,
                context -> new TopNOperator(node, context), cacheCapacities[random.nextInt(cacheCapacities.length)])) {
            for (int step = 0; step < 80; step++) {
                ChangeBatch changes = new ChangeBatch();
                int changeCount = random.nextInt(6);
                for (int i = 0; i < changeCount; i++) {
                    if (input.isEmpty() || random.nextInt(10) < 6) {
                        List<Object> inserted = randomRow(random);
                        long weight = 1 + random.nextInt(2);
                        changes.add(inserted.toArray(), weight);
                        input.merge(inserted, weight, Long::sum);
                    }
                    else {
                        List<List<Object>> present = new ArrayList<>(input.keySet());
                        present.sort(Comparator.comparing(List::toString));
                        List<Object> deleted = present.get(random.nextInt(present.size()));
                        long weight = random.nextBoolean() ? 1 : input.get(deleted);
                        changes.add(deleted.toArray(), -weight);
                        input.merge(deleted, -weight, Long::sum);
                        input.values().removeIf(count -> count == 0);
                    }
                }

                ChangeBatch emitted = harness.step(0, changes);

                assertThat(zset(emitted)).as("%s, step %d emits each row once", description, step)
                        .hasSize(emitted.size());
                for (Map.Entry<List<Object>, Long> change : zset(emitted).entrySet()) {
                    output.merge(change.getKey(), change.getValue(), Long::sum);
                }
                output.values().removeIf(count -> count == 0);
                assertThat(output).as("%s, step %d", description, step)
                        .isEqualTo(expectedTop(input, partitionKeys, order, offset, limit, rowNumber, names.size()));

                int action = random.nextInt(10);
                if (action < 2) {
                    harness.commit();
                    committedInput = new HashMap<>(input);
                    committedOutput = new HashMap<>(output);
                }
                else if (action == 2) {
                    harness.restart();
                    input = new HashMap<>(committedInput);
                    output = new HashMap<>(committedOutput);
                }
            }
        }
    }

    /** The top of every partition, recomputed from scratch: what the accumulated output must be. */
    private static Map<List<Object>, Long> expectedTop(Map<List<Object>, Long> input, List<Integer> partitionKeys,
            List<SortKey> order, long offset, long limit, boolean rowNumber, int width) {
        Map<List<Object>, List<List<Object>>> partitions = new HashMap<>();
        for (List<Object> row : input.keySet()) {
            List<Object> partition = new ArrayList<>();
            for (int column : partitionKeys) {
                partition.add(row.get(column));
            }
            partitions.computeIfAbsent(partition, key -> new ArrayList<>()).add(row);
        }
        long end = limit > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + limit;
        Map<List<Object>, Long> top = new HashMap<>();
        for (List<List<Object>> rows : partitions.values()) {
            rows.sort(ranking(order, width));
            long position = 0;
            for (List<Object> row : rows) {
                for (long copy = 0; copy < input.get(row); copy++, position++) {
                    if (position < offset || position >= end) {
                        continue;
                    }
                    if (rowNumber) {
                        List<Object> numbered = new ArrayList<>(row);
                        numbered.add(position + 1);
                        top.put(numbered, 1L);
                    }
                    else {
                        top.merge(row, 1L, Long::sum);
                    }
                }
            }
        }
        return top;
    }

    /** The ORDER BY keys, then every column ascending with NULLs last. */
    private static Comparator<List<Object>> ranking(List<SortKey> order, int width) {
        Comparator<List<Object>> ranking = (left, right) -> 0;
        for (SortKey key : order) {
            ranking = ranking.thenComparing(row -> row.get(key.column()),
                    valueOrder(key.descending(), key.nullsFirst()));
        }
        for (int column = 0; column < width; column++) {
            int index = column;
            ranking = ranking.thenComparing(row -> row.get(index), valueOrder(false, false));
        }
        return ranking;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object> valueOrder(boolean descending, boolean nullsFirst) {
        Comparator<Object> natural = (left, right) -> ((Comparable) left).compareTo(right);
        if (descending) {
            natural = natural.reversed();
        }
        return nullsFirst ? Comparator.nullsFirst(natural) : Comparator.nullsLast(natural);
    }

    /** A row (p, a, b, c) from small domains with NULLs, so that ties and duplicates are common. */
    private static List<Object> randomRow(Random random) {
        return values(nullable(random, random.nextInt(3)), nullable(random, random.nextInt(4)),
                nullable(random, "xyz".substring(random.nextInt(3))), random.nextInt(2));
    }

    private static Object nullable(Random random, Object value) {
        return random.nextInt(5) == 0 ? null : value;
    }

    private OperatorHarness harness(StreamTopN node) {
        return new OperatorHarness(directory, node, context -> new TopNOperator(node, context));
    }

    private static StreamTopN scores(List<Integer> partitionKeys, List<SortKey> order, long offset, long limit,
            boolean rowNumber) {
        return topN(SCORE_NAMES, SCORE_TYPES, partitionKeys, order, offset, limit, rowNumber);
    }

    private static StreamTopN topN(List<String> names, List<DataType> types, List<Integer> partitionKeys,
            List<SortKey> order, long offset, long limit, boolean rowNumber) {
        List<String> outputNames = new ArrayList<>(names);
        List<DataType> outputTypes = new ArrayList<>(types);
        if (rowNumber) {
            outputNames.add("row_number");
            outputTypes.add(BIGINT);
        }
        return new StreamTopN(new StreamValues(List.of(), names, types), partitionKeys, order, offset, limit,
                rowNumber, outputNames, outputTypes, List.of());
    }

    private static SortKey ascending(int column) {
        return new SortKey(column, false, false);
    }

    private static SortKey descending(int column) {
        return new SortKey(column, true, true);
    }

    private static List<Object> values(Object... values) {
        return Arrays.asList(values);
    }
}
