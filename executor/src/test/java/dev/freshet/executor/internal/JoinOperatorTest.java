package dev.freshet.executor.internal;

import static dev.freshet.executor.internal.OperatorHarness.batch;
import static dev.freshet.executor.internal.OperatorHarness.row;
import static dev.freshet.executor.internal.OperatorHarness.zset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.freshet.planner.DataType;
import dev.freshet.planner.stream.CompiledExpressions;
import dev.freshet.planner.stream.JoinKind;
import dev.freshet.planner.stream.StateTableLayout;
import dev.freshet.planner.stream.StreamJoin;
import dev.freshet.planner.stream.StreamNode;
import dev.freshet.planner.stream.StreamValues;

class JoinOperatorTest {
    private static final DataType INTEGER = DataType.of(DataType.Kind.INTEGER);
    private static final DataType DECIMAL = DataType.decimal(10, 2);
    private static final DataType BYTEA = DataType.of(DataType.Kind.BYTEA);

    /** {@code l.v < r.w} over a left row (k, v) and a right row (k, w): NULL when either is NULL. */
    private static final CompiledExpressions LESS_THAN = new CompiledExpressions("l.v < r.w", 1,
            () -> row -> new Object[] {lessThan(row[1], row[3])});

    @TempDir
    Path directory;

    @Test
    void shouldKeyStateTablesByJoinKeyThenRemainingColumns() {
        StreamNode left = input(List.of("a", "k", "v"), INTEGER, INTEGER, INTEGER);
        StreamNode right = input(List.of("k", "w"), INTEGER, INTEGER);
        StreamJoin join = join(JoinKind.LEFT, left, right, List.of(1), List.of(0), null);

        List<StateTableLayout> tables = join.stateTables();

        assertThat(tables).hasSize(2);
        assertThat(tables.get(0).keyColumns()).containsExactly(1, 0, 2);
        assertThat(tables.get(0).describe()).isEqualTo("left(key: k, a, v; values: _count, _degree)");
        assertThat(tables.get(1).keyColumns()).containsExactly(0, 1);
        assertThat(tables.get(1).describe()).isEqualTo("right(key: k, w; values: _count)");
    }

    @Test
    void shouldKeyEachJoinColumnOnceWhenItIsPairedTwice() {
        StreamNode left = input(List.of("k", "v"), INTEGER, INTEGER);
        StreamNode right = input(List.of("a", "b"), INTEGER, INTEGER);

        StreamJoin join = join(JoinKind.INNER, left, right, List.of(0, 0), List.of(0, 1), null);

        assertThat(join.stateTables().get(0).keyColumns()).containsExactly(0, 1);
        assertThat(join.stateTables().get(1).keyColumns()).containsExactly(0, 1);
    }

    @Test
    void shouldTrackDegreeOnPreservedSidesAndOnTheLeftOfSemiAndAnti() {
        Map<JoinKind, List<Boolean>> degrees = new LinkedHashMap<>();
        for (JoinKind kind : JoinKind.values()) {
            StreamJoin join = join(kind, null);
            degrees.put(kind, List.of(join.tracksDegree(0), join.tracksDegree(1)));
            assertThat(join.stateTables().get(0).columnNames()).hasSize(join.tracksDegree(0) ? 4 : 3);
            assertThat(join.stateTables().get(1).columnNames()).hasSize(join.tracksDegree(1) ? 4 : 3);
        }

        assertThat(degrees).containsExactly(
                Map.entry(JoinKind.INNER, List.of(false, false)),
                Map.entry(JoinKind.LEFT, List.of(true, false)),
                Map.entry(JoinKind.RIGHT, List.of(false, true)),
                Map.entry(JoinKind.FULL, List.of(true, true)),
                Map.entry(JoinKind.SEMI, List.of(true, false)),
                Map.entry(JoinKind.ANTI, List.of(true, false)));
    }

