package dev.freshet.server.pgwire.internal;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;

/**
 * One frontend message as {@link PgDecoder} cut it from the stream: its type byte and its body
 * (without type and length). The receiver owns {@code body} and must release it.
 *
 * @param type the message type, or {@link #STARTUP} for the untyped packets a connection opens
 *     with (StartupMessage, SSLRequest, GSSENCRequest, CancelRequest), whose body starts with
 *     their Int32 code
 */
public record PgFrame(char type, ByteBuf body) {
    public static final char STARTUP = 0;

    public PgFrame {
        requireNonNull(body, "body is null");
    }
}
