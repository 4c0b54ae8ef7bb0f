package dev.freshet.executor.source.datagen;

import java.util.SplittableRandom;

import org.apache.calcite.avatica.util.ByteString;

/**
 * A random VARCHAR of lower-case letters and digits, or a random BYTEA, of a fixed length.
 *
 * @param bytes true for BYTEA ({@link ByteString}), false for VARCHAR (String)
 * @param length the number of characters or bytes
 */
record RandomTextGenerator(boolean bytes, int length) implements FieldGenerator {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    RandomTextGenerator {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
    }

    @Override
    public Object generate(long row, SplittableRandom random, long nowMillis) {
        if (bytes) {
            byte[] value = new byte[length];
            for (int i = 0; i < length; i++) {
                value[i] = (byte) random.nextInt(256);
            }
            return new ByteString(value);
        }
        char[] value = new char[length];
        for (int i = 0; i < length; i++) {
            value[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(value);
    }
}
