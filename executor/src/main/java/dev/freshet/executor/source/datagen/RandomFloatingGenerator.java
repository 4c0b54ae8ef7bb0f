package dev.freshet.executor.source.datagen;

import java.util.SplittableRandom;

/**
 * A random REAL or DOUBLE, uniform in {@code [min, max]}. A REAL is the double drawn rounded to
 * the nearest float, so it lies in {@code [(float) min, (float) max]}: rounding is monotonic.
 *
 * @param real true for REAL (Float), false for DOUBLE (Double)
 * @param min the smallest value
 * @param max the largest value, at least {@code min}
 */
record RandomFloatingGenerator(boolean real, double min, double max) implements FieldGenerator {
    RandomFloatingGenerator {
        if (!(min <= max)) {
            throw new IllegalArgumentException("max " + max + " is below min " + min);
        }
    }

    @Override
    public Object generate(long row, SplittableRandom random, long nowMillis) {
        // min + u * (max - min) can overflow to infinity for very wide ranges; the convex form cannot.
        double unit = random.nextDouble();
        double value = Math.max(min, Math.min(max, min * (1 - unit) + max * unit));
        if (real) {
            return (float) value;
        }
        return value;
    }
}
