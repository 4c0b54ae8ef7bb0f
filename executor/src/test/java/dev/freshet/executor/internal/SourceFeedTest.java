package dev.freshet.executor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.freshet.executor.SourceOffsets.SplitPosition;
import dev.freshet.executor.source.SourceOutput;
import dev.freshet.executor.source.SourceReader;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.WatermarkDescriptor;
import dev.freshet.storage.ReadView;
import dev.freshet.storage.StorageEngine;
import dev.freshet.storage.StorageEngines;
import dev.freshet.storage.StorageOptions;
import dev.freshet.storage.StorageWriter;
import dev.freshet.planner.stream.CompiledExpressions;

class SourceFeedTest {
    private static final long SECOND = 1_000;
    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final StepExecutor INLINE = new StepExecutor(null);

    @Test
    void shouldHoldTheWatermarkAtTheSlowestSplitAndLeaveOutRowsBehindIt() {
        ScriptedReader reader = new ScriptedReader(0, 1);
        SourceFeed feed = feed(reader, 0);
        reader.next(0, 10 * SECOND);
        reader.next(1, 4 * SECOND);
        assertThat(feed.poll(100, 0, INLINE).size()).isEqualTo(2);
        // Split 1 is behind: the watermark is its time minus the one-second delay.
        assertThat(feed.watermark()).isEqualTo(3 * SECOND);
        reader.next(1, 2 * SECOND);      // behind the watermark: late
        reader.next(0, 3 * SECOND);      // on the watermark: on time
        ChangeBatch rows = feed.poll(100, 0, INLINE);
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.row(0)[0]).isEqualTo(3 * SECOND);
        assertThat(feed.progress()).allSatisfy(progress -> assertThat(progress.watermark()).isEqualTo(3 * SECOND));
    }

    @Test
    void shouldLetAnIdleSplitStopHoldingTheWatermarkBackAndThenAdvanceWithTheClock() {
        ScriptedReader reader = new ScriptedReader(0, 1);
        SourceFeed feed = feed(reader, 5 * SECOND);
        reader.next(0, 20 * SECOND);
        reader.next(1, 10 * SECOND);
        feed.poll(100, 0, INLINE);
        assertThat(feed.watermark()).isEqualTo(9 * SECOND);
        // Split 1 says nothing for 6 s while split 0 goes on: split 0 alone sets the watermark.
        reader.next(0, 30 * SECOND);
        feed.poll(100, 6 * SECOND * NANOS_PER_MILLI, INLINE);
        assertThat(feed.watermark()).isEqualTo(29 * SECOND);
        // Both quiet past the timeout: the watermark moves with the clock from the largest.
        feed.poll(100, 13 * SECOND * NANOS_PER_MILLI, INLINE);
        assertThat(feed.watermark()).isEqualTo(29 * SECOND + 2 * SECOND);
    }

    @Test
    void shouldPassAllTimesOnceEverySplitHasEnded() {
        ScriptedReader reader = new ScriptedReader(0);
        SourceFeed feed = feed(reader, 0);
        reader.next(0, 10 * SECOND);
        feed.poll(100, 0, INLINE);
        assertThat(feed.watermark()).isEqualTo(9 * SECOND);
        reader.finished = true;
        feed.poll(100, 0, INLINE);
        assertThat(feed.finished()).isTrue();
        assertThat(feed.watermark()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldKeepTheWatermarkBelowAllTimesWhileNoSplitIsKnown() {
        ScriptedReader reader = new ScriptedReader();
        SourceFeed feed = feed(reader, 0);
        feed.poll(100, 0, INLINE);
        assertThat(feed.watermark()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldHaveChangesToCommitOnlyWhenASplitOrItsWatermarkMoved(@TempDir Path directory) {
        ScriptedReader reader = new ScriptedReader(0);
        SourceFeed feed = feed(reader, 0);
        assertThat(feed.hasChanges()).as("never committed").isTrue();
        try (StorageEngine storage = StorageEngines.open(directory, StorageOptions.defaults())) {
            commit(feed, storage);
            assertThat(feed.hasChanges()).isFalse();
            feed.poll(100, 0, INLINE);
            assertThat(feed.hasChanges()).as("a poll that read nothing").isFalse();
            reader.next(0, 10 * SECOND);
            feed.poll(100, 0, INLINE);
            assertThat(feed.hasChanges()).as("a row moved the split and its watermark").isTrue();
            commit(feed, storage);
            assertThat(feed.hasChanges()).isFalse();
        }
    }

    private static void commit(SourceFeed feed, StorageEngine storage) {
        try (StorageWriter writer = storage.beginBatch(); ReadView read = storage.openReadView()) {
            SourceCounts counts = new SourceCounts();
            feed.commit(writer, storage.ids(), counts);
            counts.write(writer, read);
            writer.commit();
        }
    }

    private static SourceFeed feed(ScriptedReader reader, long idleTimeoutMillis) {
        SourceDescriptor source = new SourceDescriptor(7, "s",
                List.of(new ColumnDescriptor("ts", DataType.of(DataType.Kind.TIMESTAMP), true, null)), "test",
                Map.of("connector", "test"),
                new WatermarkDescriptor("ts", "ts - INTERVAL '1' SECOND", idleTimeoutMillis), "CREATE SOURCE s ...");
        CompiledExpressions watermark = new CompiledExpressions("ts - 1 s", 1,
                () -> row -> new Object[] {row[0] == null ? null : (Long) row[0] - SECOND});
        return new SourceFeed(1, source, List.of(reader), watermark, Map.<Integer, SplitPosition>of());
    }

    /** A reader of fixed splits that hands out the rows it is given, one time column each. */
    private static final class ScriptedReader implements SourceReader {
        private final Map<Integer, Long> positions = new HashMap<>();
        private final Queue<long[]> rows = new ArrayDeque<>();
        private boolean finished;

        ScriptedReader(int... splits) {
            for (int split : splits) {
                positions.put(split, 0L);
            }
        }

        void next(int split, long time) {
            rows.add(new long[] {split, time});
        }

        @Override
        public int poll(int max, long nowNanos, SourceOutput output) {
            int count = 0;
            while (!rows.isEmpty() && count < max) {
                long[] row = rows.poll();
                output.row((int) row[0], new Object[] {row[1]});
                positions.merge((int) row[0], 1L, Long::sum);
                count++;
            }
            return count;
        }

        @Override
        public BooleanSupplier catchUpPoint(long nowNanos) {
            return rows::isEmpty;
        }

        @Override
        public Map<Integer, Long> positions() {
            return positions;
        }

        @Override
        public boolean finished() {
            return finished;
        }

        @Override
        public boolean finished(int split) {
            return finished;
        }
    }
}
