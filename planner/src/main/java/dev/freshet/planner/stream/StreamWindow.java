package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.freshet.planner.DataType;

/**
 * Assigns each row to its event-time windows, as the window table functions {@code TUMBLE},
 * {@code HOP} and {@code CUMULATE} do: the output row is the input row followed by
 * {@code window_start} and {@code window_end}, once per window that holds the row's time. Windows
 * are half open, {@code [window_start, window_end)}, and start at {@code offset} plus a multiple
 * of the slide: {@code TUMBLE} is the hop whose slide is its size, so every row lands in exactly
 * one window. {@code CUMULATE} windows start like TUMBLE's of its size and end at every step of
 * it (the slide here), so a row lies in the ones that end after its time. A row whose time is
 * NULL belongs to no window. Linear, so stateless: a retraction leaves the same windows its
 * insertion entered.
 *
 * <p>Times are Calcite's internal form, milliseconds since the epoch, for TIMESTAMP and
 * TIMESTAMP WITH LOCAL TIME ZONE alike.
 *
 * @param function {@code TUMBLE}, {@code HOP} or {@code CUMULATE}
 * @param timeColumn the input column holding each row's event time
 * @param sizeMillis the length of a window
 * @param slideMillis how far apart window starts are (the size for TUMBLE); for CUMULATE, the step
 *     between window ends
 * @param offsetMillis the start of the window that contains the epoch's first millisecond, modulo the slide
 */
public record StreamWindow(StreamNode input, String function, int timeColumn, long sizeMillis, long slideMillis,
        long offsetMillis, List<String> outputNames, List<DataType> outputTypes) implements StreamNode {
    public StreamWindow {
        requireNonNull(input, "input is null");
        requireNonNull(function, "function is null");
        outputNames = List.copyOf(requireNonNull(outputNames, "outputNames is null"));
        outputTypes = List.copyOf(requireNonNull(outputTypes, "outputTypes is null"));
        if (sizeMillis <= 0 || slideMillis <= 0) {
            throw new IllegalArgumentException("window size and slide must be positive");
        }
        if (timeColumn < 0 || timeColumn >= input.outputTypes().size()) {
            throw new IllegalArgumentException("no input column " + timeColumn);
        }
    }

    @Override
    public List<StreamNode> inputs() {
        return List.of(input);
    }

    /** The output column holding the window's start; {@link #windowEndColumn()} follows it. */
    public int windowStartColumn() {
        return input.outputTypes().size();
    }

    public int windowEndColumn() {
        return input.outputTypes().size() + 1;
    }

    /**
     * The input's key, and for overlapping windows also the window start: a row appears once per
     * window.
     */
    @Override
    public List<Integer> uniqueKey() {
        if (input.uniqueKey().isEmpty()) {
            return List.of();
        }
        List<Integer> key = new ArrayList<>(input.uniqueKey());
        if (slideMillis < sizeMillis) {
            key.add(cumulative() ? windowEndColumn() : windowStartColumn());
        }
        return key;
    }

    @Override
    public boolean appendOnly() {
        return input.appendOnly();
    }

    @Override
    public List<StateTableLayout> stateTables() {
        return List.of();
    }

    /**
     * The input's bounded columns, and the window bounds: a row at time {@code t >= W + o} lies
     * in windows ending after {@code t} and starting after {@code t - size}.
     */
    @Override
    public Map<Integer, Long> watermarkColumns() {
        Map<Integer, Long> columns = new java.util.TreeMap<>(input.watermarkColumns());
        Long time = input.watermarkColumns().get(timeColumn);
        if (time != null) {
            columns.put(windowStartColumn(), time + 1 - sizeMillis);
            columns.put(windowEndColumn(), time + 1);
        }
        return columns;
    }

    /** True for CUMULATE: one start, growing ends. */
    public boolean cumulative() {
        return function.equals("CUMULATE");
    }

    /** Every window holding the time, as {@code {start, end}} pairs, earliest first. */
    public long[][] windows(long time) {
        if (cumulative()) {
            long start = time - Math.floorMod(time - offsetMillis, sizeMillis);
            List<long[]> windows = new ArrayList<>();
            for (long end = start + slideMillis; end <= start + sizeMillis; end += slideMillis) {
                if (end > time) {
                    windows.add(new long[] {start, end});
                }
            }
            return windows.toArray(new long[0][]);
        }
        long[] starts = windowStarts(time);
        long[][] windows = new long[starts.length][];
        for (int i = 0; i < starts.length; i++) {
            windows[i] = new long[] {starts[i], starts[i] + sizeMillis};
        }
        return windows;
    }

    /** The start of every TUMBLE or HOP window holding the time, earliest first. */
    public long[] windowStarts(long time) {
        long last = time - Math.floorMod(time - offsetMillis, slideMillis);
        int count = 0;
        for (long start = last; start > time - sizeMillis; start -= slideMillis) {
            count++;
        }
        long[] starts = new long[count];
        long start = last;
        for (int i = count - 1; i >= 0; i--) {
            starts[i] = start;
            start -= slideMillis;
        }
        return starts;
    }

    @Override
    public String explain() {
        String time = input.outputNames().get(timeColumn);
        String arguments = function.equals("TUMBLE") ? "size: " + sizeMillis + " ms"
                : (cumulative() ? "step: " : "slide: ") + slideMillis + " ms, size: " + sizeMillis + " ms";
        return "StreamWindow(" + function + " on " + time + ", " + arguments
                + (offsetMillis == 0 ? "" : ", offset: " + offsetMillis + " ms") + ")";
    }
}
