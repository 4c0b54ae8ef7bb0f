package dev.freshet.storage.internal;

/**
 * UTF-8 encoding straight into a caller's array, so codecs can size a key or row exactly before
 * allocating it once. Unpaired surrogates become '?', as {@code String.getBytes(UTF_8)} does.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** The number of bytes {@link #encode} writes for the string. */
    public static int encodedLength(String value) {
        int length = value.length();
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            }
            else if (c < 0x800) {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            }
            else if (Character.isSurrogate(c)) {
                bytes += 1;
            }
            else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Writes the UTF-8 bytes of the string at {@code position}; returns the position after them. */
    public static int encode(String value, byte[] target, int position) {
        int length = value.length();
        int pos = position;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                target[pos++] = (byte) c;
            }
            else if (c < 0x800) {
                target[pos++] = (byte) (0xC0 | (c >> 6));
                target[pos++] = (byte) (0x80 | (c & 0x3F));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                target[pos++] = (byte) (0xF0 | (codePoint >> 18));
                target[pos++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                target[pos++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                target[pos++] = (byte) (0x80 | (codePoint & 0x3F));
            }
            else if (Character.isSurrogate(c)) {
                target[pos++] = (byte) '?';
            }
            else {
                target[pos++] = (byte) (0xE0 | (c >> 12));
                target[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                target[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return pos;
    }
}