    @Test
    void shouldRejectJoinKeysOfDifferentTypeKinds() {
        StreamNode left = input(List.of("k"), INTEGER);
        StreamNode right = input(List.of("k"), DataType.of(DataType.Kind.BIGINT));

        assertThatThrownBy(() -> join(JoinKind.INNER, left, right, List.of(0), List.of(0), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cast both to one type");
    }

    @Test
    void shouldEmitPairWhenInnerJoinPartnerArrives() {
        try (OperatorHarness harness = harness(join(JoinKind.INNER, null))) {
            assertThat(zset(harness.step(0, batch(row(1, 10), 1)))).isEmpty();

            assertThat(zset(harness.step(1, batch(row(1, 20), 1, row(2, 30), 1))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 20), 1L));
            assertThat(zset(harness.step(0, batch(row(2, 11), 1))))
                    .containsExactly(Map.entry(List.of(2, 11, 2, 30), 1L));
        }
    }

    @Test
    void shouldRetractPairsWhenInnerJoinRowIsDeleted() {
        try (OperatorHarness harness = harness(join(JoinKind.INNER, null))) {
            harness.step(0, batch(row(1, 10), 1, row(1, 11), 1));
            harness.step(1, batch(row(1, 20), 1));

            assertThat(zset(harness.step(1, batch(row(1, 20), -1))))
                    .containsOnly(Map.entry(List.of(1, 10, 1, 20), -1L), Map.entry(List.of(1, 11, 1, 20), -1L));
            assertThat(harness.stateRows(1)).isEmpty();
        }
    }

    @Test
    void shouldMultiplyWeightsOfDuplicateRows() {
        try (OperatorHarness harness = harness(join(JoinKind.INNER, null))) {
            harness.step(0, batch(row(1, 10), 2));

            assertThat(zset(harness.step(1, batch(row(1, 20), 3))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 20), 6L));
            assertThat(zset(harness.step(0, batch(row(1, 10), -1))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 20), -3L));
            assertThat(harness.stateRows(0)).containsExactly(List.of(1, 10, 1L));
        }
    }

    @Test
    void shouldNotMatchOrStoreNullKeysInInnerJoin() {
        try (OperatorHarness harness = harness(join(JoinKind.INNER, null))) {
            assertThat(zset(harness.step(0, batch(row(null, 10), 1)))).isEmpty();
            assertThat(zset(harness.step(1, batch(row(null, 20), 1)))).isEmpty();

            assertThat(harness.stateRows(0)).isEmpty();
            assertThat(harness.stateRows(1)).isEmpty();
        }
    }

    @Test
    void shouldPadLeftRowUntilItsFirstPartnerArrivesInLeftJoin() {
        try (OperatorHarness harness = harness(join(JoinKind.LEFT, null))) {
            assertThat(zset(harness.step(0, batch(row(1, 10), 1))))
                    .containsExactly(Map.entry(Arrays.asList(1, 10, null, null), 1L));

            assertThat(zset(harness.step(1, batch(row(1, 20), 2))))
                    .containsOnly(Map.entry(Arrays.asList(1, 10, null, null), -1L),
                            Map.entry(List.of(1, 10, 1, 20), 2L));
            assertThat(zset(harness.step(1, batch(row(1, 21), 1))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 21), 1L));
        }
    }

    @Test
    void shouldPadLeftRowAgainWhenItsPartnersAreDeletedToZero() {
        try (OperatorHarness harness = harness(join(JoinKind.LEFT, null))) {
            harness.step(0, batch(row(1, 10), 2));
            harness.step(1, batch(row(1, 20), 2, row(1, 21), 1));

            assertThat(zset(harness.step(1, batch(row(1, 20), -1))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 20), -2L));
            assertThat(zset(harness.step(1, batch(row(1, 20), -1))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 20), -2L));
            assertThat(zset(harness.step(1, batch(row(1, 21), -1))))
                    .containsOnly(Map.entry(List.of(1, 10, 1, 21), -2L),
                            Map.entry(Arrays.asList(1, 10, null, null), 2L));
            assertThat(harness.stateRows(0)).containsExactly(List.of(1, 10, 2L, 0L));
        }
    }

    @Test
    void shouldRetractPaddedRowWhenUnmatchedLeftRowIsDeleted() {
        try (OperatorHarness harness = harness(join(JoinKind.LEFT, null))) {
            harness.step(0, batch(row(1, 10), 1));

            assertThat(zset(harness.step(0, batch(row(1, 10), -1))))
                    .containsExactly(Map.entry(Arrays.asList(1, 10, null, null), -1L));
            assertThat(harness.stateRows(0)).isEmpty();
        }
    }

    @Test
    void shouldPadNullKeyLeftRowsWithoutStoringThemInLeftJoin() {
        try (OperatorHarness harness = harness(join(JoinKind.LEFT, null))) {
            assertThat(zset(harness.step(0, batch(row(null, 10), 2))))
                    .containsExactly(Map.entry(Arrays.asList(null, 10, null, null), 2L));
            assertThat(zset(harness.step(1, batch(row(null, 20), 1)))).isEmpty();
            assertThat(harness.stateRows(0)).isEmpty();

            assertThat(zset(harness.step(0, batch(row(null, 10), -1))))
                    .containsExactly(Map.entry(Arrays.asList(null, 10, null, null), -1L));
        }
    }

    @Test
    void shouldPadRightRowUntilItsFirstPartnerArrivesInRightJoin() {
        try (OperatorHarness harness = harness(join(JoinKind.RIGHT, null))) {
            assertThat(zset(harness.step(0, batch(row(1, 10), 1)))).isEmpty();
            assertThat(zset(harness.step(1, batch(row(1, 20), 1, row(2, 30), 1, row(null, 40), 1))))
                    .containsOnly(Map.entry(List.of(1, 10, 1, 20), 1L),
                            Map.entry(Arrays.asList(null, null, 2, 30), 1L),
                            Map.entry(Arrays.asList(null, null, null, 40), 1L));

            assertThat(zset(harness.step(0, batch(row(2, 11), 1, row(1, 10), -1))))
                    .containsOnly(Map.entry(List.of(2, 11, 2, 30), 1L),
                            Map.entry(Arrays.asList(null, null, 2, 30), -1L),
                            Map.entry(List.of(1, 10, 1, 20), -1L),
                            Map.entry(Arrays.asList(null, null, 1, 20), 1L));
        }
    }

    @Test
    void shouldPadRowsOfBothSidesInFullJoin() {
        try (OperatorHarness harness = harness(join(JoinKind.FULL, null))) {
            assertThat(zset(harness.step(batch(row(1, 10), 1, row(null, 11), 1), batch(row(2, 20), 1))))
                    .containsOnly(Map.entry(Arrays.asList(1, 10, null, null), 1L),
                            Map.entry(Arrays.asList(null, 11, null, null), 1L),
                            Map.entry(Arrays.asList(null, null, 2, 20), 1L));

            assertThat(zset(harness.step(1, batch(row(1, 21), 1))))
                    .containsOnly(Map.entry(List.of(1, 10, 1, 21), 1L),
                            Map.entry(Arrays.asList(1, 10, null, null), -1L));
            assertThat(zset(harness.step(0, batch(row(1, 10), -1))))
                    .containsOnly(Map.entry(List.of(1, 10, 1, 21), -1L),
                            Map.entry(Arrays.asList(null, null, 1, 21), 1L));
        }
    }

    @Test
    void shouldJoinChangesOfBothSidesArrivingInOneStepOnce() {
        try (OperatorHarness harness = harness(join(JoinKind.FULL, null))) {
            assertThat(zset(harness.step(batch(row(1, 10), 1), batch(row(1, 20), 1))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 20), 1L));

            assertThat(zset(harness.step(batch(row(1, 10), -1), batch(row(1, 20), -1))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 20), -1L));
            assertThat(harness.stateRows(0)).isEmpty();
            assertThat(harness.stateRows(1)).isEmpty();
        }
    }

    @Test
    void shouldEmitNothingWhenThePartnerIsDeletedAndInsertedAgainInOneBatch() {
        try (OperatorHarness harness = harness(join(JoinKind.LEFT, null))) {
            harness.step(0, batch(row(1, 10), 1));
            harness.step(1, batch(row(1, 20), 1));

            ChangeBatch output = harness.step(1, batch(row(1, 20), -1, row(1, 20), 1));

            assertThat(output.isEmpty()).isTrue();
        }
    }

    @Test
    void shouldHandleDeleteAheadOfItsInsertInOneBatch() {
        try (OperatorHarness harness = harness(join(JoinKind.LEFT, null))) {
            harness.step(1, batch(row(1, 20), 1));

            assertThat(zset(harness.step(0, batch(row(1, 10), -1, row(1, 10), 1, row(2, 11), -1, row(2, 11), 1))))
                    .isEmpty();
            assertThat(harness.stateRows(0)).isEmpty();
            assertThat(zset(harness.step(0, batch(row(1, 10), -1, row(1, 10), 2))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 20), 1L));
        }
    }

    @Test
    void shouldMatchPairsOnlyWhenResidualHolds() {
        try (OperatorHarness harness = harness(join(JoinKind.INNER, LESS_THAN))) {
            harness.step(0, batch(row(1, 10), 1, row(1, 30), 1, row(1, null), 1));

            assertThat(zset(harness.step(1, batch(row(1, 20), 1))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 20), 1L));
            assertThat(zset(harness.step(0, batch(row(1, 5), 1))))
                    .containsExactly(Map.entry(List.of(1, 5, 1, 20), 1L));
        }
    }

    @Test
    void shouldPadLeftRowWhosePartnersAllFailResidual() {
        try (OperatorHarness harness = harness(join(JoinKind.LEFT, LESS_THAN))) {
            harness.step(0, batch(row(1, 30), 1));

            assertThat(zset(harness.step(1, batch(row(1, 20), 1)))).isEmpty();
            assertThat(zset(harness.step(1, batch(row(1, 40), 1))))
                    .containsOnly(Map.entry(List.of(1, 30, 1, 40), 1L),
                            Map.entry(Arrays.asList(1, 30, null, null), -1L));
            assertThat(zset(harness.step(1, batch(row(1, 20), -1)))).isEmpty();
            assertThat(harness.stateRows(0)).containsExactly(List.of(1, 30, 1L, 1L));
        }
    }

    @Test
    void shouldTreatResidualErrorAsNoMatch() {
        CompiledExpressions failing = new CompiledExpressions("10 / (r.w - l.v) > 0", 1, () -> row -> {
            int divisor = (Integer) row[3] - (Integer) row[1];
            return new Object[] {10 / divisor > 0};
        });
        try (OperatorHarness harness = harness(join(JoinKind.LEFT, failing))) {
            harness.step(0, batch(row(1, 20), 1, row(1, 10), 1));

            assertThat(zset(harness.step(1, batch(row(1, 20), 1))))
                    .containsOnly(Map.entry(List.of(1, 10, 1, 20), 1L),
                            Map.entry(Arrays.asList(1, 10, null, null), -1L));
            assertThat(harness.stateRows(0)).containsExactly(List.of(1, 10, 1L, 1L), List.of(1, 20, 1L, 0L));
        }
    }

    @Test
    void shouldEmitLeftRowWithItsMultiplicityWhenFirstPartnerArrivesInSemiJoin() {
        try (OperatorHarness harness = harness(join(JoinKind.SEMI, null))) {
            assertThat(zset(harness.step(0, batch(row(1, 10), 2, row(null, 11), 1)))).isEmpty();

            assertThat(zset(harness.step(1, batch(row(1, 20), 1, row(null, 21), 1))))
                    .containsExactly(Map.entry(List.of(1, 10), 2L));
            assertThat(zset(harness.step(1, batch(row(1, 22), 3)))).isEmpty();
            assertThat(zset(harness.step(0, batch(row(1, 10), 1))))
                    .containsExactly(Map.entry(List.of(1, 10), 1L));
        }
    }

    @Test
    void shouldRetractLeftRowWhenLastPartnerIsDeletedInSemiJoin() {
        try (OperatorHarness harness = harness(join(JoinKind.SEMI, null))) {
            harness.step(0, batch(row(1, 10), 2));
            harness.step(1, batch(row(1, 20), 2, row(1, 21), 1));

            assertThat(zset(harness.step(1, batch(row(1, 20), -2)))).isEmpty();
            assertThat(zset(harness.step(1, batch(row(1, 21), -1))))
                    .containsExactly(Map.entry(List.of(1, 10), -2L));
            assertThat(harness.stateRows(1)).isEmpty();
        }
    }

    @Test
    void shouldApplySemiJoinResidualOverLeftThenRightColumns() {
        try (OperatorHarness harness = harness(join(JoinKind.SEMI, LESS_THAN))) {
            harness.step(0, batch(row(1, 10), 1, row(1, 30), 1));

            assertThat(zset(harness.step(1, batch(row(1, 20), 1))))
                    .containsExactly(Map.entry(List.of(1, 10), 1L));
            assertThat(zset(harness.step(1, batch(row(1, 20), -1, row(1, 40), 1))))
                    .containsExactly(Map.entry(List.of(1, 30), 1L));
        }
    }

    @Test
    void shouldEmitLeftRowsWithoutPartnerInAntiJoin() {
        try (OperatorHarness harness = harness(join(JoinKind.ANTI, null))) {
            assertThat(zset(harness.step(0, batch(row(1, 10), 2, row(null, 11), 1))))
                    .containsOnly(Map.entry(List.of(1, 10), 2L), Map.entry(Arrays.asList(null, 11), 1L));
            assertThat(zset(harness.step(1, batch(row(null, 21), 1)))).isEmpty();

            assertThat(zset(harness.step(1, batch(row(1, 20), 1))))
                    .containsExactly(Map.entry(List.of(1, 10), -2L));
            assertThat(zset(harness.step(1, batch(row(1, 21), 1)))).isEmpty();
            assertThat(zset(harness.step(1, batch(row(1, 20), -1, row(1, 21), -1))))
                    .containsExactly(Map.entry(List.of(1, 10), 2L));
            assertThat(zset(harness.step(0, batch(row(null, 11), -1))))
                    .containsExactly(Map.entry(Arrays.asList(null, 11), -1L));
        }
    }

    @Test
    void shouldNotEmitNewLeftRowThatHasPartnersInAntiJoin() {
        try (OperatorHarness harness = harness(join(JoinKind.ANTI, null))) {
            harness.step(1, batch(row(1, 20), 1));

            assertThat(zset(harness.step(0, batch(row(1, 10), 1, row(2, 11), 1))))
                    .containsExactly(Map.entry(List.of(2, 11), 1L));
            assertThat(zset(harness.step(0, batch(row(1, 10), -1)))).isEmpty();
        }
    }

    @Test
    void shouldResumeFromCommittedStateAfterRestart() {
        try (OperatorHarness harness = harness(join(JoinKind.LEFT, null))) {
            harness.step(0, batch(row(1, 10), 1));
            harness.commit();
            harness.step(0, batch(row(2, 11), 1));
            harness.restart();

            assertThat(zset(harness.step(1, batch(row(1, 20), 1, row(2, 21), 1))))
                    .containsOnly(Map.entry(List.of(1, 10, 1, 20), 1L),
                            Map.entry(Arrays.asList(1, 10, null, null), -1L));
            harness.commit();
            harness.restart();
            assertThat(zset(harness.step(1, batch(row(1, 20), -1))))
                    .containsOnly(Map.entry(List.of(1, 10, 1, 20), -1L),
                            Map.entry(Arrays.asList(1, 10, null, null), 1L));
        }
    }

    @Test
    void shouldRetractWithStoredValuesWhenRowsDifferOnlyInDecimalScale() {
        StreamNode left = input(List.of("k", "v"), INTEGER, DECIMAL);
        StreamNode right = input(List.of("k", "w"), INTEGER, INTEGER);
        StreamJoin join = join(JoinKind.LEFT, left, right, List.of(0), List.of(0), null);
        try (OperatorHarness harness = harness(join)) {
            Map<List<Object>, Long> total = new HashMap<>();
            accumulate(total, harness.step(0, batch(row(1, new BigDecimal("1.0")), 1)));
            accumulate(total, harness.step(0, batch(row(1, new BigDecimal("1.00")), 1)));
            assertThat(harness.stateRows(0)).containsExactly(List.of(1, new BigDecimal("1.0"), 2L, 0L));

            accumulate(total, harness.step(1, batch(row(1, 20), 1)));
            assertThat(total).containsExactly(Map.entry(List.of(1, new BigDecimal("1.0"), 1, 20), 2L));

            accumulate(total, harness.step(0, batch(row(1, new BigDecimal("1.00")), -1)));
            accumulate(total, harness.step(1, batch(row(1, 20), -1)));
            assertThat(total).containsExactly(Map.entry(Arrays.asList(1, new BigDecimal("1.0"), null, null), 1L));

            accumulate(total, harness.step(0, batch(row(1, new BigDecimal("1.0")), -1)));
            assertThat(total).isEmpty();
            assertThat(harness.stateRows(0)).isEmpty();
        }
    }

    @Test
    void shouldMatchDecimalKeysEqualInValueButNotInScale() {
        StreamNode left = input(List.of("k", "v"), DECIMAL, INTEGER);
        StreamNode right = input(List.of("k", "w"), DECIMAL, INTEGER);
        StreamJoin join = join(JoinKind.INNER, left, right, List.of(0), List.of(0), null);
        try (OperatorHarness harness = harness(join)) {
            harness.step(0, batch(row(new BigDecimal("1.0"), 10), 1));

            assertThat(zset(harness.step(1, batch(row(new BigDecimal("1.00"), 20), 1))))
                    .containsExactly(Map.entry(List.of(new BigDecimal("1.0"), 10, new BigDecimal("1.00"), 20), 1L));
        }
    }

    @Test
    void shouldJoinOnByteaKeys() {
        StreamNode left = input(List.of("k", "v"), BYTEA, INTEGER);
        StreamNode right = input(List.of("k", "w"), BYTEA, INTEGER);
        StreamJoin join = join(JoinKind.FULL, left, right, List.of(0), List.of(0), null);
        ByteString key = new ByteString(new byte[] {1, 2});
        try (OperatorHarness harness = harness(join)) {
            harness.step(0, batch(row(key, 10), 1));

            assertThat(zset(harness.step(1, batch(row(new ByteString(new byte[] {1, 2}), 20), 1))))
                    .containsOnly(Map.entry(List.of(key, 10, key, 20), 1L),
                            Map.entry(Arrays.asList(key, 10, null, null), -1L));
        }
    }

    @Test
    void shouldJoinEveryPairThatPassesResidualWhenThereAreNoKeys() {
        StreamNode left = input(List.of("k", "v"), INTEGER, INTEGER);
        StreamNode right = input(List.of("k", "w"), INTEGER, INTEGER);
        StreamJoin join = join(JoinKind.INNER, left, right, List.of(), List.of(), LESS_THAN);
        try (OperatorHarness harness = harness(join)) {
            harness.step(0, batch(row(1, 10), 1, row(null, 30), 1));

            assertThat(zset(harness.step(1, batch(row(2, 20), 1, row(null, 40), 1))))
                    .containsOnly(Map.entry(List.of(1, 10, 2, 20), 1L),
                            Map.entry(Arrays.asList(1, 10, null, 40), 1L),
                            Map.entry(Arrays.asList(null, 30, null, 40), 1L));
        }
    }

    @Test
    void shouldMatchOnlyEqualValuesWhenOneColumnIsPairedWithTwo() {
        StreamNode left = input(List.of("k", "v"), INTEGER, INTEGER);
        StreamNode right = input(List.of("a", "b"), INTEGER, INTEGER);
        StreamJoin join = join(JoinKind.INNER, left, right, List.of(0, 0), List.of(0, 1), null);
        try (OperatorHarness harness = harness(join)) {
            harness.step(1, batch(row(1, 1), 1, row(1, 2), 1));

            assertThat(zset(harness.step(0, batch(row(1, 10), 1, row(2, 11), 1))))
                    .containsExactly(Map.entry(List.of(1, 10, 1, 1), 1L));
            assertThat(zset(harness.step(1, batch(row(2, 2), 1, row(2, 1), 1))))
                    .containsExactly(Map.entry(List.of(2, 11, 2, 2), 1L));
        }
    }

    @ParameterizedTest
    @MethodSource("kindsWithAndWithoutResidual")
    void shouldMatchNestedLoopRecomputationUnderRandomChanges(JoinKind kind, boolean withResidual) {
        for (long seed = 1; seed <= 8; seed++) {
            runRandomized(kind, withResidual, seed);
        }
    }

    static Stream<Arguments> kindsWithAndWithoutResidual() {
        List<Arguments> arguments = new ArrayList<>();
        for (JoinKind kind : JoinKind.values()) {
            arguments.add(Arguments.of(kind, false));
            arguments.add(Arguments.of(kind, true));
        }
        return arguments.stream();
    }

    /**
     * Random inserts and deletes on both sides, alone or in one step, with weights, NULL keys and
     * deletes ahead of their inserts within a batch; commits and restarts at random. After every
     * step the accumulated output must equal a nested-loop join of the accumulated inputs, and
     * the state must hold each stored row's count and degree. Left rows are (k, v), right rows
     * (w, k), so the key sits at different positions on the two sides.
     */
    private void runRandomized(JoinKind kind, boolean withResidual, long seed) {
        Random random = new Random(seed * 31 + kind.ordinal() * 2 + (withResidual ? 1 : 0));
        StreamNode left = input(List.of("k", "v"), INTEGER, INTEGER);
        StreamNode right = input(List.of("w", "k"), INTEGER, INTEGER);
        CompiledExpressions residual = null;
        if (withResidual) {
            residual = new CompiledExpressions("l.v < r.w, failing for 2 and 0", 1,
                    () -> row -> new Object[] {randomizedResidual(row)});
        }
        StreamJoin join = join(kind, left, right, List.of(0), List.of(1), residual);
        Map<List<Object>, Long> leftRows = new HashMap<>();
        Map<List<Object>, Long> rightRows = new HashMap<>();
        Map<List<Object>, Long> output = new HashMap<>();
        Map<List<Object>, Long> committedLeft = new HashMap<>();
        Map<List<Object>, Long> committedRight = new HashMap<>();
        Map<List<Object>, Long> committedOutput = new HashMap<>();
        String context = kind + (withResidual ? " with residual" : "") + ", seed " + seed;
        try (OperatorHarness harness = new OperatorHarness(directory.resolve(context.replace(' ', '_')), join,
                operatorContext -> new JoinOperator(join, operatorContext), 4)) {
            for (int step = 0; step < 60; step++) {
                ChangeBatch leftChanges = null;
                ChangeBatch rightChanges = null;
                int shape = random.nextInt(4);
                if (shape == 0 || shape == 2) {
                    leftChanges = randomChanges(random, leftRows, true);
                }
                if (shape == 1 || shape == 2) {
                    rightChanges = randomChanges(random, rightRows, false);
                }
                accumulate(output, harness.step(leftChanges, rightChanges));
                assertThat(output).as("%s, step %d", context, step)
                        .isEqualTo(nestedLoopJoin(kind, withResidual, leftRows, rightRows));
                assertStoredCountsAndDegrees(harness, join, withResidual, leftRows, rightRows, context, step);

                int action = random.nextInt(10);
                if (action < 3) {
                    harness.commit();
                    copyInto(leftRows, committedLeft);
                    copyInto(rightRows, committedRight);
                    copyInto(output, committedOutput);
                }
                else if (action < 5) {
                    harness.restart();
                    copyInto(committedLeft, leftRows);
                    copyInto(committedRight, rightRows);
                    copyInto(committedOutput, output);
                }
            }
        }
    }

    /**
     * One to four changes applied to {@code rows}, leaving no count negative, in shuffled order
     * (so a delete may come ahead of the insert it cancels).
     */
    private static ChangeBatch randomChanges(Random random, Map<List<Object>, Long> rows, boolean leftSide) {
        List<Object[]> changedRows = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            List<List<Object>> present = new ArrayList<>(rows.keySet());
            Object[] row;
            long weight;
            if (!present.isEmpty() && random.nextInt(5) < 2) {
                Collections.sort(present, (a, b) -> a.toString().compareTo(b.toString()));
                List<Object> victim = present.get(random.nextInt(present.size()));
                row = victim.toArray();
                weight = -(1 + random.nextInt((int) Math.min(rows.get(victim), 2)));
            }
            else {
                Integer key = random.nextInt(4) == 0 ? null : random.nextInt(3);
                Integer value = random.nextInt(6) == 0 ? null : random.nextInt(3);
                row = leftSide ? row(key, value) : row(value, key);
                weight = 1 + random.nextInt(2);
            }
            changedRows.add(row);
            weights.add(weight);
            rows.merge(Arrays.asList(row), weight, Long::sum);
            rows.values().removeIf(count -> count == 0);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        ChangeBatch batch = new ChangeBatch();
        for (int i : order) {
            batch.add(changedRows.get(i), weights.get(i));
        }
        return batch;
    }

    /** The join of the current inputs computed from scratch, SQL's definition of each kind. */
    private static Map<List<Object>, Long> nestedLoopJoin(JoinKind kind, boolean withResidual,
            Map<List<Object>, Long> leftRows, Map<List<Object>, Long> rightRows) {
        Map<List<Object>, Long> result = new HashMap<>();
        boolean pairs = kind != JoinKind.SEMI && kind != JoinKind.ANTI;
        for (Map.Entry<List<Object>, Long> left : leftRows.entrySet()) {
            boolean matched = false;
            for (Map.Entry<List<Object>, Long> right : rightRows.entrySet()) {
                if (randomizedMatch(left.getKey(), right.getKey(), withResidual)) {
                    matched = true;
                    if (pairs) {
                        List<Object> pair = new ArrayList<>(left.getKey());
                        pair.addAll(right.getKey());
                        result.merge(pair, left.getValue() * right.getValue(), Long::sum);
                    }
                }
            }
            boolean padded = !matched && (kind == JoinKind.LEFT || kind == JoinKind.FULL);
            if (padded) {
                result.merge(Arrays.asList(left.getKey().get(0), left.getKey().get(1), null, null), left.getValue(),
                        Long::sum);
            }
            if (kind == JoinKind.SEMI && matched || kind == JoinKind.ANTI && !matched) {
                result.merge(left.getKey(), left.getValue(), Long::sum);
            }
        }
        if (kind == JoinKind.RIGHT || kind == JoinKind.FULL) {
            for (Map.Entry<List<Object>, Long> right : rightRows.entrySet()) {
                boolean matched = false;
                for (List<Object> left : leftRows.keySet()) {
                    matched |= randomizedMatch(left, right.getKey(), withResidual);
                }
                if (!matched) {
                    result.merge(Arrays.asList(null, null, right.getKey().get(0), right.getKey().get(1)),
                            right.getValue(), Long::sum);
                }
            }
        }
        result.values().removeIf(weight -> weight == 0);
        return result;
    }

    /** Each stored row has its input's count and, where tracked, its partners' summed count. */
    private static void assertStoredCountsAndDegrees(OperatorHarness harness, StreamJoin join, boolean withResidual,
            Map<List<Object>, Long> leftRows, Map<List<Object>, Long> rightRows, String context, int step) {
        for (int side = 0; side < 2; side++) {
            Map<List<Object>, Long> own = side == 0 ? leftRows : rightRows;
            Map<List<Object>, Long> other = side == 0 ? rightRows : leftRows;
            int keyColumn = side == 0 ? 0 : 1;
            Map<List<Object>, List<Long>> expected = new HashMap<>();
            for (Map.Entry<List<Object>, Long> entry : own.entrySet()) {
                if (entry.getKey().get(keyColumn) == null) {
                    continue;
                }
                List<Long> values = new ArrayList<>(List.of(entry.getValue()));
                if (join.tracksDegree(side)) {
                    long degree = 0;
                    for (Map.Entry<List<Object>, Long> partner : other.entrySet()) {
                        boolean match = side == 0
                                ? randomizedMatch(entry.getKey(), partner.getKey(), withResidual)
                                : randomizedMatch(partner.getKey(), entry.getKey(), withResidual);
                        degree += match ? partner.getValue() : 0;
                    }
                    values.add(degree);
                }
                expected.put(entry.getKey(), values);
            }
            Map<List<Object>, List<Long>> stored = new HashMap<>();
            for (List<Object> row : harness.stateRows(side)) {
                List<Long> values = new ArrayList<>();
                for (Object value : row.subList(2, row.size())) {
                    values.add((Long) value);
                }
                stored.put(row.subList(0, 2), values);
            }
            assertThat(stored).as("%s, step %d, state of input %d", context, step, side).isEqualTo(expected);
        }
    }

    private static boolean randomizedMatch(List<Object> left, List<Object> right, boolean withResidual) {
        if (left.get(0) == null || !left.get(0).equals(right.get(1))) {
            return false;
        }
        if (!withResidual) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(randomizedResidual(new Object[] {left.get(0), left.get(1), right.get(0),
                    right.get(1)}));
        }
        catch (ArithmeticException e) {
            return false;
        }
    }

    /** {@code l.v < r.w} over (k, v, w, k), failing (as a division by zero would) for v = 2, w = 0. */
    private static Boolean randomizedResidual(Object[] row) {
        Integer v = (Integer) row[1];
        Integer w = (Integer) row[2];
        if (v == null || w == null) {
            return null;
        }
        if (v == 2 && w == 0) {
            throw new ArithmeticException("division by zero");
        }
        return v < w;
    }

    private static Boolean lessThan(Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        return (Integer) left < (Integer) right;
    }

    private static void accumulate(Map<List<Object>, Long> total, ChangeBatch changes) {
        for (Map.Entry<List<Object>, Long> change : zset(changes).entrySet()) {
            total.merge(change.getKey(), change.getValue(), Long::sum);
        }
        total.values().removeIf(weight -> weight == 0);
    }

    private static void copyInto(Map<List<Object>, Long> source, Map<List<Object>, Long> target) {
        target.clear();
        target.putAll(source);
    }

    private OperatorHarness harness(StreamJoin join) {
        return new OperatorHarness(directory, join, context -> new JoinOperator(join, context));
    }

    /** A join of a left input (k, v) and a right input (k, w) on k, all INTEGER. */
    private static StreamJoin join(JoinKind kind, CompiledExpressions residual) {
        StreamNode left = input(List.of("k", "v"), INTEGER, INTEGER);
        StreamNode right = input(List.of("k", "w"), INTEGER, INTEGER);
        return join(kind, left, right, List.of(0), List.of(0), residual);
    }

    private static StreamJoin join(JoinKind kind, StreamNode left, StreamNode right, List<Integer> leftKeys,
            List<Integer> rightKeys, CompiledExpressions residual) {
        List<String> names = new ArrayList<>(left.outputNames());
        List<DataType> types = new ArrayList<>(left.outputTypes());
        if (kind != JoinKind.SEMI && kind != JoinKind.ANTI) {
            names.addAll(right.outputNames());
            types.addAll(right.outputTypes());
        }
        return new StreamJoin(left, right, kind, leftKeys, rightKeys, residual, names, types, List.of());
    }

    private static StreamNode input(List<String> names, DataType... types) {
        return new StreamValues(List.of(), names, List.of(types));
    }
}
