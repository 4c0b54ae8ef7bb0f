package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.freshet.planner.DataType;

/**
 * {@code EMIT ON WINDOW CLOSE}: holds back its input's changes until the watermark closes their
 * window, then emits what they add up to, once. A window is closed when its value in
 * {@link #closingColumn} is below the watermark plus that column's offset (see
 * {@link StreamNode#watermarkColumns()}): no change can reach it any more, so the rows emitted are
 * final and the output only ever inserts.
 *
 * <p>State: the table {@code pending}, keyed by the closing column and then every input column,
 * with {@code count} (BIGINT), the summed weight of the row's changes so far. Keyed by the
 * closing column first, the windows the watermark closes are a range at the start of the table.
 *
 * @param closingColumn the input column that decides when a row's window closes
 */
public record StreamEmitOnWindowClose(StreamNode input, int closingColumn) implements StreamNode {
    public StreamEmitOnWindowClose {
        requireNonNull(input, "input is null");
        if (!input.watermarkColumns().containsKey(closingColumn)) {
            throw new IllegalArgumentException("column " + closingColumn + " is not bounded by a watermark");
        }
    }

    /** The offset of the closing column: a row is final once its value there is below the watermark plus it. */
    public long closingOffset() {
        return input.watermarkColumns().get(closingColumn);
    }

    @Override
    public List<StreamNode> inputs() {
        return List.of(input);
    }

    @Override
    public List<String> outputNames() {
        return input.outputNames();
    }

    @Override
    public List<DataType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public List<Integer> uniqueKey() {
        return input.uniqueKey();
    }

    @Override
    public boolean appendOnly() {
        return true;
    }

    @Override
    public Map<Integer, Long> watermarkColumns() {
        return input.watermarkColumns();
    }

    @Override
    public List<StateTableLayout> stateTables() {
        int width = input.outputTypes().size();
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        names.add("_closes_at");
        types.add(input.outputTypes().get(closingColumn));
        List<Integer> key = new ArrayList<>();
        key.add(0);
        for (int i = 0; i < width; i++) {
            names.add(input.outputNames().get(i));
            types.add(input.outputTypes().get(i));
            key.add(i + 1);
        }
        names.add("count");
        types.add(DataType.of(DataType.Kind.BIGINT));
        return List.of(new StateTableLayout("pending", names, types, key));
    }

    @Override
    public String explain() {
        return "StreamEmitOnWindowClose(when the watermark passes: " + input.outputNames().get(closingColumn) + ")";
    }
}
