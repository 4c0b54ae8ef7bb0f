package dev.freshet.server.pgwire.internal;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.server.pgwire.PgBackend;
import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgCopyOut;
import dev.freshet.server.pgwire.PgNotice;
import dev.freshet.server.pgwire.PgPortal;
import dev.freshet.server.pgwire.PgResult;
import dev.freshet.server.pgwire.PgServerConfig;
import dev.freshet.server.pgwire.PgSession;
import dev.freshet.server.pgwire.PgSession.TransactionState;
import dev.freshet.server.pgwire.PgStatement;
import dev.freshet.server.pgwire.PgType;
import dev.freshet.server.pgwire.StartupParameters;
import dev.freshet.server.pgwire.StatementText;
import dev.freshet.server.pgwire.internal.PgSessionRegistry.BackendKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL frontend/backend protocol 3.0 for one connection: a state machine over the
 * {@link PgFrame}s {@link PgDecoder} cuts, answering with {@link PgMessages}.
 * <pre>
 * AWAITING_STARTUP
 *   SSLRequest | GSSENCRequest   → 'N'                                  (stay; the client goes on in clear)
 *   CancelRequest(pid, secret)   → cancel that session's statement, close (no answer)
 *   StartupMessage 3.x           → [NegotiateProtocolVersion when 3.1+ or _pq_ options]
 *       no password              → AuthenticationOk … READY
 *       password                 → AuthenticationCleartextPassword        → AWAITING_PASSWORD
 *       md5                      → AuthenticationMD5Password(salt)        → AWAITING_PASSWORD
 *       scram-sha-256            → AuthenticationSASL(SCRAM-SHA-256)      → AWAITING_SASL_INITIAL
 *   StartupMessage other version → FATAL 0A000, close;   over max connections → FATAL 53300, close
 * AWAITING_PASSWORD      PasswordMessage          → AuthenticationOk … READY | FATAL 28P01, close
 * AWAITING_SASL_INITIAL  SASLInitialResponse      → AuthenticationSASLContinue → AWAITING_SASL_RESPONSE
 * AWAITING_SASL_RESPONSE SASLResponse             → AuthenticationSASLFinal, AuthenticationOk … READY
 *                                                   | FATAL 28P01, close
 *   "AuthenticationOk …" = AuthenticationOk, ParameterStatus*, BackendKeyData, ReadyForQuery
 * READY
 *   Query        → per statement: [RowDescription] DataRow* CommandComplete | EmptyQueryResponse
 *                  | CopyOutResponse CopyData* CopyDone CommandComplete (COPY ... TO STDOUT)
 *                  | ErrorResponse (stops the rest); NoticeResponse* as raised; ParameterStatus* for
 *                  changed parameters; ReadyForQuery
 *   Parse        → ParseComplete            Bind     → BindComplete
 *   Describe S   → ParameterDescription, RowDescription | NoData
 *   Describe P   → RowDescription | NoData
 *   Execute      → DataRow* then CommandComplete | PortalSuspended (row limit hit) | EmptyQueryResponse
 *   Close        → CloseComplete            Flush    → (flush)
 *   Sync         → ParameterStatus*, ReadyForQuery; portals end with the transaction
 *   an error in Parse/Bind/Describe/Execute/Close → ErrorResponse → SKIPPING_UNTIL_SYNC
 *   Terminate    → close
 * SKIPPING_UNTIL_SYNC   everything but Sync and Terminate is dropped; Sync → ReadyForQuery → READY
 * </pre>
 * Session methods run on this handler's executor, one connection's messages one at a time, as
 * {@link PgSession} promises. Rows are fetched and flushed {@value #FETCH_CHUNK_ROWS} at a time,
 * and before each next chunk the thread waits while the client is too slow to take them, so a big
 * result never piles up in memory. A statement whose rows never end (SUBSCRIBE) streams until it
 * fails: canceled, or its client gone.
 */
public final class PgWireProtocol extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PgWireProtocol.class);
    private static final int FETCH_CHUNK_ROWS = 1000;
    private static final short[] TEXT_FORMATS = new short[0];

    /**
     * The user event that tells a connection the server is stopping: it answers FATAL 57P01, as
     * PostgreSQL does, and closes.
     */
    public static final Object SHUTDOWN = new Object() {
        @Override
        public String toString() {
            return "PgWireProtocol.SHUTDOWN";
        }
    };

    private enum State {
        AWAITING_STARTUP,
        AWAITING_PASSWORD,
        AWAITING_SASL_INITIAL,
        AWAITING_SASL_RESPONSE,
        READY,
        SKIPPING_UNTIL_SYNC,
        CLOSED
    }

    /** A prepared statement; {@code statement} is null for empty query text. */
    private record Prepared(PgStatement statement) {
    }

    /** A bound portal; {@code portal} is null for empty query text. */
    private record Portal(PgPortal portal, List<PgColumn> columns, short[] resultFormats) {
    }

    private final PgBackend backend;
    private final PgConnectionSettings settings;
    private final PgWritabilityGate writabilityGate;
    private final boolean overConnectionLimit;
    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();

    private ChannelHandlerContext ctx;
    private State state = State.AWAITING_STARTUP;
    private StartupParameters startup;
    private byte[] md5Salt;
    private ScramSha256Exchange scram;
    private PgSession session;
    private BackendKey backendKey;
    private PgTypeCodecs codecs = new PgTypeCodecs(ZoneOffset.UTC);
    private ScheduledFuture<?> authenticationTimeout;
    private long lastActivityNanos = System.nanoTime();

    /**
     * @param overConnectionLimit true when the server already has its maximum of connections:
     *     this one answers its StartupMessage with FATAL 53300
     */
    public PgWireProtocol(PgBackend backend, PgConnectionSettings settings, PgWritabilityGate writabilityGate,
            boolean overConnectionLimit) {
        this.backend = requireNonNull(backend, "backend is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.writabilityGate = requireNonNull(writabilityGate, "writabilityGate is null");
        this.overConnectionLimit = overConnectionLimit;
    }

    // ---- channel events ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long timeoutMillis = settings.config().authenticationTimeout().toMillis();
        if (timeoutMillis > 0) {
            authenticationTimeout = ctx.executor().schedule(this::onAuthenticationTimeout, timeoutMillis,
                    TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof PgFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            dispatch(frame);
        } catch (RuntimeException e) {
            LOG.error("Internal error handling message '{}' on {}", frame.type(), ctx.channel(), e);
            fatal(PgError.internal(e));
        } finally {
            frame.body().release();
            lastActivityNanos = System.nanoTime();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        if (authenticationTimeout != null) {
            authenticationTimeout.cancel(false);
        }
        closeSession();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == SHUTDOWN) {
            if (state != State.CLOSED) {
                fatal(PgError.of("FATAL", ErrorCode.ADMIN_SHUTDOWN,
                        "terminating connection due to administrator command"));
            }
            return;
        }
        if (event instanceof IdleStateEvent) {
            long idleNanos = settings.config().idleTimeout().toNanos();
            // The event may have waited behind a long statement, which is not idleness.
            if (idleNanos > 0 && System.nanoTime() - lastActivityNanos >= idleNanos) {
                LOG.info("Closing idle connection {}", ctx.channel());
                fatal(PgError.of("FATAL", ErrorCode.ADMIN_SHUTDOWN,
                        "terminating connection due to idle-session timeout"));
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("Connection {} failed: {}", ctx.channel(), cause.getMessage());
        } else {
            LOG.warn("Closing connection {} after an unexpected error", ctx.channel(), cause);
        }
        state = State.CLOSED;
        ctx.close();
    }

    private void dispatch(PgFrame frame) {
        switch (state) {
            case AWAITING_STARTUP:
                onStartupPacket(frame.body());
                return;
            case AWAITING_PASSWORD:
            case AWAITING_SASL_INITIAL:
            case AWAITING_SASL_RESPONSE:
                if (frame.type() != 'p') {
                    fatal(PgError.of("FATAL", ErrorCode.PROTOCOL_VIOLATION,
                            format("expected password response, got message type %d", (int) frame.type())));
                    return;
                }
                onPasswordMessage(frame.body());
                return;
            case READY:
            case SKIPPING_UNTIL_SYNC:
                onMessage(frame.type(), frame.body());
                return;
            case CLOSED:
                return;
        }
    }

    // ---- startup and authentication ----

    private void onStartupPacket(ByteBuf body) {
        int code = body.readInt();
        if (code == PgDecoder.SSL_REQUEST_CODE || code == PgDecoder.GSSENC_REQUEST_CODE) {
            PgMessages.sendEncryptionRefused(ctx);
            ctx.flush();
            return;
        }
        if (code == PgDecoder.CANCEL_REQUEST_CODE) {
            if (body.readableBytes() >= 8) {
                settings.registry().cancel(body.readInt(), body.readInt());
            }
            state = State.CLOSED;
            ctx.close();
            return;
        }
        int major = code >>> 16;
        int minor = code & 0xFFFF;
        if (major != 3) {
            fatal(PgError.of("FATAL", ErrorCode.FEATURE_NOT_SUPPORTED,
                    format("unsupported frontend protocol %d.%d: server supports 3.0 to 3.0", major, minor)));
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> unrecognizedOptions = new ArrayList<>();
        try {
            while (body.isReadable()) {
                String name = readString(body);
                if (name.isEmpty()) {
                    break;
                }
                String value = readString(body);
                if (name.startsWith("_pq_.")) {
                    unrecognizedOptions.add(name);
                } else {
                    parameters.put(name, value);
                }
            }
        } catch (FreshetException e) {
            fatal(PgError.of("FATAL", ErrorCode.PROTOCOL_VIOLATION, "invalid startup packet layout"));
            return;
        }
        String user = parameters.get("user");
        if (user == null || user.isEmpty()) {
            fatal(PgError.of("FATAL", ErrorCode.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet"));
            return;
        }
        String database = parameters.getOrDefault("database", "");
        startup = new StartupParameters(user, database.isEmpty() ? user : database, parameters);
        if (minor > 0 || !unrecognizedOptions.isEmpty()) {
            PgMessages.sendNegotiateProtocolVersion(ctx, 0, unrecognizedOptions);
        }
        if (overConnectionLimit) {
            fatal(PgError.of("FATAL", ErrorCode.TOO_MANY_CONNECTIONS, "sorry, too many clients already"));
            return;
        }
        PgServerConfig config = settings.config();
        if (config.password() == null) {
            completeAuthentication();
            return;
        }
        switch (config.authMethod()) {
            case PASSWORD:
                PgMessages.sendAuthenticationCleartextPassword(ctx);
                state = State.AWAITING_PASSWORD;
                break;
            case MD5:
                md5Salt = new byte[4];
                settings.random().nextBytes(md5Salt);
                PgMessages.sendAuthenticationMd5Password(ctx, md5Salt);
                state = State.AWAITING_PASSWORD;
                break;
            case SCRAM_SHA_256:
                scram = new ScramSha256Exchange(settings.scramCredentials(), settings.random());
                PgMessages.sendAuthenticationSasl(ctx, List.of(ScramSha256Exchange.MECHANISM));
                state = State.AWAITING_SASL_INITIAL;
                break;
        }
        ctx.flush();
    }

    private void onPasswordMessage(ByteBuf body) {
        try {
            switch (state) {
                case AWAITING_PASSWORD:
                    String password = readString(body);
                    String expected = md5Salt == null ? settings.config().password() : md5Response();
                    if (!MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                            expected.getBytes(StandardCharsets.UTF_8))) {
                        authenticationFailed();
                        return;
                    }
                    completeAuthentication();
                    return;
                case AWAITING_SASL_INITIAL:
                    String mechanism = readString(body);
                    if (!mechanism.equals(ScramSha256Exchange.MECHANISM)) {
                        fatal(PgError.of("FATAL", ErrorCode.PROTOCOL_VIOLATION,
                                "client selected an invalid SASL authentication mechanism"));
                        return;
                    }
                    int length = body.readInt();
                    byte[] clientFirst = ByteBufUtil.getBytes(body, body.readerIndex(), Math.max(length, 0));
                    PgMessages.sendAuthenticationSaslContinue(ctx, scram.serverFirst(clientFirst));
                    state = State.AWAITING_SASL_RESPONSE;
                    ctx.flush();
                    return;
                case AWAITING_SASL_RESPONSE:
                    byte[] serverFinal = scram.serverFinal(ByteBufUtil.getBytes(body));
                    if (serverFinal == null) {
                        authenticationFailed();
                        return;
                    }
                    PgMessages.sendAuthenticationSaslFinal(ctx, serverFinal);
                    completeAuthentication();
                    return;
                default:
                    throw new IllegalStateException("not authenticating: " + state);
            }
        } catch (FreshetException e) {
            fatal(PgError.error(e, 0).asFatal());
        } catch (IndexOutOfBoundsException e) {
            fatal(PgError.of("FATAL", ErrorCode.PROTOCOL_VIOLATION, "invalid password message"));
        }
    }

    /** {@code "md5" + md5hex(md5hex(password + user) + salt)}, what libpq sends. */
    private String md5Response() {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            String inner = HexFormat.of().formatHex(
                    md5.digest((settings.config().password() + startup.user()).getBytes(StandardCharsets.UTF_8)));
            md5.update(inner.getBytes(StandardCharsets.US_ASCII));
            md5.update(md5Salt);
            return "md5" + HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    private void authenticationFailed() {
        LOG.info("Password authentication failed for user {} from {}", startup.user(), ctx.channel().remoteAddress());
        fatal(PgError.of("FATAL", ErrorCode.INVALID_PASSWORD,
                format("password authentication failed for user \"%s\"", startup.user())));
    }

    private void onAuthenticationTimeout() {
        if (state != State.READY && state != State.SKIPPING_UNTIL_SYNC && state != State.CLOSED) {
            LOG.info("Closing connection {}: authentication timed out", ctx.channel().remoteAddress());
            fatal(PgError.of("FATAL", ErrorCode.QUERY_CANCELED, "canceling authentication due to timeout"));
        }
    }

    private void completeAuthentication() {
        if (authenticationTimeout != null) {
            authenticationTimeout.cancel(false);
        }
        PgMessages.sendAuthenticationOk(ctx);
        try {
            session = backend.openSession(startup);
        } catch (FreshetException e) {
            fatal(PgError.error(e, 0).asFatal());
            return;
        } catch (RuntimeException e) {
            LOG.error("Opening a session for user {} failed", startup.user(), e);
            fatal(PgError.internal(e).asFatal());
            return;
        }
        // A statement that waits (a FETCH from a subscription without timeout) holds this handler's
        // thread, so channelInactive would queue behind it: cancel it from the event loop instead.
        PgSession opened = session;
        ctx.channel().closeFuture().addListener(closed -> opened.cancel());
        backendKey = settings.registry().register(session);
        for (Map.Entry<String, String> parameter : session.initialParameterStatus().entrySet()) {
            sendParameterStatus(parameter.getKey(), parameter.getValue());
        }
        PgMessages.sendBackendKeyData(ctx, backendKey.processId(), backendKey.secretKey());
        state = State.READY;
        sendNotices();
        PgMessages.sendReadyForQuery(ctx, session.transactionState());
        ctx.flush();
    }

    // ---- queries ----

    private void onMessage(char type, ByteBuf body) {
        if (state == State.SKIPPING_UNTIL_SYNC && type != 'S' && type != 'X') {
            return;
        }
        switch (type) {
            case 'Q' -> onQuery(body);
            case 'P' -> extended(() -> onParse(body));
            case 'B' -> extended(() -> onBind(body));
            case 'D' -> extended(() -> onDescribe(body));
            case 'E' -> extended(() -> onExecute(body));
            case 'C' -> extended(() -> onClose(body));
            case 'S' -> onSync();
            case 'H' -> ctx.flush();
            case 'X' -> {
                state = State.CLOSED;
                ctx.close();
            }
            // CopyData, CopyDone and CopyFail outside a COPY are ignored, as PostgreSQL does.
            case 'd', 'c', 'f' -> {
            }
            case 'F' -> extended(() -> {
                throw new FreshetException(ErrorCode.FEATURE_NOT_SUPPORTED, "the function call protocol is not "
                        + "supported: call the function with a SELECT");
            });
            default -> fatal(PgError.of("FATAL", ErrorCode.PROTOCOL_VIOLATION,
                    format("invalid frontend message type %d", (int) type)));
        }
    }

    private void onQuery(ByteBuf body) {
        try {
            String sql = readString(body);
            closePortal("");
            List<StatementText> texts = session.splitStatements(sql);
            if (texts.isEmpty()) {
                PgMessages.sendEmptyQueryResponse(ctx);
            }
            for (StatementText text : texts) {
                if (!runSimpleStatement(text)) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            sendError(e, 0);
        }
        sendReadyForQuery();
    }

    /** Runs one statement of a simple query; returns false when it failed. */
    private boolean runSimpleStatement(StatementText text) {
        PgPortal portal = null;
        try {
            PgStatement statement = session.prepare(text.sql(), List.of());
            sendNotices();
            portal = statement.bind(List.of());
            List<PgColumn> columns = portal.columns();
            if (!columns.isEmpty()) {
                PgMessages.sendRowDescription(ctx, columns, TEXT_FORMATS);
            }
            runPortal(portal, columns, TEXT_FORMATS, 0);
            sendParameterChanges();
            return true;
        } catch (RuntimeException e) {
            sendError(e, text.offset());
            return false;
        } finally {
            if (portal != null) {
                closeQuietly(portal);
            }
        }
    }

    /**
     * Sends the portal's rows, up to {@code maxRows} ({@code <= 0}: all), fetching and flushing
     * them in chunks; ends with CommandComplete or PortalSuspended. Returns true when complete.
     */
    private boolean runPortal(PgPortal portal, List<PgColumn> columns, short[] formats, int maxRows) {
        PgCopyOut copy = portal.copyOut();
        if (copy != null) {
            runCopyOut(portal, copy);
            return true;
        }
        long sent = 0;
        while (true) {
            int ask = maxRows > 0 ? (int) Math.min(maxRows - sent, FETCH_CHUNK_ROWS) : FETCH_CHUNK_ROWS;
            PgResult result = portal.fetch(ask);
            sendNotices();
            for (Object[] row : result.rows()) {
                PgMessages.sendDataRow(ctx, columns, formats, row, codecs);
            }
            sent += result.rows().size();
            if (result.complete()) {
                PgMessages.sendCommandComplete(ctx, result.commandTag());
                return true;
            }
            if (maxRows > 0 && sent >= maxRows) {
                PgMessages.sendPortalSuspended(ctx);
                return false;
            }
            flushWhenWritable();
        }
    }

    /**
     * Sends all of a COPY portal's rows as CopyData lines, between CopyOutResponse and CopyDone;
     * PostgreSQL ignores Execute's row limit for COPY, and so does this. A statement that fails
     * midway (a canceled SUBSCRIBE) ends with the ErrorResponse alone, as in PostgreSQL.
     */
    private void runCopyOut(PgPortal portal, PgCopyOut copy) {
        PgCopyLines lines = new PgCopyLines(copy, codecs);
        PgMessages.sendCopyOutResponse(ctx, copy.columns().size());
        if (copy.header()) {
            PgMessages.sendCopyData(ctx, lines.header());
        }
        long sent = 0;
        while (true) {
            PgResult result = portal.fetch(FETCH_CHUNK_ROWS);
            sendNotices();
            for (Object[] row : result.rows()) {
                PgMessages.sendCopyData(ctx, lines.line(row));
            }
            sent += result.rows().size();
            if (result.complete()) {
                PgMessages.sendCopyDone(ctx);
                PgMessages.sendCommandComplete(ctx, "COPY " + sent);
                return;
            }
            flushWhenWritable();
        }
    }

    /**
     * Flushes what was written and waits while the client is too slow to take more. Fails once
     * the client is gone, so that a statement that never ends by itself (SUBSCRIBE) stops.
     */
    private void flushWhenWritable() {
        ctx.flush();
        writabilityGate.awaitWritable(ctx.channel());
        if (!ctx.channel().isActive()) {
            throw new FreshetException(ErrorCode.CONNECTION_FAILURE, "the client closed the connection");
        }
    }

    /** Runs one extended-protocol message; an error skips everything up to the next Sync. */
    private void extended(Runnable message) {
        try {
            message.run();
        } catch (IndexOutOfBoundsException e) {
            sendError(new FreshetException(ErrorCode.PROTOCOL_VIOLATION, "invalid message format"), 0);
            state = State.SKIPPING_UNTIL_SYNC;
        } catch (RuntimeException e) {
            sendError(e, 0);
            state = State.SKIPPING_UNTIL_SYNC;
        }
        sendNotices();
    }

    private void onParse(ByteBuf body) {
        String name = readString(body);
        String sql = readString(body);
        int count = body.readUnsignedShort();
        List<PgType> parameterTypes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parameterTypes.add(PgType.fromOid(body.readInt()));
        }
        if (name.isEmpty()) {
            statements.remove("");
        } else if (statements.containsKey(name)) {
            throw new FreshetException(ErrorCode.DUPLICATE_PREPARED_STATEMENT,
                    format("prepared statement \"%s\" already exists", name));
        }
        PgStatement statement = isEmptyQuery(sql) ? null : session.prepare(sql, parameterTypes);
        statements.put(name, new Prepared(statement));
        PgMessages.sendParseComplete(ctx);
    }

    private void onBind(ByteBuf body) {
        String portalName = readString(body);
        String statementName = readString(body);
        short[] parameterFormats = readFormats(body);
        int parameterCount = body.readUnsignedShort();
        List<byte[]> rawValues = new ArrayList<>(parameterCount);
        for (int i = 0; i < parameterCount; i++) {
            int length = body.readInt();
            rawValues.add(length < 0 ? null : ByteBufUtil.getBytes(body.readSlice(length)));
        }
        short[] resultFormats = readFormats(body);
        Prepared prepared = statements.get(statementName);
        if (prepared == null) {
            throw new FreshetException(ErrorCode.INVALID_SQL_STATEMENT_NAME,
                    format("prepared statement \"%s\" does not exist", statementName));
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new FreshetException(ErrorCode.DUPLICATE_CURSOR, format("portal \"%s\" already exists", portalName));
        }
        if (parameterFormats.length > 1 && parameterFormats.length != parameterCount) {
            throw new FreshetException(ErrorCode.PROTOCOL_VIOLATION, format(
                    "bind message has %d parameter formats but %d parameters", parameterFormats.length,
                    parameterCount));
        }
        List<PgType> parameterTypes = prepared.statement() == null ? List.of() : prepared.statement().parameterTypes();
        if (parameterCount != parameterTypes.size()) {
            throw new FreshetException(ErrorCode.PROTOCOL_VIOLATION, format(
                    "bind message supplies %d parameters, but prepared statement \"%s\" requires %d",
                    parameterCount, statementName, parameterTypes.size()));
        }
        List<Object> values = new ArrayList<>(parameterCount);
        for (int i = 0; i < parameterCount; i++) {
            values.add(decodeParameter(i, parameterTypes.get(i), PgMessages.formatFor(parameterFormats, i),
                    rawValues.get(i)));
        }
        closePortal(portalName);
        if (prepared.statement() == null) {
            portals.put(portalName, new Portal(null, List.of(), resultFormats));
        } else {
            PgPortal portal = prepared.statement().bind(values);
            List<PgColumn> columns = portal.columns();
            if (resultFormats.length > 1 && resultFormats.length != columns.size()) {
                closeQuietly(portal);
                throw new FreshetException(ErrorCode.PROTOCOL_VIOLATION, format(
                        "bind message has %d result formats but query has %d columns", resultFormats.length,
                        columns.size()));
            }
            portals.put(portalName, new Portal(portal, columns, resultFormats));
        }
        PgMessages.sendBindComplete(ctx);
    }

    private Object decodeParameter(int index, PgType type, short format, byte[] raw) {
        if (raw == null) {
            return null;
        }
        try {
            if (format == 1) {
                return codecs.decodeBinary(type, raw);
            }
            return codecs.decodeText(type, new String(raw, StandardCharsets.UTF_8));
        } catch (FreshetException e) {
            if (e.errorCode() == ErrorCode.INVALID_BINARY_REPRESENTATION) {
                throw new FreshetException(e.errorCode(),
                        format("incorrect binary data format in bind parameter %d", index + 1))
                        .withDetail(e.getMessage());
            }
            throw e.withDetail(format("in bind parameter $%d", index + 1));
        }
    }

    private void onDescribe(ByteBuf body) {
        byte kind = body.readByte();
        String name = readString(body);
        if (kind == 'S') {
            Prepared prepared = statements.get(name);
            if (prepared == null) {
                throw new FreshetException(ErrorCode.INVALID_SQL_STATEMENT_NAME,
                        format("prepared statement \"%s\" does not exist", name));
            }
            PgStatement statement = prepared.statement();
            PgMessages.sendParameterDescription(ctx, statement == null ? List.of() : statement.parameterTypes());
            sendRowDescriptionOrNoData(statement == null ? List.of() : statement.columns(), TEXT_FORMATS);
        } else if (kind == 'P') {
            Portal portal = portals.get(name);
            if (portal == null) {
                throw new FreshetException(ErrorCode.INVALID_CURSOR_NAME,
                        format("portal \"%s\" does not exist", name));
            }
            sendRowDescriptionOrNoData(portal.columns(), portal.resultFormats());
        } else {
            throw new FreshetException(ErrorCode.PROTOCOL_VIOLATION,
                    format("invalid DESCRIBE message subtype %d", kind));
        }
    }

    private void sendRowDescriptionOrNoData(List<PgColumn> columns, short[] formats) {
        if (columns.isEmpty()) {
            PgMessages.sendNoData(ctx);
        } else {
            PgMessages.sendRowDescription(ctx, columns, formats);
        }
    }

    private void onExecute(ByteBuf body) {
        String name = readString(body);
        int maxRows = body.readInt();
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new FreshetException(ErrorCode.INVALID_CURSOR_NAME, format("portal \"%s\" does not exist", name));
        }
        if (portal.portal() == null) {
            PgMessages.sendEmptyQueryResponse(ctx);
            return;
        }
        try {
            runPortal(portal.portal(), portal.columns(), portal.resultFormats(), maxRows);
        } catch (RuntimeException e) {
            closePortal(name);
            throw e;
        }
        sendParameterChanges();
    }

    private void onClose(ByteBuf body) {
        byte kind = body.readByte();
        String name = readString(body);
        if (kind == 'S') {
            statements.remove(name);
        } else if (kind == 'P') {
            closePortal(name);
        } else {
            throw new FreshetException(ErrorCode.PROTOCOL_VIOLATION, format("invalid CLOSE message subtype %d", kind));
        }
        PgMessages.sendCloseComplete(ctx);
    }

    private void onSync() {
        state = State.READY;
        sendReadyForQuery();
    }

    /** Ends a query cycle: changed parameters, notices, portals of a finished transaction, ReadyForQuery. */
    private void sendReadyForQuery() {
        try {
            sendParameterChanges();
            sendNotices();
            TransactionState transactionState = session.transactionState();
            if (transactionState == TransactionState.IDLE) {
                for (String name : new ArrayList<>(portals.keySet())) {
                    closePortal(name);
                }
            }
            PgMessages.sendReadyForQuery(ctx, transactionState);
        } catch (RuntimeException e) {
            sendError(e, 0);
            PgMessages.sendReadyForQuery(ctx, TransactionState.IDLE);
        }
        ctx.flush();
    }

    // ---- helpers ----

    private void sendParameterChanges() {
        for (Map.Entry<String, String> change : session.drainParameterChanges().entrySet()) {
            sendParameterStatus(change.getKey(), change.getValue());
        }
    }

    private void sendParameterStatus(String name, String value) {
        PgMessages.sendParameterStatus(ctx, name, value);
        if (name.equalsIgnoreCase("TimeZone")) {
            codecs = new PgTypeCodecs(zone(value));
        }
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            LOG.warn("Unknown TimeZone {}: rendering timestamptz in UTC", name);
            return ZoneOffset.UTC;
        }
    }

    private void sendNotices() {
        if (session == null) {
            return;
        }
        for (PgNotice notice : session.drainNotices()) {
            PgMessages.sendNoticeResponse(ctx, notice);
        }
    }

    private void sendError(Throwable e, int positionOffset) {
        PgError error;
        if (e instanceof FreshetException freshetException) {
            error = PgError.error(freshetException, positionOffset);
        } else {
            LOG.error("Internal error in session {} of user {}", backendKey == null ? "-" : backendKey.processId(),
                    startup == null ? "-" : startup.user(), e);
            error = PgError.internal(e);
        }
        try {
            sendNotices();
        } catch (RuntimeException noticeFailure) {
            LOG.warn("Draining notices failed", noticeFailure);
        }
        PgMessages.sendErrorResponse(ctx, error);
    }

    /** Sends a FATAL error and closes the connection after it is written. */
    private void fatal(PgError error) {
        state = State.CLOSED;
        PgMessages.sendErrorResponse(ctx, error.severity().equals("FATAL") ? error : error.asFatal());
        ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(future -> ctx.close());
    }

    private void closePortal(String name) {
        Portal portal = portals.remove(name);
        if (portal != null && portal.portal() != null) {
            closeQuietly(portal.portal());
        }
    }

    private static void closeQuietly(PgPortal portal) {
        try {
            portal.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing a portal failed", e);
        }
    }

    private void closeSession() {
        for (Portal portal : portals.values()) {
            if (portal.portal() != null) {
                closeQuietly(portal.portal());
            }
        }
        portals.clear();
        statements.clear();
        if (backendKey != null) {
            settings.registry().unregister(backendKey);
            backendKey = null;
        }
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the session of user {} failed", startup.user(), e);
            }
            session = null;
        }
    }

    private static boolean isEmptyQuery(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c != ';' && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static short[] readFormats(ByteBuf body) {
        int count = body.readUnsignedShort();
        short[] formats = new short[count];
        for (int i = 0; i < count; i++) {
            formats[i] = body.readShort();
            if (formats[i] != 0 && formats[i] != 1) {
                throw new FreshetException(ErrorCode.PROTOCOL_VIOLATION,
                        format("unsupported format code: %d", formats[i]));
            }
        }
        return formats;
    }

    /** Reads a zero-terminated UTF-8 string. */
    private static String readString(ByteBuf body) {
        int length = body.bytesBefore((byte) 0);
        if (length < 0) {
            throw new FreshetException(ErrorCode.PROTOCOL_VIOLATION, "invalid string in message");
        }
        String value = body.toString(body.readerIndex(), length, StandardCharsets.UTF_8);
        body.skipBytes(length + 1);
        return value;
    }
}
