package dev.freshet.executor.source.datagen;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * How one column is filled: its value generator and the share of rows where it is null.
 *
 * @param column the column's name
 * @param generator makes the column's non-null values
 * @param nullRate the probability that a row's value is null, in {@code [0, 1]}
 */
public record DatagenField(String column, FieldGenerator generator, double nullRate) {
    public DatagenField {
        requireNonNull(column, "column is null");
        requireNonNull(generator, "generator is null");
        if (!(nullRate >= 0 && nullRate <= 1)) {
            throw new IllegalArgumentException("nullRate must be in [0, 1]: " + nullRate);
        }
    }

    /** The number of rows a sequence column allows, or empty for a random column, which never ends. */
    public OptionalLong rowLimit() {
        if (generator instanceof SequenceGenerator sequence) {
            return OptionalLong.of(sequence.length());
        }
        return OptionalLong.empty();
    }

    Object generate(long row, SplittableRandom random, long nowMillis) {
        if (nullRate > 0 && random.nextDouble() < nullRate) {
            return null;
        }
        return generator.generate(row, random, nowMillis);
    }
}
