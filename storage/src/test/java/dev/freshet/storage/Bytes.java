package dev.freshet.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

/** Short spellings of keys and values for storage tests. */
final class Bytes {
    private Bytes() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }

    /** Drains an iterator into "key=value" strings and closes it. */
    static List<String> entries(KvIterator iterator) {
        List<String> entries = new ArrayList<>();
        try (iterator) {
            while (iterator.next()) {
                entries.add(text(iterator.key()) + "=" + text(iterator.value()));
            }
        }
        return entries;
    }
}
