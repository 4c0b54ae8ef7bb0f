package dev.freshet.executor.internal;

import static dev.freshet.executor.internal.OperatorHarness.batch;
import static dev.freshet.executor.internal.OperatorHarness.row;
import static dev.freshet.executor.internal.OperatorHarness.zset;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.freshet.planner.DataType;
import dev.freshet.planner.ObjectKind;
import dev.freshet.planner.stream.AggregateCall;
import dev.freshet.planner.stream.CompiledExpressions;
import dev.freshet.planner.stream.IntervalBand;
import dev.freshet.planner.stream.JoinKind;
import dev.freshet.planner.stream.StreamAggregate;
import dev.freshet.planner.stream.StreamEmitOnWindowClose;
import dev.freshet.planner.stream.StreamJoin;
import dev.freshet.planner.stream.StreamScan;
import dev.freshet.planner.stream.StreamSessionWindow;
import dev.freshet.planner.stream.StreamWindow;

/**
 * The event-time operators: window assignment, sessions (against sessions recomputed from scratch
 * under random changes, commits, restarts and a rising watermark), and EMIT ON WINDOW CLOSE.
 */
class WindowOperatorsTest {
    private static final DataType BIGINT = DataType.of(DataType.Kind.BIGINT);
    private static final DataType TIMESTAMP = DataType.of(DataType.Kind.TIMESTAMP);
    private static final long GAP = 5;

    @TempDir
    Path directory;

    /** A table (k BIGINT, ts TIMESTAMP) whose watermark bounds ts. */
    private static StreamScan clicks() {
        return new StreamScan(1, "clicks", ObjectKind.TABLE, List.of("k", "ts"), List.of(BIGINT, TIMESTAMP), List.of(),
                false, Map.of(1, 0L));
    }

    private static StreamWindow hop(long slide, long size, long offset) {
        return new StreamWindow(clicks(), "HOP", 1, size, slide, offset,
                List.of("k", "ts", "window_start", "window_end"), List.of(BIGINT, TIMESTAMP, TIMESTAMP, TIMESTAMP));
    }

    @Test
    void shouldStartWindowsAtOffsetPlusMultiplesOfTheSlideAlsoBeforeTheEpoch() {
        assertThat(hop(10, 10, 0).windowStarts(17)).containsExactly(10);
        assertThat(hop(10, 10, 0).windowStarts(-3)).containsExactly(-10);
        assertThat(hop(10, 10, 3).windowStarts(2)).containsExactly(-7);
        assertThat(hop(5, 10, 0).windowStarts(12)).containsExactly(5, 10);
        assertThat(hop(4, 10, 0).windowStarts(9)).containsExactly(0, 4, 8);
        assertThat(hop(4, 10, 0).windowStarts(10)).containsExactly(4, 8);
    }

    @Test
    void shouldBoundWindowColumnsByTheWatermark() {
        assertThat(hop(5, 10, 0).watermarkColumns()).containsEntry(1, 0L).containsEntry(2, -9L).containsEntry(3, 1L);
        assertThat(session(List.of(0)).watermarkColumns()).containsOnlyKeys(3).containsEntry(3, 1L);
    }

    @Test
    void shouldCopyEachRowIntoItsWindowsAndLeaveOutNullTimes() throws IOException {
        StreamWindow node = hop(5, 10, 0);
        try (OperatorHarness harness = new OperatorHarness(directory, node, context -> new WindowOperator(node, context))) {
            ChangeBatch output = harness.step(0, batch(row(1L, 12L), 1, row(2L, null), 1, row(3L, 4L), -1));

            assertThat(zset(output)).containsOnly(
                    Map.entry(List.of(1L, 12L, 5L, 15L), 1L), Map.entry(List.of(1L, 12L, 10L, 20L), 1L),
                    Map.entry(List.of(3L, 4L, -5L, 5L), -1L), Map.entry(List.of(3L, 4L, 0L, 10L), -1L));
        }
    }

    private static StreamSessionWindow session(List<Integer> keys) {
        return new StreamSessionWindow(clicks(), 1, keys, GAP, List.of("k", "ts", "window_start", "window_end"),
                List.of(BIGINT, TIMESTAMP, TIMESTAMP, TIMESTAMP));
    }

