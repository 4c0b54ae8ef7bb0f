package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.freshet.executor.BadRecords;
import dev.freshet.executor.LateRows;
import dev.freshet.executor.RowText;
import dev.freshet.executor.SourceOffsets;
import dev.freshet.executor.SourceProgress;
import dev.freshet.executor.SourceOffsets.SplitPosition;
import dev.freshet.executor.source.SourceOutput;
import dev.freshet.executor.source.SourceReader;
import dev.freshet.planner.SourceDescriptor;
import dev.freshet.planner.stream.CompiledExpressions;
import dev.freshet.planner.stream.RowFunction;
import dev.freshet.storage.IdAllocator;
import dev.freshet.storage.StorageWriter;

/**
 * One materialized view's reading of one source: its readers, which together cover the source's
 * splits, and the source's event time as this view has seen it.
 *
 * <p><b>Watermark.</b> Each split's watermark is the largest value the source's watermark
 * expression gave over the split's rows; the source's, for this view, is the least of its
 * unfinished splits' (a split without rows yet holds it back), and once every split has ended it
 * rises past all times, so every window closes. A row whose event time is below the watermark the
 * poll began with is late: it is left out and recorded with {@link LateRows}, as a table's are.
 *
 * <p><b>Idle splits.</b> With an idle timeout ({@code WATERMARK ... WITH (idle_timeout = ...)}),
 * a split that has had no row for that long no longer holds the watermark back; when every split
 * is idle, the watermark advances with wall-clock time from the largest split watermark,
 * {@code W + (now - last row - timeout)}, as an idle table's does.
 *
 * <p><b>Commit.</b> The readers' positions, the splits' watermarks, and the late and bad records
 * since the last commit are written by {@link #commit} into the epoch's batch, so the view's state
 * and its place in the source are committed together.
 */
public final class SourceFeed {
    private final long viewId;
    private final SourceDescriptor source;
    private final List<SourceReader> readers;
    private final ReaderOutput[] outputs;
    private final int timeColumn;
    private final Map<Integer, Long> splitWatermarks = new HashMap<>();
    /** When each split last had a row (or was first seen), in {@link System#nanoTime()}. */
    private final Map<Integer, Long> lastArrivals = new HashMap<>();
    private final long idleTimeoutNanos;
    private long watermark = Long.MIN_VALUE;
    private boolean saturated;
    private final List<LateRows.LateRow> lateRows = new ArrayList<>();
    private long lateCount;
    private final List<BadRecords.BadRecord> badRecords = new ArrayList<>();
    private long badCount;
    private long rowsRead;
    /** Each split's place and watermark as the last commit wrote them; null before the first. */
    private Map<Integer, SplitPosition> committed;

    /**
     * @param watermark the source's compiled watermark expression, or null when it has none
     * @param committed the splits' committed watermarks (positions went to the readers)
     */
    public SourceFeed(long viewId, SourceDescriptor source, List<SourceReader> readers, CompiledExpressions watermark,
            Map<Integer, SplitPosition> committed) {
        this.viewId = viewId;
        this.source = requireNonNull(source, "source is null");
        this.readers = List.copyOf(readers);
        this.timeColumn = source.watermark() == null || watermark == null ? -1
                : source.columnIndex(source.watermark().column());
        this.outputs = new ReaderOutput[this.readers.size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = new ReaderOutput(timeColumn < 0 ? null : watermark.newFunction());
        }
        committed.forEach((split, place) -> splitWatermarks.put(split, place.watermark()));
        this.idleTimeoutNanos = timeColumn < 0 ? 0 : source.watermark().idleTimeoutMillis() * 1_000_000L;
        this.watermark = timeColumn < 0 ? Long.MAX_VALUE : currentWatermark(System.nanoTime());
    }

    public long sourceId() {
        return source.id();
    }

    public SourceDescriptor source() {
        return source;
    }

