package dev.freshet.server.pgwire.internal;

import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgNotice;
import dev.freshet.server.pgwire.PgSession.TransactionState;
import dev.freshet.server.pgwire.PgType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The backend messages of protocol 3.0, one writer per message. Each writer documents the bytes it
 * writes; {@code Int32}, {@code Int16} and {@code Byte1} are big-endian integers, {@code String}
 * is UTF-8 terminated by a zero byte. Every message but the SSL answer starts with a type byte and
 * an Int32 length that counts itself but not the type byte.
 *
 * <p>Writers only {@code write}; the caller decides when to flush (at ReadyForQuery, at Flush, and
 * every batch of DataRows) so that one round trip costs one system call.
 */
public final class PgMessages {
    private PgMessages() {
    }

    /** The answer to SSLRequest and GSSENCRequest: the single byte {@code 'N'}, no header. */
    public static void sendEncryptionRefused(ChannelHandlerContext ctx) {
        ByteBuf buf = ctx.alloc().buffer(1);
        buf.writeByte('N');
        ctx.write(buf);
    }

    /** AuthenticationOk: {@code 'R', Int32(8), Int32(0)}. */
    public static void sendAuthenticationOk(ChannelHandlerContext ctx) {
        ctx.write(authentication(ctx, 0, 0));
    }

    /** AuthenticationCleartextPassword: {@code 'R', Int32(8), Int32(3)}. */
    public static void sendAuthenticationCleartextPassword(ChannelHandlerContext ctx) {
        ctx.write(authentication(ctx, 3, 0));
    }

    /** AuthenticationMD5Password: {@code 'R', Int32(12), Int32(5), Byte4 salt}. */
    public static void sendAuthenticationMd5Password(ChannelHandlerContext ctx, byte[] salt) {
        ByteBuf buf = authentication(ctx, 5, salt.length);
        buf.writeBytes(salt);
        ctx.write(buf);
    }

    /**
     * AuthenticationSASL: {@code 'R', Int32 len, Int32(10)}, then each mechanism name as a String,
     * then a zero byte ending the list.
     */
    public static void sendAuthenticationSasl(ChannelHandlerContext ctx, List<String> mechanisms) {
        ByteBuf buf = ctx.alloc().buffer();
        buf.writeByte('R');
        int start = startLength(buf);
        buf.writeInt(10);
        for (String mechanism : mechanisms) {
            writeString(buf, mechanism);
        }
        buf.writeByte(0);
        ctx.write(endLength(buf, start));
    }

    /** AuthenticationSASLContinue: {@code 'R', Int32 len, Int32(11), Byte[n]} the server-first-message. */
    public static void sendAuthenticationSaslContinue(ChannelHandlerContext ctx, byte[] data) {
        ByteBuf buf = authentication(ctx, 11, data.length);
        buf.writeBytes(data);
        ctx.write(buf);
    }

    /** AuthenticationSASLFinal: {@code 'R', Int32 len, Int32(12), Byte[n]} the server-final-message. */
    public static void sendAuthenticationSaslFinal(ChannelHandlerContext ctx, byte[] data) {
        ByteBuf buf = authentication(ctx, 12, data.length);
        buf.writeBytes(data);
        ctx.write(buf);
    }

    private static ByteBuf authentication(ChannelHandlerContext ctx, int code, int extraBytes) {
        ByteBuf buf = ctx.alloc().buffer(9 + extraBytes);
        buf.writeByte('R');
        buf.writeInt(8 + extraBytes);
        buf.writeInt(code);
        return buf;
    }

    /**
     * NegotiateProtocolVersion: {@code 'v', Int32 len, Int32} the newest minor version supported,
     * {@code Int32} the number of unrecognized {@code _pq_.} options, then each as a String.
     */
    public static void sendNegotiateProtocolVersion(ChannelHandlerContext ctx, int minorVersion,
            List<String> unrecognizedOptions) {
        ByteBuf buf = ctx.alloc().buffer();
        buf.writeByte('v');
        int start = startLength(buf);
        buf.writeInt(minorVersion);
        buf.writeInt(unrecognizedOptions.size());
        for (String option : unrecognizedOptions) {
            writeString(buf, option);
        }
        ctx.write(endLength(buf, start));
    }

    /** ParameterStatus: {@code 'S', Int32 len, String name, String value}. */
    public static void sendParameterStatus(ChannelHandlerContext ctx, String name, String value) {
        ByteBuf buf = ctx.alloc().buffer();
        buf.writeByte('S');
        int start = startLength(buf);
        writeString(buf, name);
        writeString(buf, value);
        ctx.write(endLength(buf, start));
    }

