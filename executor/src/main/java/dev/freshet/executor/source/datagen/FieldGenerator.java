package dev.freshet.executor.source.datagen;

import java.util.SplittableRandom;

/**
 * Makes one column's value for a row, in Calcite's internal representation (see
 * {@code dev.freshet.planner.DataType}).
 *
 * <p>Implementations are immutable and hold no per-row state, so any worker may make any row: the
 * value depends only on the row number, the random source seeded for that row, and the row's
 * generation time.
 */
public interface FieldGenerator {
    /**
     * The value of row {@code row}; never null (nulls are drawn by {@link DatagenField}).
     *
     * @param row the row number, from 0
     * @param random this column's random source for this row
     * @param nowMillis the row's generation time, in milliseconds since the UTC epoch
     */
    Object generate(long row, SplittableRandom random, long nowMillis);
}
