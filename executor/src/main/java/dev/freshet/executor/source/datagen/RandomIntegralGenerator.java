package dev.freshet.executor.source.datagen;

import static java.util.Objects.requireNonNull;

import java.util.SplittableRandom;

import dev.freshet.planner.DataType;

/**
 * A random value of a type carried as a whole number, uniform in {@code [min, max]}: SMALLINT,
 * INTEGER, BIGINT, DATE (days), TIME (milliseconds of the day) and INTERVAL (milliseconds).
 *
 * @param kind the column's type
 * @param min the smallest value, inclusive, in the internal representation
 * @param max the largest value, inclusive, at least {@code min}
 */
record RandomIntegralGenerator(DataType.Kind kind, long min, long max) implements FieldGenerator {
    RandomIntegralGenerator {
        requireNonNull(kind, "kind is null");
        if (max < min) {
            throw new IllegalArgumentException("max " + max + " is below min " + min);
        }
    }

    @Override
    public Object generate(long row, SplittableRandom random, long nowMillis) {
        long value = draw(random);
        return switch (kind) {
            case SMALLINT -> (short) value;
            case INTEGER, DATE, TIME -> (int) value;
            case BIGINT, INTERVAL -> value;
            default -> throw new IllegalStateException("no whole-number values of type " + kind);
        };
    }

    private long draw(SplittableRandom random) {
        // nextLong(origin, bound) excludes bound, so an inclusive max needs one of three forms.
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        if (min > Long.MIN_VALUE) {
            return random.nextLong(min - 1, max) + 1;
        }
        return random.nextLong();
    }
}
