package dev.freshet.executor.source.datagen;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import dev.freshet.planner.DataType;

/**
 * A random DECIMAL with a fixed scale, uniform over the values of that scale in
 * {@code [min, max]}: drawn as a whole number of units of {@code 10^-scale}.
 *
 * @param unscaled the range of values, in units of {@code 10^-scale}
 * @param scale the number of digits after the point
 */
record RandomDecimalGenerator(RandomIntegralGenerator unscaled, int scale) implements FieldGenerator {
    RandomDecimalGenerator(long minUnscaled, long maxUnscaled, int scale) {
        this(new RandomIntegralGenerator(DataType.Kind.BIGINT, minUnscaled, maxUnscaled), scale);
    }

    @Override
    public Object generate(long row, SplittableRandom random, long nowMillis) {
        return BigDecimal.valueOf((long) unscaled.generate(row, random, nowMillis), scale);
    }
}