    @Test
    void shouldMergeSessionsWhenARowBridgesThemAndSplitThemWhenItGoes() throws IOException {
        StreamSessionWindow node = session(List.of(0));
        try (OperatorHarness harness = new OperatorHarness(directory, node,
                context -> new SessionWindowOperator(node, context))) {
            harness.step(0, batch(row(1L, 0L), 1, row(1L, 8L), 1, row(2L, 4L), 1));

            ChangeBatch merged = harness.step(0, batch(row(1L, 4L), 1));

            assertThat(zset(merged)).containsOnly(
                    Map.entry(List.of(1L, 0L, 0L, 5L), -1L), Map.entry(List.of(1L, 8L, 8L, 13L), -1L),
                    Map.entry(List.of(1L, 0L, 0L, 13L), 1L), Map.entry(List.of(1L, 4L, 0L, 13L), 1L),
                    Map.entry(List.of(1L, 8L, 0L, 13L), 1L));

            ChangeBatch split = harness.step(0, batch(row(1L, 4L), -1));

            assertThat(zset(split)).containsOnly(
                    Map.entry(List.of(1L, 0L, 0L, 13L), -1L), Map.entry(List.of(1L, 4L, 0L, 13L), -1L),
                    Map.entry(List.of(1L, 8L, 0L, 13L), -1L),
                    Map.entry(List.of(1L, 0L, 0L, 5L), 1L), Map.entry(List.of(1L, 8L, 8L, 13L), 1L));
        }
    }

    @Test
    void shouldMatchSessionsRecomputedFromScratchUnderRandomChangesRestartsAndWatermarks() throws IOException {
        for (int seed = 0; seed < 40; seed++) {
            runRandomSessions(seed);
        }
    }

    private void runRandomSessions(long seed) throws IOException {
        Random random = new Random(seed);
        boolean keyed = random.nextBoolean();
        StreamSessionWindow node = session(keyed ? List.of(0) : List.of());
        Path seedDirectory = Files.createDirectories(directory.resolve("sessions-" + seed));
        Map<List<Object>, Long> input = new HashMap<>();
        Map<List<Object>, Long> output = new HashMap<>();
        Map<List<Object>, Long> committedInput = new HashMap<>();
        Map<List<Object>, Long> committedOutput = new HashMap<>();
        long watermark = Long.MIN_VALUE;
        long committedWatermark = watermark;
        long maxTime = 0;
        try (OperatorHarness harness = new OperatorHarness(seedDirectory, node,
                context -> new SessionWindowOperator(node, context), random.nextBoolean() ? 2 : 1024)) {
            for (int step = 0; step < 60; step++) {
                String description = "seed " + seed + (keyed ? " keyed" : "") + ", step " + step;
                ChangeBatch changes = new ChangeBatch();
                long floor = Math.max(watermark, 0);
                for (int i = random.nextInt(5); i > 0; i--) {
                    List<List<Object>> changeable = new ArrayList<>();
                    for (List<Object> present : input.keySet()) {
                        if ((Long) present.get(1) >= floor) {
                            changeable.add(present);
                        }
                    }
                    if (changeable.isEmpty() || random.nextInt(10) < 7) {
                        long time = floor + random.nextInt(12);
                        maxTime = Math.max(maxTime, time);
                        List<Object> inserted = List.of((long) random.nextInt(3), time);
                        changes.add(inserted.toArray(), 1);
                        input.merge(inserted, 1L, Long::sum);
                    } else {
                        changeable.sort(Comparator.comparing(List::toString));
                        List<Object> deleted = changeable.get(random.nextInt(changeable.size()));
                        changes.add(deleted.toArray(), -1);
                        input.merge(deleted, -1L, Long::sum);
                        input.values().removeIf(count -> count == 0);
                    }
                }
                accumulate(output, harness.step(0, changes));
                if (random.nextInt(4) == 0) {
                    // As a table's: the largest time seen minus a delay, never going back.
                    watermark = Math.max(watermark, maxTime - random.nextInt(8));
                    accumulate(output, harness.advanceWatermark(watermark));
                }
                assertThat(output).as(description).isEqualTo(sessions(input, keyed));
                for (List<Object> stored : harness.stateRows(0)) {
                    assertThat(sessionEnd(stored, input, keyed)).as("%s: state of a closed session: %s", description,
                            stored).isGreaterThan(watermark);
                }
                int action = random.nextInt(10);
                if (action < 3) {
                    harness.commit();
                    committedInput = new HashMap<>(input);
                    committedOutput = new HashMap<>(output);
                    committedWatermark = watermark;
                } else if (action == 3) {
                    harness.restart();
                    input = new HashMap<>(committedInput);
                    output = new HashMap<>(committedOutput);
                    watermark = committedWatermark;
                    maxTime = Math.max(0, watermark);
                    for (List<Object> present : input.keySet()) {
                        maxTime = Math.max(maxTime, (Long) present.get(1));
                    }
                }
            }
        }
    }

