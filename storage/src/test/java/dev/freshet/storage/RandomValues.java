package dev.freshet.storage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Random values of each {@link ValueType}, biased towards the edges (extremes, zeros, NaN, empty and
 * NUL-holding strings) and towards a small domain, so that random tuples often tie on a column and
 * comparisons reach the later columns.
 */
final class RandomValues {
    private static final String[] STRINGS = {"", "a", "\0", "a\0", "a\0b", "ab", "b", "\u00e9", "\uffff",
        "\ud83d\ude00", "a\u0001", "z", "\0\0"};

    private final Random random;

    RandomValues(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    ValueType type() {
        ValueType[] types = ValueType.values();
        return types[random.nextInt(types.length)];
    }

    Object value(ValueType type, boolean nullable) {
        if (nullable && random.nextInt(8) == 0) {
            return null;
        }
        switch (type) {
            case BOOLEAN:
                return random.nextBoolean();
            case INT16:
                return (short) pick(new long[] {Short.MIN_VALUE, Short.MAX_VALUE, -1, 0, 1}, random.nextInt());
            case INT32:
                return (int) pick(new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1}, random.nextInt());
            case INT64:
                return pick(new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1}, random.nextLong());
            case FLOAT32: {
                float[] edges = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
                    Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1.5f, -1.5f,
                    Float.intBitsToFloat(0x7fc00001)};
                int choice = random.nextInt(edges.length + 4);
                if (choice < edges.length) {
                    return edges[choice];
                }
                return choice % 2 == 0 ? Float.intBitsToFloat(random.nextInt()) : (float) random.nextGaussian();
            }
            case FLOAT64: {
                double[] edges = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                    Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.5, -1.5,
                    Double.longBitsToDouble(0x7ff8000000000001L)};
                int choice = random.nextInt(edges.length + 4);
                if (choice < edges.length) {
                    return edges[choice];
                }
                return choice % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextGaussian();
            }
            case DECIMAL: {
                int choice = random.nextInt(6);
                if (choice == 0) {
                    return new BigDecimal(BigInteger.valueOf(random.nextInt(3) - 1), random.nextInt(5) - 2);
                }
                if (choice == 1) {
                    String[] edges = {"1", "1.0", "1.00", "10", "0.1", "0.10", "-1", "-1.0", "-10", "-0.1",
                        "0.001", "100", "99.99", "-99.99", "1E+40", "-1E-40", "0.00", "12345678901234567890.5"};
                    return new BigDecimal(edges[random.nextInt(edges.length)]);
                }
                BigInteger unscaled = new BigInteger(random.nextInt(100) + 1, random);
                if (random.nextBoolean()) {
                    unscaled = unscaled.negate();
                }
                return new BigDecimal(unscaled, random.nextInt(40) - 10);
            }
            case STRING: {
                if (random.nextInt(3) > 0) {
                    return STRINGS[random.nextInt(STRINGS.length)];
                }
                StringBuilder builder = new StringBuilder();
                int length = random.nextInt(6);
                for (int i = 0; i < length; i++) {
                    builder.append((char) (random.nextInt(4) == 0 ? random.nextInt(0xD000) : random.nextInt(3)));
                }
                return builder.toString();
            }
            case BYTES: {
                if (random.nextInt(3) > 0) {
                    return STRINGS[random.nextInt(STRINGS.length)].getBytes(StandardCharsets.UTF_8);
                }
                byte[] bytes = new byte[random.nextInt(6)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (random.nextBoolean() ? random.nextInt(3) - 1 : random.nextInt());
                }
                return bytes;
            }
        }
        throw new AssertionError(type);
    }

    private long pick(long[] edges, long randomValue) {
        int choice = random.nextInt(edges.length + 3);
        if (choice < edges.length) {
            return edges[choice];
        }
        return choice == edges.length ? random.nextInt(5) - 2 : randomValue;
    }

    /** The SQL order of two values of one type, NULL last, as PostgreSQL orders them ascending. */
    static int compare(ValueType type, Object left, Object right) {
        if (left == null || right == null) {
            return Boolean.compare(left == null, right == null);
        }
        switch (type) {
            case BOOLEAN:
                return Boolean.compare((Boolean) left, (Boolean) right);
            case INT16:
                return Short.compare((Short) left, (Short) right);
            case INT32:
                return Integer.compare((Integer) left, (Integer) right);
            case INT64:
                return Long.compare((Long) left, (Long) right);
            case FLOAT32:
                // Float.compare puts NaN last, as PostgreSQL does, but separates -0.0 from 0.0.
                return Float.compare((Float) left + 0.0f, (Float) right + 0.0f);
            case FLOAT64:
                return Double.compare((Double) left + 0.0, (Double) right + 0.0);
            case DECIMAL:
                return ((BigDecimal) left).compareTo((BigDecimal) right);
            case STRING:
                return Arrays.compareUnsigned(((String) left).getBytes(StandardCharsets.UTF_8),
                        ((String) right).getBytes(StandardCharsets.UTF_8));
            case BYTES:
                return Arrays.compareUnsigned((byte[]) left, (byte[]) right);
        }
        throw new AssertionError(type);
    }
}
