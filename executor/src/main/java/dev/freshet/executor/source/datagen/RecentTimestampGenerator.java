package dev.freshet.executor.source.datagen;

import java.util.SplittableRandom;

/**
 * A random TIMESTAMP or TIMESTAMPTZ "near now": uniform in
 * {@code [now - maxPastMillis, now]}, where now is the row's generation time. Values of one
 * worker thus trail its clock by at most {@code maxPastMillis}, which keeps watermarks useful.
 *
 * @param maxPastMillis how far before the generation time a value may lie, at least 0
 */
record RecentTimestampGenerator(long maxPastMillis) implements FieldGenerator {
    RecentTimestampGenerator {
        if (maxPastMillis < 0) {
            throw new IllegalArgumentException("maxPastMillis must not be negative: " + maxPastMillis);
        }
    }

    @Override
    public Object generate(long row, SplittableRandom random, long nowMillis) {
        return nowMillis - random.nextLong(maxPastMillis + 1);
    }
}