    /**
     * Reads at most about {@code maxRows} rows that are available now from all readers, on the
     * worker pool when there are several, and returns them as insertions; late rows are left
     * out. Raises the watermark by the rows read.
     */
    public ChangeBatch poll(int maxRows, long nowNanos, StepExecutor executor) {
        int quota = Math.max(1, maxRows / readers.size());
        long before = watermark;
        List<Runnable> tasks = new ArrayList<>(readers.size());
        for (int i = 0; i < readers.size(); i++) {
            SourceReader reader = readers.get(i);
            ReaderOutput output = outputs[i];
            tasks.add(() -> {
                output.begin(before);
                output.polled = reader.poll(quota, nowNanos, output);
            });
        }
        executor.run(tasks, maxRows);
        ChangeBatch batch = new ChangeBatch(maxRows);
        saturated = false;
        for (ReaderOutput output : outputs) {
            for (Object[] row : output.rows) {
                batch.add(row, 1);
            }
            saturated |= output.polled >= quota;
            output.splitMaxima.forEach((split, value) -> splitWatermarks.merge(split, value, Math::max));
            output.arrivals.forEach(split -> lastArrivals.put(split, nowNanos));
            output.drainInto(this);
        }
        rowsRead += batch.size();
        if (timeColumn >= 0) {
            watermark = Math.max(watermark, currentWatermark(nowNanos));
        }
        return batch;
    }

