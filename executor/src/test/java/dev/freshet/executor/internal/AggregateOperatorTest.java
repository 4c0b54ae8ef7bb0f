package dev.freshet.executor.internal;

import static dev.freshet.executor.internal.OperatorHarness.batch;
import static dev.freshet.executor.internal.OperatorHarness.zset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.freshet.planner.DataType;
import dev.freshet.planner.ObjectKind;
import dev.freshet.planner.stream.AggregateCall;
import dev.freshet.planner.stream.AggregateCall.Function;
import dev.freshet.planner.stream.SortKey;
import dev.freshet.planner.stream.StateTableLayout;
import dev.freshet.planner.stream.StreamAggregate;
import dev.freshet.planner.stream.StreamScan;

class AggregateOperatorTest {
    private static final DataType BOOLEAN = DataType.of(DataType.Kind.BOOLEAN);
    private static final DataType INTEGER = DataType.of(DataType.Kind.INTEGER);
    private static final DataType BIGINT = DataType.of(DataType.Kind.BIGINT);
    private static final DataType DOUBLE = DataType.of(DataType.Kind.DOUBLE);
    private static final DataType VARCHAR = DataType.of(DataType.Kind.VARCHAR);
    private static final DataType BYTEA = DataType.of(DataType.Kind.BYTEA);
    private static final DataType MONEY = DataType.decimal(10, 2);
    private static final DataType MONEY_SUM = DataType.decimal(20, 2);

    // The input's columns.
    private static final int G = 0;
    private static final int X = 1;
    private static final int S = 2;
    private static final int F = 3;
    private static final int D = 4;
    private static final int B = 5;
    private static final int R = 6;
    private static final int O = 7;
    private static final int DL = 8;
    private static final int K = 9;
    private static final int BIN = 10;
    private static final List<String> INPUT_NAMES = List.of("g", "x", "s", "f", "d", "b", "r", "o", "dl", "k", "bin");
    private static final List<DataType> INPUT_TYPES = List.of(VARCHAR, BIGINT, VARCHAR, BOOLEAN, MONEY, BOOLEAN,
            DOUBLE, INTEGER, VARCHAR, INTEGER, BYTEA);

    @TempDir
    Path directory;

