package dev.freshet.executor.source.nexmark;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The random strings of NEXMark events, drawn exactly as the Flink harness's generator draws them:
 * the same calls on the same {@link SplittableRandom}, in the same order, so that the same seed gives
 * the same characters. Every string is ASCII, so bytes and characters are one and the same.
 */
final class RandomText {
    /** A 64-bit draw (less its sign bit) holds 13 base-26 letters, since 26^13 < 2^63. */
    private static final int LETTERS_PER_DRAW = 13;

    private RandomText() {
    }

    /**
     * Lower-case letters with about one space in 13, of length 3 to {@code maxLength - 1} before
     * leading and trailing spaces are trimmed (so possibly shorter, even empty).
     */
    static String words(SplittableRandom random, int maxLength) {
        int length = 3 + random.nextInt(maxLength - 3);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            // one draw for "space?", a second only for a letter: the order the harness draws in
            bytes[i] = random.nextInt(13) == 0 ? (byte) ' ' : (byte) ('a' + random.nextInt(26));
        }
        int from = 0;
        int to = length;
        while (from < to && bytes[from] == ' ') {
            from++;
        }
        while (to > from && bytes[to - 1] == ' ') {
            to--;
        }
        return ascii(bytes, from, to - from);
    }

    /** Exactly {@code count} lower-case letters. */
    static String letters(SplittableRandom random, int count) {
        byte[] bytes = new byte[count];
        long bits = 0;
        int left = 0;
        for (int i = 0; i < count; i++) {
            if (left == 0) {
                bits = random.nextLong() >>> 1;
                left = LETTERS_PER_DRAW;
            }
            bytes[i] = (byte) ('a' + (int) (bits % 26));
            bits /= 26;
            left--;
        }
        return ascii(bytes, 0, count);
    }

    /**
     * Letters that bring an event of {@code currentSize} bytes to {@code desiredAverage} bytes on
     * average, uniformly within ±20 % of the missing size; nothing, and no draw, when the event is
     * already larger.
     */
    static String padding(SplittableRandom random, int currentSize, int desiredAverage) {
        if (currentSize > desiredAverage) {
            return "";
        }
        int target = desiredAverage - currentSize;
        int delta = (int) Math.round(target * 0.2);
        int size = target - delta;
        if (delta != 0) {
            size += random.nextInt(2 * delta);
        }
        return letters(random, size);
    }

    /** Four space-separated groups of four digits. */
    static String creditCard(SplittableRandom random) {
        byte[] bytes = new byte[19];
        int position = 0;
        for (int group = 0; group < 4; group++) {
            if (group > 0) {
                bytes[position++] = ' ';
            }
            int value = random.nextInt(10_000);
            bytes[position++] = (byte) ('0' + value / 1000);
            bytes[position++] = (byte) ('0' + value / 100 % 10);
            bytes[position++] = (byte) ('0' + value / 10 % 10);
            bytes[position++] = (byte) ('0' + value % 10);
        }
        return ascii(bytes, 0, bytes.length);
    }

    /** {@code https://www.nexmark.com/<d>/<d>/<d>/item.htm?query=1}, each {@code d} from {@link #directory}. */
    static String itemUrl(SplittableRandom random) {
        String first = directory(random);
        String second = directory(random);
        String third = directory(random);
        return "https://www.nexmark.com/" + first + '/' + second + '/' + third + "/item.htm?query=1";
    }

    /** Three or four lower-case letters, each an underscore one time in 13. */
    private static String directory(SplittableRandom random) {
        int length = 3 + random.nextInt(2);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextInt(13) == 0 ? (byte) '_' : (byte) ('a' + random.nextInt(26));
        }
        return ascii(bytes, 0, length);
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        // ISO-8859-1 decodes by copying into a compact (Latin-1) string, the cheapest way for ASCII
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
