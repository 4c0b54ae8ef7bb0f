package dev.freshet.executor.source.datagen;

import java.util.SplittableRandom;

/** A random BOOLEAN, true and false equally likely. */
record RandomBooleanGenerator() implements FieldGenerator {
    @Override
    public Object generate(long row, SplittableRandom random, long nowMillis) {
        return random.nextBoolean();
    }
}