    /** BackendKeyData: {@code 'K', Int32(12), Int32 process id, Int32 secret key}. */
    public static void sendBackendKeyData(ChannelHandlerContext ctx, int processId, int secretKey) {
        ByteBuf buf = ctx.alloc().buffer(13);
        buf.writeByte('K');
        buf.writeInt(12);
        buf.writeInt(processId);
        buf.writeInt(secretKey);
        ctx.write(buf);
    }

    /** ReadyForQuery: {@code 'Z', Int32(5), Byte1} 'I' idle, 'T' in a transaction, 'E' in a failed one. */
    public static void sendReadyForQuery(ChannelHandlerContext ctx, TransactionState state) {
        ByteBuf buf = ctx.alloc().buffer(6);
        buf.writeByte('Z');
        buf.writeInt(5);
        buf.writeByte(state.indicator());
        ctx.write(buf);
    }

    /**
     * RowDescription: {@code 'T', Int32 len, Int16} field count, then per field: {@code String}
     * name, {@code Int32} table OID, {@code Int16} column number, {@code Int32} type OID,
     * {@code Int16} type length, {@code Int32} type modifier, {@code Int16} format code (0 text,
     * 1 binary).
     *
     * @param formats one format per column, as {@link #formatFor} resolves them
     */
    public static void sendRowDescription(ChannelHandlerContext ctx, List<PgColumn> columns, short[] formats) {
        ByteBuf buf = ctx.alloc().buffer();
        buf.writeByte('T');
        int start = startLength(buf);
        buf.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            PgColumn column = columns.get(i);
            writeString(buf, column.name());
            buf.writeInt(column.tableOid());
            buf.writeShort(column.columnNumber());
            buf.writeInt(column.type().oid());
            buf.writeShort(column.type().typeLength());
            buf.writeInt(column.typeModifier());
            buf.writeShort(formatFor(formats, i));
        }
        ctx.write(endLength(buf, start));
    }

    /**
     * DataRow: {@code 'D', Int32 len, Int16} column count, then per column {@code Int32} the
     * value's length (-1 for NULL) and its bytes in the column's format.
     */
    public static void sendDataRow(ChannelHandlerContext ctx, List<PgColumn> columns, short[] formats, Object[] row,
            PgTypeCodecs codecs) {
        ByteBuf buf = ctx.alloc().buffer();
        buf.writeByte('D');
        int start = startLength(buf);
        buf.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Object value = row[i];
            if (value == null) {
                buf.writeInt(-1);
                continue;
            }
            byte[] bytes;
            if (formatFor(formats, i) == 1) {
                bytes = codecs.encodeBinary(columns.get(i).type(), value);
            } else {
                bytes = codecs.encodeText(columns.get(i).type(), value).getBytes(StandardCharsets.UTF_8);
            }
            buf.writeInt(bytes.length);
            buf.writeBytes(bytes);
        }
        ctx.write(endLength(buf, start));
    }

    /**
     * CopyOutResponse: {@code 'H', Int32 len, Int8} 0 (text), {@code Int16} column count, then
     * {@code Int16} 0 (text) per column.
     */
    public static void sendCopyOutResponse(ChannelHandlerContext ctx, int columnCount) {
        ByteBuf buf = ctx.alloc().buffer(8 + 2 * columnCount);
        buf.writeByte('H');
        buf.writeInt(7 + 2 * columnCount);
        buf.writeByte(0);
        buf.writeShort(columnCount);
        for (int i = 0; i < columnCount; i++) {
            buf.writeShort(0);
        }
        ctx.write(buf);
    }

    /** CopyData: {@code 'd', Int32 len, Byte[n]} one line of COPY output, its newline included. */
    public static void sendCopyData(ChannelHandlerContext ctx, byte[] line) {
        ByteBuf buf = ctx.alloc().buffer(5 + line.length);
        buf.writeByte('d');
        buf.writeInt(4 + line.length);
        buf.writeBytes(line);
        ctx.write(buf);
    }

    /** CopyDone: {@code 'c', Int32(4)}, after the last CopyData. */
    public static void sendCopyDone(ChannelHandlerContext ctx) {
        ctx.write(empty(ctx, 'c'));
    }

    /** CommandComplete: {@code 'C', Int32 len, String} the command tag, such as {@code SELECT 3}. */
    public static void sendCommandComplete(ChannelHandlerContext ctx, String tag) {
        ByteBuf buf = ctx.alloc().buffer();
        buf.writeByte('C');
        int start = startLength(buf);
        writeString(buf, tag);
        ctx.write(endLength(buf, start));
    }

    /** EmptyQueryResponse: {@code 'I', Int32(4)}, in place of CommandComplete for empty text. */
    public static void sendEmptyQueryResponse(ChannelHandlerContext ctx) {
        ctx.write(empty(ctx, 'I'));
    }

    /** ParseComplete: {@code '1', Int32(4)}. */
    public static void sendParseComplete(ChannelHandlerContext ctx) {
        ctx.write(empty(ctx, '1'));
    }

    /** BindComplete: {@code '2', Int32(4)}. */
    public static void sendBindComplete(ChannelHandlerContext ctx) {
        ctx.write(empty(ctx, '2'));
    }

    /** CloseComplete: {@code '3', Int32(4)}. */
    public static void sendCloseComplete(ChannelHandlerContext ctx) {
        ctx.write(empty(ctx, '3'));
    }

    /** NoData: {@code 'n', Int32(4)}, Describe's answer for a statement that returns no rows. */
    public static void sendNoData(ChannelHandlerContext ctx) {
        ctx.write(empty(ctx, 'n'));
    }

    /** PortalSuspended: {@code 's', Int32(4)}, Execute's answer when its row limit left rows behind. */
    public static void sendPortalSuspended(ChannelHandlerContext ctx) {
        ctx.write(empty(ctx, 's'));
    }

    /** ParameterDescription: {@code 't', Int32 len, Int16} parameter count, {@code Int32} each type OID. */
    public static void sendParameterDescription(ChannelHandlerContext ctx, List<PgType> types) {
        ByteBuf buf = ctx.alloc().buffer(7 + 4 * types.size());
        buf.writeByte('t');
        buf.writeInt(6 + 4 * types.size());
        buf.writeShort(types.size());
        for (PgType type : types) {
            buf.writeInt(type.oid());
        }
        ctx.write(buf);
    }

    /**
     * ErrorResponse: {@code 'E', Int32 len}, then fields, each a {@code Byte1} code and a String:
     * {@code S} severity, {@code V} severity (never localized), {@code C} SQLSTATE, {@code M}
     * message, and when present {@code D} detail, {@code H} hint, {@code P} 1-based position;
     * a zero byte ends the fields.
     */
    public static void sendErrorResponse(ChannelHandlerContext ctx, PgError error) {
        ctx.write(fields(ctx, 'E', error.severity(), error.sqlState(), error.message(), error.detail(),
                error.hint(), error.position()));
    }

    /** NoticeResponse: {@code 'N', Int32 len}, then the fields of ErrorResponse. */
    public static void sendNoticeResponse(ChannelHandlerContext ctx, PgNotice notice) {
        ctx.write(fields(ctx, 'N', notice.severity(), notice.sqlState(), notice.message(), null, notice.hint(), 0));
    }

    private static ByteBuf fields(ChannelHandlerContext ctx, char type, String severity, String sqlState,
            String message, String detail, String hint, int position) {
        ByteBuf buf = ctx.alloc().buffer();
        buf.writeByte(type);
        int start = startLength(buf);
        writeField(buf, 'S', severity);
        writeField(buf, 'V', severity);
        writeField(buf, 'C', sqlState);
        writeField(buf, 'M', message);
        writeField(buf, 'D', detail);
        writeField(buf, 'H', hint);
        if (position > 0) {
            writeField(buf, 'P', Integer.toString(position));
        }
        buf.writeByte(0);
        return endLength(buf, start);
    }

    private static void writeField(ByteBuf buf, char code, String value) {
        if (value != null) {
            buf.writeByte(code);
            writeString(buf, value);
        }
    }

    /**
     * The format of column {@code index} under the protocol's rule: no codes means all text, one
     * code applies to every column, otherwise one code per column.
     */
    public static short formatFor(short[] formats, int index) {
        if (formats.length == 0) {
            return 0;
        }
        if (formats.length == 1) {
            return formats[0];
        }
        return formats[index];
    }

    private static ByteBuf empty(ChannelHandlerContext ctx, char type) {
        ByteBuf buf = ctx.alloc().buffer(5);
        buf.writeByte(type);
        buf.writeInt(4);
        return buf;
    }

    private static int startLength(ByteBuf buf) {
        int start = buf.writerIndex();
        buf.writeInt(0);
        return start;
    }

    private static ByteBuf endLength(ByteBuf buf, int start) {
        buf.setInt(start, buf.writerIndex() - start);
        return buf;
    }

    /** Writes a zero-terminated UTF-8 string; a NUL inside would end it early, so it becomes a space. */
    private static void writeString(ByteBuf buf, String value) {
        buf.writeCharSequence(value.indexOf('\0') < 0 ? value : value.replace('\0', ' '), StandardCharsets.UTF_8);
        buf.writeByte(0);
    }
}
