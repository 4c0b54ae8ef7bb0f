package dev.freshet.server.pgwire.internal;

import static java.lang.String.format;

import dev.freshet.common.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Cuts the byte stream into {@link PgFrame}s. Until the StartupMessage, packets are untyped
 * ({@code Int32 length, Int32 code, …}); SSLRequest, GSSENCRequest and CancelRequest may come
 * first and keep the connection in that phase. After it, every message is
 * {@code Byte1 type, Int32 length, …}.
 *
 * <p>A length that cannot be right (below its own size, or above the configured maximum, or a
 * startup packet above PostgreSQL's 10000 bytes) means garbage or a hostile client: the
 * connection gets one FATAL ErrorResponse and is closed, and every later byte is dropped. Other
 * connections never notice.
 */
public final class PgDecoder extends ByteToMessageDecoder {
    public static final int SSL_REQUEST_CODE = 80877103;
    public static final int GSSENC_REQUEST_CODE = 80877104;
    public static final int CANCEL_REQUEST_CODE = 80877102;
    private static final int MAX_STARTUP_PACKET_LENGTH = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(PgDecoder.class);

    private final int maxMessageSize;
    private boolean started;
    private boolean discarding;

    public PgDecoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!started) {
            decodeStartupPacket(ctx, in, out);
        } else {
            decodeMessage(ctx, in, out);
        }
    }

    private void decodeStartupPacket(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) {
            reject(ctx, in, format("invalid length of startup packet: %d", length));
            return;
        }
        if (in.readableBytes() < length) {
            return;
        }
        in.skipBytes(4);
        ByteBuf body = in.readRetainedSlice(length - 4);
        int code = body.getInt(body.readerIndex());
        if (code != SSL_REQUEST_CODE && code != GSSENC_REQUEST_CODE && code != CANCEL_REQUEST_CODE) {
            started = true;
        }
        out.add(new PgFrame(PgFrame.STARTUP, body));
    }

    private void decodeMessage(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 5) {
            return;
        }
        char type = (char) in.getUnsignedByte(in.readerIndex());
        int length = in.getInt(in.readerIndex() + 1);
        if (length < 4 || length - 4 > maxMessageSize) {
            reject(ctx, in, format("invalid message length %d for message type '%s' (the maximum is %d bytes)",
                    length, printable(type), maxMessageSize));
            return;
        }
        if (in.readableBytes() < length + 1) {
            return;
        }
        in.skipBytes(5);
        out.add(new PgFrame(type, in.readRetainedSlice(length - 4)));
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (in.isReadable() && !discarding) {
            LOG.info("Connection {} closed in the middle of a message ({} bytes dropped)", ctx.channel().remoteAddress(),
                    in.readableBytes());
            in.skipBytes(in.readableBytes());
        }
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf in, String message) {
        LOG.info("Closing connection {}: {}", ctx.channel().remoteAddress(), message);
        discarding = true;
        in.skipBytes(in.readableBytes());
        PgMessages.sendErrorResponse(ctx, PgError.of("FATAL", ErrorCode.PROTOCOL_VIOLATION, message));
        ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
    }

    private static String printable(char type) {
        return type >= 32 && type < 127 ? String.valueOf(type) : "\\x" + Integer.toHexString(type);
    }
}
