package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.freshet.planner.DataType;

/**
 * An equi-join with state on both sides: each side's rows are kept by join key, a change on one
 * side is joined with the other side's current rows (bilinear: Δ(L ⋈ R) = ΔL ⋈ R + L' ⋈ ΔR).
 * Keys match as SQL {@code =} does: a NULL key matches nothing, and DECIMAL 1.0 matches 1.00.
 * Outer joins emit a row padded with NULLs for a row without partner, and retract it when the
 * first partner arrives. Output columns: the left input's, then the right input's; SEMI and ANTI
 * output the left input's columns only.
 *
 * <p>Paired key columns must have the same type kind (the planner casts one side otherwise): the
 * runtime partitions both inputs by the hash of their key values, and an INTEGER 1 and a BIGINT
 * 1 would land in different instances.
 *
 * @param leftKeys the left input's key columns
 * @param rightKeys the right input's key columns, pairwise equal to {@code leftKeys}
 * @param residual a further condition over the concatenated left and right row, or null; a pair
 *     of rows matches only when it holds
 * @param uniqueKey the output columns that identify a row, or empty
 * @param band for an interval join, the time band the residual condition imposes on a pair of
 *     event-time columns bounded by watermarks on both sides; null otherwise
 */
public record StreamJoin(StreamNode left, StreamNode right, JoinKind kind, List<Integer> leftKeys,
        List<Integer> rightKeys, CompiledExpressions residual, List<String> outputNames, List<DataType> outputTypes,
        List<Integer> uniqueKey, IntervalBand band) implements StreamNode {
    public StreamJoin {
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(kind, "kind is null");
        leftKeys = List.copyOf(requireNonNull(leftKeys, "leftKeys is null"));
        rightKeys = List.copyOf(requireNonNull(rightKeys, "rightKeys is null"));
        if (leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException(leftKeys.size() + " left keys but " + rightKeys.size() + " right keys");
        }
        for (int i = 0; i < leftKeys.size(); i++) {
            DataType leftType = keyType(left, leftKeys.get(i));
            DataType rightType = keyType(right, rightKeys.get(i));
            if (leftType.kind() != rightType.kind()) {
                throw new IllegalArgumentException("join key left.$" + leftKeys.get(i) + " is " + leftType.sqlName()
                        + " but right.$" + rightKeys.get(i) + " is " + rightType.sqlName()
                        + "; cast both to one type before the join");
            }
        }
        outputNames = List.copyOf(requireNonNull(outputNames, "outputNames is null"));
        outputTypes = List.copyOf(requireNonNull(outputTypes, "outputTypes is null"));
        int width = left.outputTypes().size();
        if (kind != JoinKind.SEMI && kind != JoinKind.ANTI) {
            width += right.outputTypes().size();
        }
        if (outputTypes.size() != width) {
            throw new IllegalArgumentException("a " + kind + " join outputs " + width + " columns, not "
                    + outputTypes.size());
        }
        uniqueKey = List.copyOf(requireNonNull(uniqueKey, "uniqueKey is null"));
    }

    /** A join without an interval band. */
    public StreamJoin(StreamNode left, StreamNode right, JoinKind kind, List<Integer> leftKeys, List<Integer> rightKeys,
            CompiledExpressions residual, List<String> outputNames, List<DataType> outputTypes,
            List<Integer> uniqueKey) {
        this(left, right, kind, leftKeys, rightKeys, residual, outputNames, outputTypes, uniqueKey, null);
    }

    private static DataType keyType(StreamNode input, int column) {
        if (column < 0 || column >= input.outputTypes().size()) {
            throw new IllegalArgumentException("join key $" + column + " outside an input of "
                    + input.outputTypes().size() + " columns");
        }
        return input.outputTypes().get(column);
    }

    @Override
    public List<StreamNode> inputs() {
        return List.of(left, right);
    }

    @Override
    public boolean appendOnly() {
        return kind == JoinKind.INNER && left.appendOnly() && right.appendOnly();
    }

    /**
     * Two tables, {@code left} (input 0) and {@code right} (input 1), each holding one row per
     * distinct row of its input whose join key has no NULL (rows equal as SQL compares them, such
     * as ones differing only in 1.0 and 1.00, share one row). Columns: the input's columns in input
     * order, then {@code _count} (BIGINT, the row's multiplicity, never 0: a row whose count
     * reaches 0 is deleted), then, when {@link #tracksDegree} holds for the input, {@code _degree}
     * (BIGINT, the summed count of the other side's rows it matches, residual included). Key: the
     * input's join key columns, each once, in key order, then its other columns in input order, so
     * a prefix scan by join key finds a row's partners.
     */
    @Override
    public List<StateTableLayout> stateTables() {
        return List.of(sideTable("left", left, leftKeys, tracksDegree(0)),
                sideTable("right", right, rightKeys, tracksDegree(1)));
    }

    /**
     * True when the state of the input (0 left, 1 right) keeps, for each row, how many rows of the
     * other side it matches: the side an outer join preserves (it pads a row whose degree is 0),
     * and the left side of SEMI and ANTI (they output a left row as its degree leaves or reaches 0).
     */
    public boolean tracksDegree(int input) {
        if (input != 0 && input != 1) {
            throw new IllegalArgumentException("a join has inputs 0 and 1, not " + input);
        }
        return switch (kind) {
            case INNER -> false;
            case LEFT, SEMI, ANTI -> input == 0;
            case RIGHT -> input == 1;
            case FULL -> true;
        };
    }

    private static StateTableLayout sideTable(String name, StreamNode input, List<Integer> keys, boolean degree) {
        List<String> names = new ArrayList<>(input.outputNames());
        List<DataType> types = new ArrayList<>(input.outputTypes());
        names.add("_count");
        types.add(DataType.of(DataType.Kind.BIGINT));
        if (degree) {
            names.add("_degree");
            types.add(DataType.of(DataType.Kind.BIGINT));
        }
        Set<Integer> keyColumns = new LinkedHashSet<>(keys);
        for (int column = 0; column < input.outputTypes().size(); column++) {
            keyColumns.add(column);
        }
        return new StateTableLayout(name, names, types, List.copyOf(keyColumns));
    }

    @Override
    public String explain() {
        StringBuilder text = new StringBuilder("StreamJoin(").append(kind.name().toLowerCase(java.util.Locale.ROOT))
                .append(", on: ");
        for (int i = 0; i < leftKeys.size(); i++) {
            text.append(i == 0 ? "" : " AND ").append("left.$").append(leftKeys.get(i)).append(" = right.$")
                    .append(rightKeys.get(i));
        }
        if (residual != null) {
            text.append(", and: ").append(residual.describe());
        }
        if (closesKeys()) {
            text.append(", keys final below the watermark on: left.$").append(leftKeys.get(0));
        }
        if (band != null) {
            text.append(", band: ").append(band.describe());
        }
        return text.append(')').toString();
    }

    /**
     * The key columns bounded on both sides (a window join's window columns), at the lesser
     * offset: an output row changes only with a row of either input, and both carry the same key.
     * Other columns are not bounded: a new row of one side meets old rows of the other.
     */
    @Override
    public Map<Integer, Long> watermarkColumns() {
        Map<Integer, Long> leftBounded = left.watermarkColumns();
        Map<Integer, Long> rightBounded = right.watermarkColumns();
        int leftWidth = left.outputTypes().size();
        boolean rightColumns = kind != JoinKind.SEMI && kind != JoinKind.ANTI;
        Map<Integer, Long> columns = new TreeMap<>();
        for (int i = 0; i < leftKeys.size(); i++) {
            Long leftOffset = leftBounded.get(leftKeys.get(i));
            Long rightOffset = rightBounded.get(rightKeys.get(i));
            if (leftOffset != null && rightOffset != null) {
                long offset = Math.min(leftOffset, rightOffset);
                columns.merge(leftKeys.get(i), offset, Math::min);
                if (rightColumns) {
                    columns.merge(leftWidth + rightKeys.get(i), offset, Math::min);
                }
            }
        }
        if (band != null) {
            // An output row comes from a new row of its side, or from a new row of the other side
            // matching an old one, whose time the band then bounds.
            long leftOffset = leftBounded.get(band.leftTime());
            long rightOffset = rightBounded.get(band.rightTime());
            if (band.hasUpper()) {
                columns.merge(band.leftTime(), Math.min(leftOffset, saturatedSubtract(rightOffset, band.upperMillis())),
                        Math::max);
            }
            if (band.hasLower() && rightColumns) {
                columns.merge(leftWidth + band.rightTime(), Math.min(rightOffset,
                        saturatedSubtract(leftOffset, -band.lowerMillis())), Math::max);
            }
        }
        return columns;
    }

    /**
     * True when the first key pair is bounded by the watermark on both sides (a window join's
     * window column, which the planner puts first): both state tables lead with it, and a row
     * whose key is below the bound can meet no future row of either side, so the operator frees
     * it.
     */
    public boolean closesKeys() {
        return !leftKeys.isEmpty() && watermarkColumns().containsKey(leftKeys.get(0));
    }

    private static long saturatedSubtract(long a, long b) {
        long difference = a - b;
        if (((a ^ b) & (a ^ difference)) < 0) {
            return b > 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return difference;
    }
}