    private static void accumulate(Map<List<Object>, Long> output, ChangeBatch emitted) {
        zset(emitted).forEach((row, weight) -> output.merge(row, weight, Long::sum));
        output.values().removeIf(count -> count == 0);
    }

    /** Every row of the input with its session, computed from scratch. */
    private static Map<List<Object>, Long> sessions(Map<List<Object>, Long> input, boolean keyed) {
        Map<List<Object>, Long> expected = new HashMap<>();
        for (Map.Entry<List<Object>, Long> entry : input.entrySet()) {
            long[] window = session(entry.getKey(), input, keyed);
            List<Object> row = new ArrayList<>(entry.getKey());
            row.add(window[0]);
            row.add(window[1]);
            expected.put(row, entry.getValue());
        }
        return expected;
    }

    private static long sessionEnd(List<Object> stored, Map<List<Object>, Long> input, boolean keyed) {
        return session(List.of(stored.get(0), stored.get(1)), input, keyed)[1];
    }

    /** The session holding the row: extend from its time while a row of its key lies less than the gap away. */
    private static long[] session(List<Object> row, Map<List<Object>, Long> input, boolean keyed) {
        List<Long> times = new ArrayList<>();
        for (List<Object> other : input.keySet()) {
            if (!keyed || other.get(0).equals(row.get(0))) {
                times.add((Long) other.get(1));
            }
        }
        times.sort(Long::compare);
        long start = (Long) row.get(1);
        long end = start;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (long time : times) {
                if (time < start && start - time < GAP) {
                    start = time;
                    grew = true;
                }
                if (time > end && time - end < GAP) {
                    end = time;
                    grew = true;
                }
            }
        }
        return new long[] {start, end + GAP};
    }

    @Test
    void shouldEmitEachClosedWindowOnceWithWhatItsChangesAddUpTo() throws IOException {
        StreamWindow window = hop(10, 10, 0);
        StreamEmitOnWindowClose node = new StreamEmitOnWindowClose(window, 3);
        try (OperatorHarness harness = new OperatorHarness(directory, node,
                context -> new EmitOnWindowCloseOperator(node, context))) {
            harness.step(0, batch(row(1L, 2L, 0L, 10L), 1, row(2L, 12L, 10L, 20L), 1));
            harness.step(0, batch(row(1L, 2L, 0L, 10L), -1, row(1L, 3L, 0L, 10L), 1));
            assertThat(zset(harness.advanceWatermark(9))).isEmpty();

            ChangeBatch closed = harness.advanceWatermark(10);
            harness.commit();

            assertThat(zset(closed)).containsOnly(Map.entry(List.of(1L, 3L, 0L, 10L), 1L));
            assertThat(zset(harness.advanceWatermark(10))).isEmpty();
            assertThat(harness.stateRows(0)).extracting(rowValues -> rowValues.get(2)).containsExactly(12L);
            harness.restart();
            assertThat(zset(harness.advanceWatermark(25))).containsOnly(Map.entry(List.of(2L, 12L, 10L, 20L), 1L));
            assertThat(harness.stateRows(0)).isEmpty();
        }
    }

    @Test
    void shouldFreeTheGroupsOfClosedWindowsInEveryStateTable() throws IOException {
        // GROUP BY window_end, k with COUNT(*) and MIN(ts), which keeps a table of values per group.
        StreamWindow window = hop(10, 10, 0);
        StreamAggregate node = new StreamAggregate(window, List.of(3, 0), List.of(
                new AggregateCall(AggregateCall.Function.COUNT, List.of(), false, -1, List.of(), BIGINT, "n"),
                new AggregateCall(AggregateCall.Function.MIN, List.of(1), false, -1, List.of(), TIMESTAMP, "first")),
                List.of("window_end", "k", "n", "first"), List.of(TIMESTAMP, BIGINT, BIGINT, TIMESTAMP));
        assertThat(node.closesGroups()).isTrue();
        try (OperatorHarness harness = new OperatorHarness(directory, node,
                context -> new AggregateOperator(node, context))) {
            harness.step(0, batch(row(1L, 2L, 0L, 10L), 1, row(2L, 5L, 0L, 10L), 1, row(1L, 12L, 10L, 20L), 1));
            assertThat(harness.stateRows(0)).hasSize(3);
            assertThat(harness.stateRows(1)).hasSize(3);

            assertThat(zset(harness.advanceWatermark(10))).isEmpty();
            harness.commit();

            assertThat(harness.stateRows(0)).extracting(group -> group.get(0)).containsExactly(20L);
            assertThat(harness.stateRows(1)).extracting(value -> value.get(0)).containsExactly(20L);
        }
    }

    @Test
    void shouldForgetIntervalJoinRowsNoFutureRowCanMatch() throws IOException {
        // right.ts BETWEEN left.ts AND left.ts + 10, both sides watermarked on ts.
        StreamJoin node = new StreamJoin(clicks(), clicks(), JoinKind.INNER, List.of(0), List.of(0), null,
                List.of("k", "ts", "k0", "ts0"), List.of(BIGINT, TIMESTAMP, BIGINT, TIMESTAMP), List.of(),
                new IntervalBand(1, 1, 0, 10));
        assertThat(node.watermarkColumns()).containsEntry(1, -10L).containsEntry(3, 0L);
        try (OperatorHarness harness = new OperatorHarness(directory, node,
                context -> new JoinOperator(node, context))) {
            harness.step(batch(row(1L, 0L), 1, row(1L, 20L), 1), batch(row(1L, 5L), 1, row(1L, 25L), 1));

            harness.advanceWatermark(12);
            harness.commit();

            // A left row at 0 only matches right rows up to 10, and right times from now on are at least 12.
            assertThat(harness.stateRows(0)).extracting(stored -> stored.get(1)).containsExactly(20L);
            // A right row at 5 only matches left rows from -5 to 5, and left times from now on are at least 12.
            assertThat(harness.stateRows(1)).extracting(stored -> stored.get(1)).containsExactly(25L);
        }
    }

    @Test
    void shouldLookForFinishedIntervalJoinRowsOnlyOnceEnoughRowsCameAndNeverMatchThemMeanwhile() throws IOException {
        // The planner keeps the band's condition in the residual: right.ts BETWEEN left.ts AND left.ts + 10.
        CompiledExpressions inBand = new CompiledExpressions("ts0 BETWEEN ts AND ts + 10", 1, () -> pair -> {
            long difference = (Long) pair[3] - (Long) pair[1];
            return new Object[] {difference >= 0 && difference <= 10};
        });
        StreamJoin node = new StreamJoin(clicks(), clicks(), JoinKind.INNER, List.of(0), List.of(0), inBand,
                List.of("k", "ts", "k0", "ts0"), List.of(BIGINT, TIMESTAMP, BIGINT, TIMESTAMP), List.of(),
                new IntervalBand(1, 1, 0, 10));
        try (OperatorHarness harness = new OperatorHarness(directory, node,
                context -> new JoinOperator(node, context))) {
            ChangeBatch lefts = new ChangeBatch();
            for (long ts = 100; ts < 108; ts++) {
                lefts.add(row(1L, ts), 1);
            }
            harness.step(lefts, null);
            // The first look finds nothing finished and leaves 8 rows.
            harness.advanceWatermark(50);
            harness.step(batch(row(1L, 60L), 1), null);
            // Every left row is finished now (right times from here on are at least 120), but one row
            // stored since a look that left 8 does not pay for another look yet.
            harness.advanceWatermark(120);
            harness.commit();
            assertThat(harness.stateRows(0)).hasSize(9);
            // A right row matches none of the finished rows still kept: the band is checked for each pair.
            assertThat(harness.step(null, batch(row(1L, 121L), 1)).isEmpty()).isTrue();
            harness.step(batch(row(1L, 115L), 1), null);
            assertThat(harness.stateRows(0)).hasSize(10);

            // Once a quarter of the rows left have come, a look removes them; the end of input always does.
            harness.step(batch(row(1L, 130L), 1), null);
            harness.advanceWatermark(125);
            harness.commit();
            assertThat(harness.stateRows(0)).extracting(stored -> stored.get(1)).containsExactly(115L, 130L);
            harness.advanceWatermark(Long.MAX_VALUE);
            harness.commit();
            assertThat(harness.stateRows(0)).isEmpty();
        }
    }
}
