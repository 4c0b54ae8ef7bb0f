package dev.freshet.executor.source.datagen;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Makes the rows of a datagen source: row number {@code n} becomes one value per declared column,
 * in Calcite's internal representation.
 *
 * <p>Everything but TIMESTAMP and TIMESTAMPTZ values is a function of the seed and the row number
 * alone, so any worker may make any row and a rerun makes the same rows: each column of each row
 * draws from its own {@link SplittableRandom}, seeded from the seed, the row number and the
 * column's position, so changing one column's options leaves the other columns' values as they
 * were. Timestamps lie within their {@code max_past} before the row's generation time, read from
 * the clock once per row.
 */
public final class DatagenGenerator {
    /** The golden-ratio increment SplittableRandom itself uses; spreads row and column seeds apart. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final DatagenConfig config;
    private final List<DatagenField> fields;
    private final Clock clock;
    /** The row number just past the last row; {@link Long#MAX_VALUE} for an unbounded source. */
    private final long endRow;

    /**
     * @param config the columns and seed
     * @param clock the source of generation times, for TIMESTAMP and TIMESTAMPTZ columns
     */
    public DatagenGenerator(DatagenConfig config, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.fields = config.fields();
        this.clock = requireNonNull(clock, "clock is null");
        this.endRow = config.rowLimit().orElse(Long.MAX_VALUE);
    }

    public DatagenConfig config() {
        return config;
    }

    /** How many rows the source makes, or empty when it never ends; see {@link DatagenConfig#rowLimit()}. */
    public OptionalLong rowLimit() {
        return config.rowLimit();
    }

    /**
     * Row {@code row}, as a fresh array the caller may keep.
     *
     * @throws IllegalArgumentException when the row number is negative or at or past the row limit
     */
    public Object[] row(long row) {
        if (row < 0 || row >= endRow) {
            throw new IllegalArgumentException("row " + row + " is outside the source's rows");
        }
        long nowMillis = clock.millis();
        // A throwaway generator turns (seed, row) into a well-mixed seed; neighbouring rows would
        // otherwise start from neighbouring states.
        long rowSeed = new SplittableRandom(config.seed() + row * GOLDEN_GAMMA).nextLong();
        Object[] values = new Object[fields.size()];
        for (int column = 0; column < values.length; column++) {
            SplittableRandom random = new SplittableRandom(rowSeed + column * GOLDEN_GAMMA);
            values[column] = fields.get(column).generate(row, random, nowMillis);
        }
        return values;
    }
}
