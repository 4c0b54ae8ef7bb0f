package dev.freshet.executor.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly: {@code new String(bytes, UTF_8)} would quietly turn malformed bytes into
 * U+FFFD, and a record of another encoding would then pass as text that no one wrote.
 */
final class Utf8Text {
    private Utf8Text() {
    }

    /**
     * The text of {@code length} bytes from {@code offset}.
     *
     * @throws CharacterCodingException when the bytes are not valid UTF-8
     */
    static String decode(byte[] bytes, int offset, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length))
                .toString();
    }
}