    @Test
    void shouldInsertOneRowPerGroupWhenRowsArrive() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT), call(Function.SUM, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", X, 1L), 1, in(G, "a", X, 2L), 1, in(G, "b", X, 5L), 1))))
                    .isEqualTo(Map.of(out("a", 2L, 3L), 1L, out("b", 1L, 5L), 1L));
        }
    }

    @Test
    void shouldRetractOldRowAndInsertNewWhenGroupChanges() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT), call(Function.SUM, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, 1L), 1, in(G, "b", X, 5L), 1));

            ChangeBatch emitted = harness.step(0, batch(in(G, "a", X, 10L), 1));

            assertThat(zset(emitted)).isEqualTo(Map.of(out("a", 1L, 1L), -1L, out("a", 2L, 11L), 1L));
            assertThat(emitted.size()).isEqualTo(2);
        }
    }

    @Test
    void shouldMoveRowBetweenGroupsWhenUpdateChangesGroupColumn() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT), call(Function.SUM, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, 1L), 1, in(G, "a", X, 2L), 1, in(G, "b", X, 5L), 1));

            assertThat(zset(harness.step(0, batch(in(G, "a", X, 2L), -1, in(G, "b", X, 2L), 1))))
                    .isEqualTo(Map.of(out("a", 2L, 3L), -1L, out("a", 1L, 1L), 1L,
                            out("b", 1L, 5L), -1L, out("b", 2L, 7L), 1L));
        }
    }

    @Test
    void shouldRetractGroupWhenLastRowDeleted() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT),
                distinct(call(Function.COUNT, BIGINT, X)), call(Function.MIN, BIGINT, X),
                call(Function.STRING_AGG, VARCHAR, S, DL));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, 1L, S, "p", DL, ","), 1, in(G, "b", X, 5L, S, "q", DL, ","), 1));

            assertThat(zset(harness.step(0, batch(in(G, "a", X, 1L, S, "p", DL, ","), -1))))
                    .isEqualTo(Map.of(out("a", 1L, 1L, 1L, "p"), -1L));
            assertThat(harness.stateRows(0)).hasSize(1);
            for (int table = 1; table < node.stateTables().size(); table++) {
                assertThat(harness.stateRows(table)).as("table %d", table).hasSize(1);
            }
        }
    }

    @Test
    void shouldKeepMinCorrectWhenCurrentMinimumDeleted() {
        StreamAggregate node = aggregate(List.of(G), call(Function.MIN, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, 3L), 1, in(G, "a", X, 1L), 1, in(G, "a", X, 2L), 1));

            assertThat(zset(harness.step(0, batch(in(G, "a", X, 1L), -1))))
                    .isEqualTo(Map.of(out("a", 1L), -1L, out("a", 2L), 1L));
            assertThat(zset(harness.step(0, batch(in(G, "a", X, 2L), -1))))
                    .isEqualTo(Map.of(out("a", 2L), -1L, out("a", 3L), 1L));
        }
    }

    @Test
    void shouldKeepMaxCorrectWhenOneOfSeveralCopiesOfMaximumDeleted() {
        StreamAggregate node = aggregate(List.of(G), call(Function.MAX, VARCHAR, S));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", S, "q"), 2, in(G, "a", S, "p"), 1));

            assertThat(harness.step(0, batch(in(G, "a", S, "q"), -1)).isEmpty()).isTrue();
            assertThat(zset(harness.step(0, batch(in(G, "a", S, "q"), -1))))
                    .isEqualTo(Map.of(out("a", "q"), -1L, out("a", "p"), 1L));
        }
    }

    @Test
    void shouldKeepOnlyExtremesInGroupsTableWhenInputIsAppendOnly() {
        StreamAggregate node = aggregate(List.of(G), true, List.of(call(Function.MIN, BIGINT, X),
                call(Function.MAX, VARCHAR, S)));
        assertThat(node.stateTables()).hasSize(1);
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, 5L, S, "b"), 1));

            // "\uFFFD" sorts after the surrogate pair of "😀" in UTF-16 but before it in code point order,
            // which is the order storage gives the values table of an input that retracts.
            assertThat(zset(harness.step(0, batch(in(G, "a", X, 7L, S, "\uFFFD"), 1, in(G, "a", X, 3L, S, "😀"), 1))))
                    .isEqualTo(Map.of(out("a", 5L, "b"), -1L, out("a", 3L, "😀"), 1L));
            assertThat(harness.step(0, batch(in(G, "a", X, 4L, S, "a"), 1)).isEmpty()).isTrue();
            assertThat(harness.stateRows(0)).containsExactly(Arrays.asList("a", 4L, 3L, "😀"));
        }
    }

    @Test
    void shouldRejectDeletionWhenInputIsAppendOnly() {
        StreamAggregate node = aggregate(List.of(G), true, List.of(call(Function.MIN, BIGINT, X)));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, 5L), 1));

            assertThatThrownBy(() -> harness.step(0, batch(in(G, "a", X, 5L), -1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void shouldEmitEmptyGroupRowForGlobalAggregateOnFirstStep() {
        StreamAggregate node = aggregate(List.of(), call(Function.COUNT, BIGINT), call(Function.COUNT, BIGINT, X),
                call(Function.SUM, BIGINT, X), call(Function.SUM0, BIGINT, X), call(Function.MIN, BIGINT, X),
                call(Function.BOOL_AND, BOOLEAN, B), call(Function.STRING_AGG, VARCHAR, S, DL),
                call(Function.SUM, DOUBLE, R), call(Function.SUM0, MONEY_SUM, D));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, new ChangeBatch())))
                    .isEqualTo(Map.of(out(0L, 0L, null, 0L, null, null, null, null, new BigDecimal("0.00")), 1L));
            assertThat(harness.step(0, new ChangeBatch()).isEmpty()).isTrue();
        }
    }

    @Test
    void shouldUpdateGlobalRowInsteadOfRetractingWhenLastRowDeleted() {
        StreamAggregate node = aggregate(List.of(), call(Function.COUNT, BIGINT), call(Function.SUM, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, new ChangeBatch());
            assertThat(zset(harness.step(0, batch(in(X, 4L), 1))))
                    .isEqualTo(Map.of(out(0L, null), -1L, out(1L, 4L), 1L));

            assertThat(zset(harness.step(0, batch(in(X, 4L), -1))))
                    .isEqualTo(Map.of(out(1L, 4L), -1L, out(0L, null), 1L));
            assertThat(harness.stateRows(0)).hasSize(1);
        }
    }

    @Test
    void shouldNotEmitGlobalRowAgainWhenRestartedAfterCommit() {
        StreamAggregate node = aggregate(List.of(), call(Function.COUNT, BIGINT));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, new ChangeBatch());
            harness.commit();
            harness.restart();

            assertThat(harness.step(0, new ChangeBatch()).isEmpty()).isTrue();
        }
    }

    @Test
    void shouldEmitGlobalRowAgainWhenRestartedBeforeFirstCommit() {
        StreamAggregate node = aggregate(List.of(), call(Function.COUNT, BIGINT));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, new ChangeBatch());
            harness.restart();

            assertThat(zset(harness.step(0, batch(in(X, 1L), 1)))).isEqualTo(Map.of(out(1L), 1L));
        }
    }

    @Test
    void shouldIgnoreNullsInCountSumMinAndMax() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT), call(Function.COUNT, BIGINT, X),
                call(Function.SUM, BIGINT, X), call(Function.MIN, BIGINT, X), call(Function.MAX, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", X, 2L), 1, in(G, "a"), 1, in(G, "a", X, 5L), 1))))
                    .isEqualTo(Map.of(out("a", 3L, 2L, 7L, 2L, 5L), 1L));
        }
    }

    @Test
    void shouldReturnNullSumWhenGroupHoldsOnlyNulls() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT), call(Function.COUNT, BIGINT, X),
                call(Function.SUM, BIGINT, X), call(Function.SUM0, BIGINT, X), call(Function.MIN, BIGINT, X),
                call(Function.BOOL_OR, BOOLEAN, B), call(Function.STRING_AGG, VARCHAR, S, DL));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, 2L, B, true, S, "p", DL, ","), 1, in(G, "a"), 1));

            assertThat(zset(harness.step(0, batch(in(G, "a", X, 2L, B, true, S, "p", DL, ","), -1))))
                    .isEqualTo(Map.of(out("a", 2L, 1L, 2L, 2L, 2L, true, "p"), -1L,
                            out("a", 1L, 0L, null, 0L, null, null, null), 1L));
        }
    }

    @Test
    void shouldCountEachDistinctValueOnce() {
        StreamAggregate node = aggregate(List.of(G), distinct(call(Function.COUNT, BIGINT, X)),
                distinct(call(Function.SUM, BIGINT, X)), call(Function.SUM, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", X, 2L), 2, in(G, "a", X, 3L), 1, in(G, "a"), 1))))
                    .isEqualTo(Map.of(out("a", 2L, 5L, 7L), 1L));

            assertThat(zset(harness.step(0, batch(in(G, "a", X, 2L), -1))))
                    .isEqualTo(Map.of(out("a", 2L, 5L, 7L), -1L, out("a", 2L, 5L, 5L), 1L));
            assertThat(zset(harness.step(0, batch(in(G, "a", X, 2L), -1))))
                    .isEqualTo(Map.of(out("a", 2L, 5L, 5L), -1L, out("a", 1L, 3L, 3L), 1L));
        }
    }

    @Test
    void shouldConcatenateInRequestedOrderWithEachValuesOwnDelimiter() {
        StreamAggregate node = aggregate(List.of(G),
                ordered(call(Function.STRING_AGG, VARCHAR, S, DL), new SortKey(O, true, true)));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", S, "one", O, 1, DL, ";"), 1,
                    in(G, "a", S, "three", O, 3, DL, "-"), 1, in(G, "a", S, "two", O, 2, DL, "+"), 1))))
                    .isEqualTo(Map.of(out("a", "three+two;one"), 1L));

            assertThat(zset(harness.step(0, batch(in(G, "a", S, "three", O, 3, DL, "-"), -1,
                    in(G, "a", S, "null", DL, "/"), 1))))
                    .isEqualTo(Map.of(out("a", "three+two;one"), -1L, out("a", "null+two;one"), 1L));
        }
    }

    @Test
    void shouldOrderStringAggByValueWhenItHasNoOrderBy() {
        StreamAggregate node = aggregate(List.of(G), call(Function.STRING_AGG, VARCHAR, S, DL));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", S, "c", DL, ","), 1, in(G, "a", S, "a", DL, ","), 1,
                    in(G, "a", S, "b", DL, ","), 2))))
                    .isEqualTo(Map.of(out("a", "a,b,b,c"), 1L));
        }
    }

    @Test
    void shouldSortNullOrderKeysFirstWhenAscendingNullsFirst() {
        StreamAggregate node = aggregate(List.of(G),
                ordered(call(Function.STRING_AGG, VARCHAR, S, DL), new SortKey(O, false, true)));
        assertThat(node.stateTables().get(1).describe())
                .isEqualTo("string_agg_s_dl_values(key: g, o_is_null desc, o, value, delimiter; values: count)");
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", S, "two", O, 2, DL, ","), 1,
                    in(G, "a", S, "none", DL, ","), 1, in(G, "a", S, "one", O, 1, DL, ","), 1))))
                    .isEqualTo(Map.of(out("a", "none,one,two"), 1L));
        }
    }

    @Test
    void shouldSkipNullValuesAndNullDelimitersInStringAgg() {
        StreamAggregate node = aggregate(List.of(G), call(Function.STRING_AGG, VARCHAR, S, DL));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", DL, ","), 1))))
                    .isEqualTo(Map.of(out("a", null), 1L));
            assertThat(zset(harness.step(0, batch(in(G, "a", S, "x"), 1, in(G, "a", S, "y"), 1))))
                    .isEqualTo(Map.of(out("a", null), -1L, out("a", "xy"), 1L));
        }
    }

    @Test
    void shouldSeparateValuesByCommaWhenStringAggHasNoDelimiter() {
        StreamAggregate node = aggregate(List.of(G), distinct(call(Function.STRING_AGG, VARCHAR, S)));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", S, "q"), 2, in(G, "a", S, "p"), 1))))
                    .isEqualTo(Map.of(out("a", "p,q"), 1L));
        }
    }

    @Test
    void shouldConcatenateBytesWhenStringAggIsBinary() {
        StreamAggregate node = aggregate(List.of(G), call(Function.STRING_AGG, BYTEA, BIN, BIN));
        try (OperatorHarness harness = harness(node)) {
            ByteString one = new ByteString(new byte[] {1});
            ByteString two = new ByteString(new byte[] {(byte) 0xF0});
            assertThat(zset(harness.step(0, batch(in(G, "a", BIN, two), 1, in(G, "a", BIN, one), 1))))
                    .isEqualTo(Map.of(out("a", new ByteString(new byte[] {1, (byte) 0xF0, (byte) 0xF0})), 1L));
        }
    }

    @Test
    void shouldCountOnlyRowsWhoseFilterIsTrue() {
        StreamAggregate node = aggregate(List.of(G), filtered(call(Function.COUNT, BIGINT), F),
                filtered(call(Function.SUM, BIGINT, X), F), filtered(call(Function.MAX, BIGINT, X), F),
                filtered(call(Function.STRING_AGG, VARCHAR, S, DL), F), call(Function.COUNT, BIGINT));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", X, 1L, S, "t", DL, ",", F, true), 1,
                    in(G, "a", X, 10L, S, "f", DL, ",", F, false), 1, in(G, "a", X, 100L, S, "n", DL, ","), 1))))
                    .isEqualTo(Map.of(out("a", 1L, 1L, 1L, "t", 3L), 1L));
        }
    }

    @Test
    void shouldWeighRowsByTheirMultiplicity() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT), call(Function.SUM, BIGINT, X),
                call(Function.SUM, MONEY_SUM, D), call(Function.SUM, DOUBLE, R), call(Function.BOOL_AND, BOOLEAN, B));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", X, 2L, D, new BigDecimal("1.25"), R, 0.5, B, false), 3,
                    in(G, "a", X, 1L, B, true), 1))))
                    .isEqualTo(Map.of(out("a", 4L, 7L, new BigDecimal("3.75"), 1.5, false), 1L));

            assertThat(zset(harness.step(0, batch(in(G, "a", X, 2L, D, new BigDecimal("1.25"), R, 0.5, B, false), -3))))
                    .isEqualTo(Map.of(out("a", 4L, 7L, new BigDecimal("3.75"), 1.5, false), -1L,
                            out("a", 1L, 1L, null, null, true), 1L));
        }
    }

    @Test
    void shouldEmitNothingWhenChangesCancelWithinStep() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT), call(Function.MIN, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, 1L), 1));

            assertThat(harness.step(0, batch(in(G, "b", X, 2L), 1, in(G, "b", X, 2L), -1)).isEmpty()).isTrue();
            assertThat(harness.step(0, batch(in(G, "a", X, 1L), -1, in(G, "a", X, 1L), 1)).isEmpty()).isTrue();
            assertThat(harness.step(0, batch(in(G, "a", X, 3L), 1, in(G, "a", X, 3L), -1)).isEmpty()).isTrue();
            assertThat(harness.stateRows(0)).hasSize(1);
            assertThat(harness.stateRows(1)).hasSize(1);
        }
    }

    @Test
    void shouldEmitNothingWhenOutputRowIsUnchanged() {
        StreamAggregate node = aggregate(List.of(G), call(Function.MIN, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, 1L), 1));

            assertThat(harness.step(0, batch(in(G, "a", X, 5L), 1)).isEmpty()).isTrue();
        }
    }

    @Test
    void shouldContinueFromCommittedStateAfterRestart() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT), call(Function.MAX, BIGINT, X),
                call(Function.STRING_AGG, VARCHAR, S, DL));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, 1L, S, "p", DL, ","), 1, in(G, "a", X, 9L, S, "q", DL, ","), 1));
            harness.commit();
            harness.step(0, batch(in(G, "a", X, 20L, S, "r", DL, ","), 1));
            harness.restart();

            assertThat(zset(harness.step(0, batch(in(G, "a", X, 9L, S, "q", DL, ","), -1))))
                    .isEqualTo(Map.of(out("a", 2L, 9L, "p,q"), -1L, out("a", 1L, 1L, "p"), 1L));
        }
    }

    @Test
    void shouldEmitNullWhenSumDoesNotFitResultType() {
        StreamAggregate node = aggregate(List.of(G), call(Function.SUM, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", X, Long.MAX_VALUE), 1));

            assertThat(zset(harness.step(0, batch(in(G, "a", X, 1L), 1))))
                    .isEqualTo(Map.of(out("a", Long.MAX_VALUE), -1L, out("a", null), 1L));
            assertThat(harness.step(0, batch(in(G, "a", X, 5L), 1)).isEmpty()).isTrue();
            assertThat(zset(harness.step(0, batch(in(G, "a", X, 1L), -1, in(G, "a", X, 5L), -1,
                    in(G, "a", X, -1L), 1))))
                    .as("the exact sum survives the overflow")
                    .isEqualTo(Map.of(out("a", null), -1L, out("a", Long.MAX_VALUE - 1), 1L));
        }
    }

    @Test
    void shouldEmitNullWhenSumDoesNotFitIntegerResult() {
        StreamAggregate node = aggregate(List.of(G), call(Function.SUM, INTEGER, K));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", K, Integer.MAX_VALUE), 1, in(G, "a", K, 1), 1))))
                    .isEqualTo(Map.of(out("a", null), 1L));
            assertThat(zset(harness.step(0, batch(in(G, "a", K, 1), -1))))
                    .isEqualTo(Map.of(out("a", null), -1L, out("a", Integer.MAX_VALUE), 1L));
        }
    }

    @Test
    void shouldSumIntervalsAsMilliseconds() {
        DataType interval = DataType.of(DataType.Kind.INTERVAL);
        StreamScan scan = new StreamScan(1, "t", ObjectKind.TABLE, List.of("i"), List.of(interval), List.of(), false,
                Map.of());
        AggregateCall sum = new AggregateCall(Function.SUM, List.of(0), false, -1, List.of(), interval, "sum_i");
        StreamAggregate node = new StreamAggregate(scan, List.of(), List.of(sum), List.of("sum_i"), List.of(interval));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(new Object[] {86_400_000L}, 1, new Object[] {1_500L}, 2))))
                    .isEqualTo(Map.of(out(86_403_000L), 1L));
        }
    }

    @Test
    void shouldKeepStateWithoutOutputWhenGroupHasMoreDeletionsThanInsertions() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT), call(Function.MIN, BIGINT, X));
        try (OperatorHarness harness = harness(node)) {
            assertThat(harness.step(0, batch(in(G, "a", X, 1L), -1)).isEmpty()).isTrue();
            assertThat(harness.stateRows(0)).hasSize(1);

            assertThat(harness.step(0, batch(in(G, "a", X, 1L), 1)).isEmpty()).isTrue();
            assertThat(harness.stateRows(0)).isEmpty();
            assertThat(harness.stateRows(1)).isEmpty();
            assertThat(zset(harness.step(0, batch(in(G, "a", X, 2L), 1)))).isEqualTo(Map.of(out("a", 1L, 2L), 1L));
        }
    }

    @Test
    void shouldRoundDecimalResultsToResultScale() {
        StreamAggregate node = aggregate(List.of(G), call(Function.SUM, DataType.decimal(12, 1), D),
                call(Function.MIN, DataType.decimal(10, 3), D));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", D, new BigDecimal("1.25")), 1,
                    in(G, "a", D, new BigDecimal("2.00")), 1))))
                    .isEqualTo(Map.of(out("a", new BigDecimal("3.3"), new BigDecimal("1.250")), 1L));
        }
    }

    @Test
    void shouldResetFloatingSumWhenItsLastValueIsRetracted() {
        StreamAggregate node = aggregate(List.of(G), call(Function.SUM, DOUBLE, R), call(Function.SUM0, DOUBLE, R));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", R, 0.1), 1, in(G, "a", R, 0.2), 1, in(G, "a"), 1));

            assertThat(zset(harness.step(0, batch(in(G, "a", R, 0.1), -1, in(G, "a", R, 0.2), -1))))
                    .isEqualTo(Map.of(out("a", 0.1 + 0.2, 0.1 + 0.2), -1L, out("a", null, 0.0), 1L));

            assertThat(zset(harness.step(0, batch(in(G, "a", R, 0.5), 1))))
                    .isEqualTo(Map.of(out("a", null, 0.0), -1L, out("a", 0.5, 0.5), 1L));
        }
    }

    @Test
    void shouldRecoverFiniteSumWhenInfinityIsRetracted() {
        StreamAggregate node = aggregate(List.of(G), call(Function.SUM, DOUBLE, R));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(in(G, "a", R, 2.0), 1));
            assertThat(zset(harness.step(0, batch(in(G, "a", R, Double.POSITIVE_INFINITY), 1,
                    in(G, "a", R, Double.NEGATIVE_INFINITY), 1))))
                    .isEqualTo(Map.of(out("a", 2.0), -1L, out("a", Double.NaN), 1L));

            assertThat(zset(harness.step(0, batch(in(G, "a", R, Double.NEGATIVE_INFINITY), -1))))
                    .isEqualTo(Map.of(out("a", Double.NaN), -1L, out("a", Double.POSITIVE_INFINITY), 1L));
            assertThat(zset(harness.step(0, batch(in(G, "a", R, Double.POSITIVE_INFINITY), -1))))
                    .isEqualTo(Map.of(out("a", Double.POSITIVE_INFINITY), -1L, out("a", 2.0), 1L));
        }
    }

    @Test
    void shouldComputeBoolAndAndBoolOrUnderRetraction() {
        StreamAggregate node = aggregate(List.of(G), call(Function.BOOL_AND, BOOLEAN, B),
                call(Function.BOOL_OR, BOOLEAN, B));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(G, "a", B, true), 1, in(G, "a", B, false), 1, in(G, "a"), 1))))
                    .isEqualTo(Map.of(out("a", false, true), 1L));
            assertThat(zset(harness.step(0, batch(in(G, "a", B, false), -1))))
                    .isEqualTo(Map.of(out("a", false, true), -1L, out("a", true, true), 1L));
            assertThat(zset(harness.step(0, batch(in(G, "a", B, true), -1))))
                    .isEqualTo(Map.of(out("a", true, true), -1L, out("a", null, null), 1L));
        }
    }

    @Test
    void shouldRetractWithStoredGroupValueWhenEqualValueArrivesWithOtherScale() {
        List<DataType> types = List.of(MONEY, BIGINT);
        StreamScan scan = new StreamScan(1, "t", ObjectKind.TABLE, List.of("d", "x"), types, List.of(), false,
                Map.of());
        StreamAggregate node = new StreamAggregate(scan, List.of(0), List.of(call(Function.COUNT, BIGINT)),
                List.of("d", "count"), List.of(MONEY, BIGINT));
        try (OperatorHarness harness = harness(node)) {
            harness.step(0, batch(new Object[] {new BigDecimal("1.5"), 1L}, 1));

            assertThat(zset(harness.step(0, batch(new Object[] {new BigDecimal("1.50"), 2L}, 1))))
                    .isEqualTo(Map.of(out(new BigDecimal("1.5"), 1L), -1L, out(new BigDecimal("1.5"), 2L), 1L));
        }
    }

    @Test
    void shouldGroupNullValuesTogether() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT));
        try (OperatorHarness harness = harness(node)) {
            assertThat(zset(harness.step(0, batch(in(X, 1L), 1, in(X, 2L), 1, in(G, "a"), 1))))
                    .isEqualTo(Map.of(out(null, 2L), 1L, out("a", 1L), 1L));
        }
    }

    @Test
    void shouldLayOutGroupsTableThenOneValuesTablePerCallThatNeedsValues() {
        StreamAggregate node = aggregate(List.of(G), call(Function.COUNT, BIGINT), call(Function.SUM, BIGINT, X),
                call(Function.SUM, DOUBLE, R), call(Function.MAX, BIGINT, X), call(Function.BOOL_OR, BOOLEAN, B),
                distinct(call(Function.COUNT, BIGINT, S)), call(Function.STRING_AGG, VARCHAR, S, DL));

        assertThat(node.stateTables()).extracting(StateTableLayout::describe).containsExactly(
                "groups(key: g; values: row_count, count_count, sum_x_count, sum_x_sum, sum_r_count, sum_r_sum, "
                        + "sum_r_nan_count, sum_r_positive_infinity_count, sum_r_negative_infinity_count, max_x, "
                        + "bool_or_b_true_count, bool_or_b_false_count, count_s_distinct_count, string_agg_s_dl)",
                "max_x_values(key: g, x desc; values: count)",
                "count_s_distinct_values(key: g, s; values: count)",
                "string_agg_s_dl_values(key: g, value, delimiter; values: count)");
        assertThat(node.accumulatorColumn(3)).isEqualTo(10);
        assertThat(node.valueTable(3)).isEqualTo(1);
        assertThat(node.valueTable(4)).isEqualTo(-1);
        assertThat(node.valueTable(6)).isEqualTo(3);
    }

    @Test
    void shouldKeepGlobalKeyColumnWhenAggregateHasNoGroupBy() {
        StreamAggregate node = aggregate(List.of(), call(Function.MIN, BIGINT, X));

        assertThat(node.stateTables()).extracting(StateTableLayout::describe).containsExactly(
                "groups(key: all; values: row_count, min_x)", "min_x_values(key: all, x; values: count)");
    }

    @Test
    void shouldMatchBruteForceUnderRandomChangesCommitsAndRestarts() throws IOException {
        for (int seed = 0; seed < 40; seed++) {
            runRandomized(seed);
        }
    }

    private void runRandomized(long seed) throws IOException {
        Random random = new Random(seed);
        List<List<Integer>> groupings = List.of(List.of(), List.of(G), List.of(G, K));
        List<Integer> groupKeys = groupings.get(random.nextInt(groupings.size()));
        boolean appendOnly = random.nextInt(4) == 0;
        List<AggregateCall> calls = List.of(call(Function.COUNT, BIGINT), call(Function.COUNT, BIGINT, X),
                distinct(call(Function.COUNT, BIGINT, X)), call(Function.SUM, BIGINT, X),
                distinct(call(Function.SUM, BIGINT, X)), filtered(call(Function.SUM0, BIGINT, X), F),
                call(Function.SUM, MONEY_SUM, D), call(Function.SUM, DOUBLE, R), call(Function.MIN, BIGINT, X),
                call(Function.MAX, VARCHAR, S), filtered(call(Function.MIN, MONEY, D), F),
                call(Function.BOOL_AND, BOOLEAN, B), filtered(call(Function.BOOL_OR, BOOLEAN, B), F),
                ordered(call(Function.STRING_AGG, VARCHAR, S, DL), new SortKey(O, true, false)),
                call(Function.STRING_AGG, VARCHAR, S), distinct(call(Function.STRING_AGG, VARCHAR, S, DL)),
                filtered(call(Function.COUNT, BIGINT), F), distinct(call(Function.SUM0, MONEY_SUM, D)));
        StreamAggregate node = aggregate(groupKeys, appendOnly, calls);
        int[] cacheCapacities = {0, 2, 1024};
        String description = "seed " + seed + ", group by " + groupKeys + (appendOnly ? ", append-only" : "");

        Path seedDirectory = Files.createDirectories(directory.resolve("seed-" + seed));
        Map<List<Object>, Long> input = new HashMap<>();
        Map<List<Object>, Long> output = new HashMap<>();
        Map<List<Object>, Long> committedInput = new HashMap<>();
        Map<List<Object>, Long> committedOutput = new HashMap<>();
        try (OperatorHarness harness = new OperatorHarness(seedDirectory, node,
                context -> new AggregateOperator(node, context), cacheCapacities[random.nextInt(3)])) {
            for (int step = 0; step < 60; step++) {
                ChangeBatch changes = randomChanges(random, input, appendOnly);

                step(harness, changes, input, output, node, description + ", step " + step);

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
            if (!appendOnly) {
                ChangeBatch deleteAll = new ChangeBatch();
                for (Map.Entry<List<Object>, Long> row : input.entrySet()) {
                    deleteAll.add(row.getKey().toArray(), -row.getValue());
                }
                input.clear();
                step(harness, deleteAll, input, output, node, description + ", deleting everything");
                assertThat(harness.stateRows(0)).as(description).hasSize(groupKeys.isEmpty() ? 1 : 0);
                for (int table = 1; table < node.stateTables().size(); table++) {
                    assertThat(harness.stateRows(table)).as("%s, table %d", description, table).isEmpty();
                }
            }
        }
    }

    private static void step(OperatorHarness harness, ChangeBatch changes, Map<List<Object>, Long> input,
            Map<List<Object>, Long> output, StreamAggregate node, String description) {
        ChangeBatch emitted = harness.step(0, changes);

        assertThat(zset(emitted)).as("%s emits each row once", description).hasSize(emitted.size());
        for (Map.Entry<List<Object>, Long> change : zset(emitted).entrySet()) {
            output.merge(change.getKey(), change.getValue(), Long::sum);
        }
        output.values().removeIf(count -> count == 0);
        assertThat(output).as(description).isEqualTo(expectedOutput(input, node));
    }

    /** Inserts, deletes, updates (-old +new, often moving the row to another group) and changes that cancel. */
    private static ChangeBatch randomChanges(Random random, Map<List<Object>, Long> input, boolean appendOnly) {
        ChangeBatch changes = new ChangeBatch();
        int changeCount = random.nextInt(7);
        for (int i = 0; i < changeCount; i++) {
            int kind = appendOnly || input.isEmpty() ? 0 : random.nextInt(10);
            if (kind < 5) {
                List<Object> inserted = randomRow(random);
                long weight = 1 + random.nextInt(2);
                changes.add(inserted.toArray(), weight);
                input.merge(inserted, weight, Long::sum);
            }
            else if (kind == 5) {
                List<Object> row = randomRow(random);
                changes.add(row.toArray(), 1);
                changes.add(row.toArray(), -1);
            }
            else {
                List<List<Object>> present = new ArrayList<>(input.keySet());
                present.sort(Comparator.comparing(List::toString));
                List<Object> deleted = present.get(random.nextInt(present.size()));
                long weight = random.nextBoolean() ? 1 : input.get(deleted);
                changes.add(deleted.toArray(), -weight);
                input.merge(deleted, -weight, Long::sum);
                input.values().removeIf(count -> count == 0);
                if (kind >= 8) {
                    List<Object> updated = new ArrayList<>(deleted);
                    List<Object> other = randomRow(random);
                    for (int column = 0; column < updated.size(); column++) {
                        if (random.nextInt(3) == 0) {
                            updated.set(column, other.get(column));
                        }
                    }
                    changes.add(updated.toArray(), weight);
                    input.merge(updated, weight, Long::sum);
                }
            }
        }
        return changes;
    }

    private static List<Object> randomRow(Random random) {
        List<Object> row = new ArrayList<>();
        row.add(nullable(random, List.of("a", "b", "c").get(random.nextInt(3))));
        row.add(nullable(random, (long) random.nextInt(7) - 3));
        row.add(nullable(random, List.of("p", "q", "pq", "r").get(random.nextInt(4))));
        row.add(nullable(random, random.nextBoolean()));
        row.add(nullable(random, BigDecimal.valueOf(random.nextInt(9) * 25L - 100, 2)));
        row.add(nullable(random, random.nextBoolean()));
        row.add(nullable(random, List.of(-2.0, 0.5, 3.0, 1.25).get(random.nextInt(4))));
        row.add(nullable(random, random.nextInt(4)));
        row.add(nullable(random, List.of(",", ";").get(random.nextInt(2))));
        row.add(random.nextInt(2));
        row.add(null);
        return row;
    }

    private static Object nullable(Random random, Object value) {
        return random.nextInt(5) == 0 ? null : value;
    }

    /** Every group's output row, recomputed from the whole input: what the accumulated output must be. */
    private static Map<List<Object>, Long> expectedOutput(Map<List<Object>, Long> input, StreamAggregate node) {
        Map<List<Object>, List<List<Object>>> groups = new HashMap<>();
        if (node.groupKeys().isEmpty()) {
            groups.put(List.of(), new ArrayList<>());
        }
        for (Map.Entry<List<Object>, Long> row : input.entrySet()) {
            List<Object> group = new ArrayList<>();
            for (int column : node.groupKeys()) {
                group.add(row.getKey().get(column));
            }
            List<List<Object>> rows = groups.computeIfAbsent(group, key -> new ArrayList<>());
            for (long copy = 0; copy < row.getValue(); copy++) {
                rows.add(row.getKey());
            }
        }
        Map<List<Object>, Long> expected = new HashMap<>();
        for (Map.Entry<List<Object>, List<List<Object>>> group : groups.entrySet()) {
            List<Object> row = new ArrayList<>(group.getKey());
            for (AggregateCall call : node.calls()) {
                row.add(evaluate(call, group.getValue()));
            }
            expected.merge(row, 1L, Long::sum);
        }
        return expected;
    }

    /** One call over a group's rows (each copy of a row listed once), as SQL defines it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object evaluate(AggregateCall call, List<List<Object>> rows) {
        List<List<Object>> counted = new ArrayList<>();
        for (List<Object> row : rows) {
            boolean filtered = call.filterColumn() >= 0 && !Boolean.TRUE.equals(row.get(call.filterColumn()));
            boolean nullArgument = !call.arguments().isEmpty() && row.get(call.arguments().get(0)) == null;
            if (!filtered && !nullArgument) {
                counted.add(row);
            }
        }
        List<Object> values = new ArrayList<>();
        for (List<Object> row : counted) {
            values.add(call.arguments().isEmpty() ? Boolean.TRUE : row.get(call.arguments().get(0)));
        }
        if (call.distinct() && call.function() != Function.STRING_AGG) {
            values = new ArrayList<>(new LinkedHashSet<>(values));
        }
        Comparator<Object> natural = (left, right) -> ((Comparable) left).compareTo(right);
        switch (call.function()) {
            case COUNT:
                return (long) values.size();
            case SUM:
            case SUM0: {
                if (values.isEmpty() && call.function() == Function.SUM) {
                    return null;
                }
                if (call.resultType().kind() == DataType.Kind.DOUBLE) {
                    return values.stream().mapToDouble(value -> (Double) value).sum();
                }
                if (call.resultType().kind() == DataType.Kind.DECIMAL) {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (Object value : values) {
                        sum = sum.add((BigDecimal) value);
                    }
                    return sum.setScale(call.resultType().scale());
                }
                return values.stream().mapToLong(value -> (Long) value).sum();
            }
            case MIN:
            case MAX: {
                if (values.isEmpty()) {
                    return null;
                }
                Object extreme = call.function() == Function.MIN ? values.stream().min(natural).get()
                        : values.stream().max(natural).get();
                if (extreme instanceof BigDecimal decimal) {
                    return decimal.setScale(call.resultType().scale());
                }
                return extreme;
            }
            case BOOL_AND:
                return values.isEmpty() ? null : !values.contains(false);
            case BOOL_OR:
                return values.isEmpty() ? null : values.contains(true);
            case STRING_AGG:
                return stringAgg(call, counted);
        }
        throw new AssertionError(call);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String stringAgg(AggregateCall call, List<List<Object>> rows) {
        int valueColumn = call.arguments().get(0);
        List<List<Object>> entries = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> entry = new ArrayList<>();
            for (SortKey key : call.order()) {
                entry.add(row.get(key.column()));
            }
            entry.add(row.get(valueColumn));
            entry.add(call.arguments().size() > 1 ? row.get(call.arguments().get(1)) : ",");
            entries.add(entry);
        }
        if (call.distinct()) {
            entries = new ArrayList<>(new LinkedHashSet<>(entries));
        }
        Comparator<List<Object>> order = (left, right) -> 0;
        for (int i = 0; i < call.order().size() + 2; i++) {
            int index = i;
            Comparator<Object> natural = (left, right) -> ((Comparable) left).compareTo(right);
            boolean descending = i < call.order().size() && call.order().get(i).descending();
            boolean nullsFirst = i < call.order().size() && call.order().get(i).nullsFirst();
            natural = descending ? natural.reversed() : natural;
            Comparator<Object> withNulls = nullsFirst ? Comparator.nullsFirst(natural) : Comparator.nullsLast(natural);
            order = order.thenComparing(entry -> entry.get(index), withNulls);
        }
        entries.sort(order);
        if (entries.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            List<Object> entry = entries.get(i);
            Object delimiter = entry.get(entry.size() - 1);
            if (i > 0 && delimiter != null) {
                text.append(delimiter);
            }
            text.append(entry.get(entry.size() - 2));
        }
        return text.toString();
    }

    private OperatorHarness harness(StreamAggregate node) {
        return new OperatorHarness(directory, node, context -> new AggregateOperator(node, context));
    }

    private static StreamAggregate aggregate(List<Integer> groupKeys, AggregateCall... calls) {
        return aggregate(groupKeys, false, List.of(calls));
    }

    private static StreamAggregate aggregate(List<Integer> groupKeys, boolean appendOnly, List<AggregateCall> calls) {
        StreamScan scan = new StreamScan(1, "t", ObjectKind.TABLE, INPUT_NAMES, INPUT_TYPES, List.of(), appendOnly,
                Map.of());
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (int column : groupKeys) {
            names.add(INPUT_NAMES.get(column));
            types.add(INPUT_TYPES.get(column));
        }
        for (AggregateCall call : calls) {
            names.add(call.name());
            types.add(call.resultType());
        }
        return new StreamAggregate(scan, groupKeys, calls, names, types);
    }

    /** A call named after its function and arguments, e.g. {@code sum_x}. */
    private static AggregateCall call(Function function, DataType resultType, Integer... arguments) {
        StringBuilder name = new StringBuilder(function.name().toLowerCase(Locale.ROOT));
        for (int argument : arguments) {
            name.append('_').append(INPUT_NAMES.get(argument));
        }
        return new AggregateCall(function, List.of(arguments), false, -1, List.of(), resultType, name.toString());
    }

    private static AggregateCall distinct(AggregateCall call) {
        return new AggregateCall(call.function(), call.arguments(), true, call.filterColumn(), call.order(),
                call.resultType(), call.name() + "_distinct");
    }

    private static AggregateCall filtered(AggregateCall call, int filterColumn) {
        return new AggregateCall(call.function(), call.arguments(), call.distinct(), filterColumn, call.order(),
                call.resultType(), call.name() + "_filtered");
    }

    private static AggregateCall ordered(AggregateCall call, SortKey... order) {
        return new AggregateCall(call.function(), call.arguments(), call.distinct(), call.filterColumn(),
                List.of(order), call.resultType(), call.name());
    }

    /** An input row: alternating column indexes and values; unnamed columns are NULL. */
    private static Object[] in(Object... columnsAndValues) {
        Object[] row = new Object[INPUT_NAMES.size()];
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row[(Integer) columnsAndValues[i]] = columnsAndValues[i + 1];
        }
        return row;
    }

    private static List<Object> out(Object... values) {
        return Arrays.asList(values);
    }
}