    /**
     * The least watermark of the unfinished splits that are not idle; past all times once every
     * split has ended; unchanged ({@link Long#MIN_VALUE}) while no split is known yet.
     */
    private long currentWatermark(long nowNanos) {
        long least = Long.MAX_VALUE;
        long largest = Long.MIN_VALUE;
        long lastArrival = Long.MIN_VALUE;
        boolean anySplit = false;
        boolean anyActive = false;
        for (SourceReader reader : readers) {
            for (int split : reader.positions().keySet()) {
                anySplit = true;
                if (reader.finished(split)) {
                    continue;
                }
                long splitWatermark = splitWatermarks.getOrDefault(split, Long.MIN_VALUE);
                long arrival = lastArrivals.computeIfAbsent(split, key -> nowNanos);
                largest = Math.max(largest, splitWatermark);
                lastArrival = Math.max(lastArrival, arrival);
                if (idleTimeoutNanos == 0 || nowNanos - arrival < idleTimeoutNanos) {
                    least = Math.min(least, splitWatermark);
                    anyActive = true;
                }
            }
        }
        if (!anySplit) {
            return finished() ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        if (!anyActive && least == Long.MAX_VALUE && largest > Long.MIN_VALUE && lastArrival > Long.MIN_VALUE
                && !finished()) {
            // Every unfinished split is idle: advance with the clock from the largest watermark.
            long idleMillis = (nowNanos - lastArrival - idleTimeoutNanos) / 1_000_000L;
            return largest + Math.max(0, idleMillis);
        }
        return least;
    }

    /** The source's watermark for this view after the last poll; {@link Long#MAX_VALUE} without one. */
    public long watermark() {
        return watermark;
    }

    /** True when the last poll filled some reader's share: more rows are probably ready at once. */
    public boolean saturated() {
        return saturated;
    }

    /** True when no reader will ever have another row. */
    public boolean finished() {
        for (SourceReader reader : readers) {
            if (!reader.finished()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A test that becomes true once the feed has read everything its source had available at
     * {@code nowNanos} (see {@link SourceReader#catchUpPoint}); test it on the coordinator thread.
     */
    public BooleanSupplier catchUpPoint(long nowNanos) {
        List<BooleanSupplier> points = new ArrayList<>();
        for (SourceReader reader : readers) {
            points.add(reader.catchUpPoint(nowNanos));
        }
        return () -> points.stream().allMatch(BooleanSupplier::getAsBoolean);
    }

    /** The feed's place in each split, for system tables. */
    public List<SourceProgress> progress() {
        List<SourceProgress> progress = new ArrayList<>();
        String problem = null;
        for (SourceReader reader : readers) {
            String readerProblem = reader.problem();
            problem = problem == null ? readerProblem : problem;
            reader.positions().forEach((split, position) -> progress.add(new SourceProgress(viewId, source.id(), split,
                    position, reader.backlog(split).orElse(-1), reader.finished(split), watermark, readerProblem)));
        }
        if (progress.isEmpty() && problem != null) {
            progress.add(new SourceProgress(viewId, source.id(), SourceProgress.NO_SPLIT, 0, -1, false, watermark,
                    problem));
        }
        progress.sort(java.util.Comparator.comparingInt(SourceProgress::split));
        return progress;
    }

    /** How many rows the feed has read since it was opened. */
    public long rowsRead() {
        return rowsRead;
    }

    /**
     * Writes the readers' positions and the splits' watermarks, and the late and bad records read
     * since the last commit, into the epoch's batch; adds how many there were per source to
     * {@code counts}, which the caller writes once for all the feeds of the epoch (several views
     * may read one source).
     */
    public void commit(StorageWriter writer, IdAllocator ids, SourceCounts counts) {
        Map<Integer, SplitPosition> places = places();
        places.forEach((split, place) -> SourceOffsets.write(writer, viewId, source.id(), split, place));
        committed = places;
        for (LateRows.LateRow late : lateRows) {
            LateRows.record(writer, new LateRows.LateRow(ids.nextId(LateRows.SEQUENCE), late.objectId(), late.row(),
                    late.eventTime(), late.watermark(), late.arrivedAt()));
        }
        counts.addLate(source.id(), lateCount);
        for (BadRecords.BadRecord bad : badRecords) {
            BadRecords.record(writer, new BadRecords.BadRecord(ids.nextId(BadRecords.SEQUENCE), bad.sourceId(),
                    bad.viewId(), bad.split(), bad.offset(), bad.raw(), bad.reason(), bad.arrivedAt()));
        }
        counts.addBad(source.id(), badCount);
        lateRows.clear();
        lateCount = 0;
        badRecords.clear();
        badCount = 0;
    }

    /**
     * True when a commit would write something new: a split moved or its watermark did, or late
     * or bad records wait. An epoch in which no feed has any and nothing else changed commits nothing.
     */
    public boolean hasChanges() {
        return !lateRows.isEmpty() || lateCount != 0 || !badRecords.isEmpty() || badCount != 0
                || !places().equals(committed);
    }

    private Map<Integer, SplitPosition> places() {
        Map<Integer, SplitPosition> places = new HashMap<>();
        for (SourceReader reader : readers) {
            reader.positions().forEach((split, position) -> places.put(split,
                    new SplitPosition(position, splitWatermarks.getOrDefault(split, Long.MIN_VALUE))));
        }
        return places;
    }

    /** Closes the readers. */
    public void close() {
        for (SourceReader reader : readers) {
            reader.close();
        }
    }

    @Override
    public String toString() {
        return "source " + source.name() + " for view " + viewId + ": " + readers;
    }

    /** One reader's rows of one poll, with the late and bad records among them; used by one thread. */
    private final class ReaderOutput implements SourceOutput {
        private final RowFunction candidate;
        private final List<Object[]> rows = new ArrayList<>();
        private final Map<Integer, Long> splitMaxima = new HashMap<>();
        private final java.util.Set<Integer> arrivals = new java.util.HashSet<>();
        private final List<LateRows.LateRow> late = new ArrayList<>();
        private final List<BadRecords.BadRecord> bad = new ArrayList<>();
        private long lateRowsSeen;
        private long badRecordsSeen;
        private long watermarkBefore;
        private int polled;

        ReaderOutput(RowFunction candidate) {
            this.candidate = candidate;
        }

        void begin(long watermark) {
            rows.clear();
            splitMaxima.clear();
            arrivals.clear();
            late.clear();
            bad.clear();
            lateRowsSeen = 0;
            badRecordsSeen = 0;
            watermarkBefore = watermark;
            polled = 0;
        }

        @Override
        public void row(int split, Object[] row) {
            arrivals.add(split);
            if (candidate == null) {
                rows.add(row);
                return;
            }
            if (row[timeColumn] instanceof Long time && time < watermarkBefore) {
                lateRowsSeen++;
                if (late.size() < LateRows.RETAINED) {
                    late.add(new LateRows.LateRow(0, source.id(), RowText.row(source.columns(), row), time,
                            watermarkBefore, System.currentTimeMillis()));
                }
                return;
            }
            Object value;
            try {
                value = candidate.apply(row)[0];
            } catch (RuntimeException e) {
                badRecord(split, -1, RowText.row(source.columns(), row),
                        "the watermark expression failed for this row: " + e.getMessage());
                return;
            }
            rows.add(row);
            if (value instanceof Long time) {
                splitMaxima.merge(split, time, Math::max);
            }
        }

        @Override
        public void badRecord(int split, long offset, String raw, String reason) {
            badRecordsSeen++;
            if (bad.size() < BadRecords.RETAINED) {
                bad.add(new BadRecords.BadRecord(0, source.id(), viewId, split, offset, raw, reason,
                        System.currentTimeMillis()));
            }
        }

        /** Hands the poll's late and bad records to the feed, to be written with the next commit. */
        void drainInto(SourceFeed feed) {
            feed.lateCount += lateRowsSeen;
            feed.badCount += badRecordsSeen;
            for (LateRows.LateRow row : late) {
                if (feed.lateRows.size() < LateRows.RETAINED) {
                    feed.lateRows.add(row);
                }
            }
            for (BadRecords.BadRecord record : bad) {
                if (feed.badRecords.size() < BadRecords.RETAINED) {
                    feed.badRecords.add(record);
                }
            }
        }
    }
}
