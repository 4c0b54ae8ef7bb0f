package dev.freshet.server.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import dev.freshet.server.pgwire.internal.PgConnectionSettings;
import dev.freshet.server.pgwire.internal.PgDecoder;
import dev.freshet.server.pgwire.internal.PgWireProtocol;
import dev.freshet.server.pgwire.internal.PgWritabilityGate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Drives protocol bytes through Netty's {@link EmbeddedChannel}, as a client would send them. */
class PgWireProtocolTest {
    private static final int PROTOCOL_3_0 = 196608;

    private final FakePgBackend backend = new FakePgBackend();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
    }

    // ---- tests: startup ----

    @Test
    void shouldRefuseSslThenAcceptAStartupMessageInClearText() {
        EmbeddedChannel channel = channel(PgServerConfig.defaults());
        channel.writeInbound(Unpooled.buffer().writeInt(8).writeInt(PgDecoder.SSL_REQUEST_CODE));
        ByteBuf answer = channel.readOutbound();
        assertThat(answer.readableBytes()).isEqualTo(1);
        assertThat((char) answer.readByte()).isEqualTo('N');
        answer.release();
        channel.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice", "database", "db"));
        List<Message> messages = read(channel);
        assertThat(types(messages)).startsWith("R").endsWith("KZ");
        assertThat(messages.get(0).body().getInt(0)).isZero();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Message message : messages) {
            if (message.type() == 'S') {
                parameters.put(message.string(0), message.string(1));
            }
        }
        assertThat(parameters).containsEntry("client_encoding", "UTF8").containsEntry("TimeZone", "UTC");
        assertThat(messages.get(messages.size() - 1).body().getByte(0)).isEqualTo((byte) 'I');
        assertThat(backend.lastStartup.database()).isEqualTo("db");
    }

    @Test
    void shouldDefaultTheDatabaseToTheUserName() {
        EmbeddedChannel channel = channel(PgServerConfig.defaults());
        channel.writeInbound(startupMessage(PROTOCOL_3_0, "user", "bob"));
        read(channel);
        assertThat(backend.lastStartup.database()).isEqualTo("bob");
    }

    @Test
    void shouldRejectProtocolVersion2WithAFatalError() {
        EmbeddedChannel channel = channel(PgServerConfig.defaults());
        channel.writeInbound(startupMessage(2 << 16, "user", "alice"));
        Message error = single(read(channel));
        assertThat(error.fields()).containsEntry('S', "FATAL").containsEntry('C', "0A000")
                .containsEntry('M', "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldNegotiateDownANewerMinorVersion() {
        EmbeddedChannel channel = channel(PgServerConfig.defaults());
        channel.writeInbound(startupMessage(PROTOCOL_3_0 + 2, "user", "alice", "_pq_.extension", "x"));
        List<Message> messages = read(channel);
        assertThat(messages.get(0).type()).isEqualTo('v');
        assertThat(messages.get(0).body().getInt(0)).isZero();
        assertThat(types(messages)).endsWith("Z");
    }

    @Test
    void shouldRefuseConnectionsBeyondTheLimit() {
        EmbeddedChannel channel = channel(PgConnectionSettings.create(PgServerConfig.defaults()), true);
        channel.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice"));
        assertThat(single(read(channel)).fields()).containsEntry('C', "53300");
        assertThat(channel.isOpen()).isFalse();
        assertThat(backend.openSessions.get()).isZero();
    }

    @Test
    void shouldSendTheBackendsRefusalAsFatal() {
        EmbeddedChannel channel = channel(PgServerConfig.defaults());
        channel.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice", "database", "missing"));
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("RE");
        assertThat(messages.get(1).fields()).containsEntry('S', "FATAL").containsEntry('C', "3D000");
        assertThat(channel.isOpen()).isFalse();
    }

    // ---- tests: authentication ----

    @Test
    void shouldAuthenticateWithScramSha256() throws Exception {
        EmbeddedChannel channel = channel(PgServerConfig.defaults().withPassword("pencil"));
        channel.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice"));
        Message sasl = single(read(channel));
        assertThat(sasl.body().getInt(0)).isEqualTo(10);
        assertThat(sasl.stringAt(4)).isEqualTo("SCRAM-SHA-256");

        String clientFirstBare = "n=,r=rOprNGfwEbeRWgbNEkqO";
        channel.writeInbound(message('p', body -> {
            writeString(body, "SCRAM-SHA-256");
            byte[] first = ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
            body.writeInt(first.length).writeBytes(first);
        }));
        Message saslContinue = single(read(channel));
        assertThat(saslContinue.body().getInt(0)).isEqualTo(11);
        String serverFirst = saslContinue.bytesAfter(4);
        Map<String, String> attributes = attributes(serverFirst);
        assertThat(attributes.get("r")).startsWith("rOprNGfwEbeRWgbNEkqO");
        assertThat(attributes.get("i")).isEqualTo("4096");

        byte[] salt = Base64.getDecoder().decode(attributes.get("s"));
        byte[] saltedPassword = ScramFunctions.saltedPassword(ScramMechanism.SCRAM_SHA_256,
                StringPreparation.POSTGRESQL_PREPARATION, "pencil".toCharArray(), salt, 4096);
        byte[] clientKey = ScramFunctions.clientKey(ScramMechanism.SCRAM_SHA_256, saltedPassword);
        byte[] storedKey = ScramFunctions.storedKey(ScramMechanism.SCRAM_SHA_256, clientKey);
        String withoutProof = "c=biws,r=" + attributes.get("r");
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] proof = ScramFunctions.clientProof(clientKey,
                ScramFunctions.clientSignature(ScramMechanism.SCRAM_SHA_256, storedKey, authMessage));
        channel.writeInbound(message('p', body -> body.writeBytes((withoutProof + ",p="
                + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8))));
        List<Message> messages = read(channel);
        assertThat(types(messages)).startsWith("RR").endsWith("KZ");
        assertThat(messages.get(0).body().getInt(0)).isEqualTo(12);
        byte[] serverKey = ScramFunctions.serverKey(ScramMechanism.SCRAM_SHA_256, saltedPassword);
        String expectedSignature = Base64.getEncoder().encodeToString(
                ScramFunctions.serverSignature(ScramMechanism.SCRAM_SHA_256, serverKey, authMessage));
        assertThat(messages.get(0).bytesAfter(4)).isEqualTo("v=" + expectedSignature);
        assertThat(messages.get(1).body().getInt(0)).isZero();
    }

    @Test
    void shouldRejectAWrongScramProof() {
        EmbeddedChannel channel = channel(PgServerConfig.defaults().withPassword("pencil"));
        channel.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice"));
        read(channel);
        channel.writeInbound(message('p', body -> {
            writeString(body, "SCRAM-SHA-256");
            byte[] first = "y,,n=alice,r=abc".getBytes(StandardCharsets.UTF_8);
            body.writeInt(first.length).writeBytes(first);
        }));
        String nonce = attributes(single(read(channel)).bytesAfter(4)).get("r");
        String proof = Base64.getEncoder().encodeToString(new byte[32]);
        channel.writeInbound(message('p', body -> body.writeBytes(("c=eSws,r=" + nonce + ",p=" + proof)
                .getBytes(StandardCharsets.UTF_8))));
        assertThat(single(read(channel)).fields()).containsEntry('S', "FATAL").containsEntry('C', "28P01")
                .containsEntry('M', "password authentication failed for user \"alice\"");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldAuthenticateWithMd5() throws Exception {
        EmbeddedChannel channel = channel(PgServerConfig.defaults().withPassword("pencil")
                .withAuthMethod(PgServerConfig.AuthMethod.MD5));
        channel.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice"));
        Message request = single(read(channel));
        assertThat(request.body().getInt(0)).isEqualTo(5);
        byte[] salt = ByteBufUtil.getBytes(request.body(), 4, 4);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        String inner = HexFormat.of().formatHex(md5.digest("pencilalice".getBytes(StandardCharsets.UTF_8)));
        md5.update(inner.getBytes(StandardCharsets.US_ASCII));
        md5.update(salt);
        String response = "md5" + HexFormat.of().formatHex(md5.digest());
        channel.writeInbound(message('p', body -> writeString(body, response)));
        assertThat(types(read(channel))).startsWith("R").endsWith("KZ");
    }

    @Test
    void shouldAuthenticateWithACleartextPasswordAndRejectAWrongOne() {
        PgServerConfig config = PgServerConfig.defaults().withPassword("pencil")
                .withAuthMethod(PgServerConfig.AuthMethod.PASSWORD);
        EmbeddedChannel good = channel(config);
        good.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice"));
        assertThat(single(read(good)).body().getInt(0)).isEqualTo(3);
        good.writeInbound(message('p', body -> writeString(body, "pencil")));
        assertThat(types(read(good))).endsWith("KZ");

        EmbeddedChannel bad = channel(config);
        bad.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice"));
        read(bad);
        bad.writeInbound(message('p', body -> writeString(body, "crayon")));
        assertThat(single(read(bad)).fields()).containsEntry('C', "28P01");
        assertThat(bad.isOpen()).isFalse();
    }

    // ---- tests: simple query ----

    @Test
    void shouldAnswerEachStatementOfASimpleQuery() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(query("select * from series(2); create table t (a int)"));
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("TDDCCZ");
        Message description = messages.get(0);
        assertThat(description.body().getShort(0)).isEqualTo((short) 2);
        assertThat(description.stringAt(2)).isEqualTo("n");
        assertThat(messages.get(1).dataRow()).containsExactly("1", "row 1");
        assertThat(messages.get(3).string(0)).isEqualTo("SELECT 2");
        assertThat(messages.get(4).string(0)).isEqualTo("CREATE TABLE");
    }

    @Test
    void shouldAnswerEmptyQueryText() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(query("  ;  "));
        assertThat(types(read(channel))).isEqualTo("IZ");
    }

    @Test
    void shouldStopAtTheFirstErrorAndPointIntoTheWholeQueryText() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(query("select 1;  select boom; select 2"));
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("TDCEZ");
        assertThat(messages.get(3).fields()).containsEntry('S', "ERROR").containsEntry('V', "ERROR")
                .containsEntry('C', "42703").containsEntry('M', "column \"boom\" does not exist")
                .containsEntry('P', "19");
        channel.writeInbound(query("select 2"));
        assertThat(types(read(channel))).isEqualTo("TDCZ");
    }

    @Test
    void shouldSendNoticesBeforeCommandComplete() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(query("notice"));
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("NCZ");
        assertThat(messages.get(0).fields()).containsEntry('S', "NOTICE").containsEntry('C', "00000")
                .containsEntry('M', "table \"t\" does not exist, skipping");
    }

    @Test
    void shouldReportChangedParametersAndTheTransactionState() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(query("begin; set timezone to 'Europe/Paris'"));
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("CCSZ");
        assertThat(messages.get(2).string(0)).isEqualTo("TimeZone");
        assertThat(messages.get(2).string(1)).isEqualTo("Europe/Paris");
        assertThat(messages.get(3).body().getByte(0)).isEqualTo((byte) 'T');
        channel.writeInbound(query("select boom"));
        assertThat(last(read(channel)).body().getByte(0)).isEqualTo((byte) 'E');
        channel.writeInbound(query("rollback"));
        assertThat(last(read(channel)).body().getByte(0)).isEqualTo((byte) 'I');
    }

    @Test
    void shouldReportAnInternalErrorWithXx000AndKeepTheSession() {
        PgBackend broken = startup -> new ForwardingSession(backend.openSession(startup)) {
            @Override
            public PgStatement prepare(String sql, List<PgType> parameterTypes) {
                throw new IllegalStateException("boom inside");
            }
        };
        EmbeddedChannel channel = channel(broken, PgConnectionSettings.create(PgServerConfig.defaults()), false);
        channel.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice"));
        read(channel);
        channel.writeInbound(query("select 1"));
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("EZ");
        assertThat(messages.get(0).fields()).containsEntry('C', "XX000").containsEntry('M', "internal error: boom inside");
        assertThat(channel.isOpen()).isTrue();
    }

    // ---- tests: extended query ----

    @Test
    void shouldRunTheExtendedProtocolWithARowLimit() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(parse("s1", "select * from series(5)"), bind("p1", "s1", List.of(), new short[] {1}),
                describe('P', "p1"), execute("p1", 2), execute("p1", 2), execute("p1", 2), sync());
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("12TDDsDDsDCZ");
        Message description = messages.get(2);
        assertThat(description.body().getShort(description.body().readableBytes() - 2)).isEqualTo((short) 1);
        assertThat(messages.get(3).body().getInt(2)).isEqualTo(8);
        assertThat(messages.get(3).body().getLong(6)).isEqualTo(1L);
        assertThat(messages.get(10).string(0)).isEqualTo("SELECT 5");
    }

    @Test
    void shouldDescribeAStatementsParametersAndColumns() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(parse("", "select $1, $2", PgType.INT4.oid(), PgType.UNSPECIFIED.oid()),
                describe('S', ""), parse("ddl", "create table t (a int)"), describe('S', "ddl"), sync());
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("1tT1tnZ");
        ByteBuf parameters = messages.get(1).body();
        assertThat(parameters.getShort(0)).isEqualTo((short) 2);
        assertThat(parameters.getInt(2)).isEqualTo(23);
        assertThat(parameters.getInt(6)).isEqualTo(25);
    }

    @Test
    void shouldDecodeTextAndBinaryParameters() {
        EmbeddedChannel channel = connected();
        byte[] binaryInt = {0, 0, 0, 42};
        channel.writeInbound(parse("", "select $1, $2", PgType.INT4.oid(), PgType.TEXT.oid()),
                bind("", "", List.of(binaryInt, "hi".getBytes(StandardCharsets.UTF_8)), new short[0], (short) 1,
                        (short) 0), execute("", 0), sync());
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("12DCZ");
        assertThat(messages.get(2).dataRow()).containsExactly("42", "hi");
    }

    @Test
    void shouldReportBadParametersWithTheirNumberAndSkipToSync() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(parse("", "select $1, $2", PgType.INT4.oid(), PgType.INT4.oid()),
                bind("", "", List.of("1".getBytes(StandardCharsets.UTF_8), "x".getBytes(StandardCharsets.UTF_8)),
                        new short[0]), execute("", 0), sync());
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("1EZ");
        assertThat(messages.get(1).fields()).containsEntry('C', "22P02")
                .containsEntry('M', "invalid input syntax for type integer: \"x\"")
                .containsEntry('D', "in bind parameter $2");

        channel.writeInbound(bind("", "", List.of(new byte[] {1, 2}, new byte[] {0, 0, 0, 1}), new short[0],
                (short) 1), execute("", 0), sync());
        messages = read(channel);
        assertThat(types(messages)).isEqualTo("EZ");
        assertThat(messages.get(0).fields()).containsEntry('C', "22P03")
                .containsEntry('M', "incorrect binary data format in bind parameter 1");
    }

    @Test
    void shouldRefuseADuplicateNamedStatementButReplaceTheUnnamedOne() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(parse("", "select 1"), parse("", "select 2"), parse("s", "select 1"),
                parse("s", "select 2"), sync());
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("111EZ");
        assertThat(messages.get(3).fields()).containsEntry('C', "42P05")
                .containsEntry('M', "prepared statement \"s\" already exists");
    }

    @Test
    void shouldReportMissingStatementsAndPortals() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(bind("", "nope", List.of(), new short[0]), sync(), execute("gone", 0), sync(),
                describe('P', "gone"), sync());
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("EZEZEZ");
        assertThat(messages.get(0).fields()).containsEntry('C', "26000");
        assertThat(messages.get(2).fields()).containsEntry('C', "34000");
        assertThat(messages.get(4).fields()).containsEntry('C', "34000");
    }

    @Test
    void shouldCloseStatementsAndPortals() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(query("begin"));
        read(channel);
        int closedBefore = backend.closedPortals.get();
        channel.writeInbound(parse("s", "select 1"), bind("p", "s", List.of(), new short[0]), close('P', "p"),
                close('S', "s"), close('S', "never-existed"), bind("p", "s", List.of(), new short[0]), sync());
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("12333EZ");
        assertThat(backend.closedPortals.get() - closedBefore).isEqualTo(1);
    }

    @Test
    void shouldKeepNamedPortalsInATransactionAndDropThemWhenItEnds() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(query("begin"));
        read(channel);
        channel.writeInbound(parse("s", "select * from series(3)"), bind("cursor", "s", List.of(), new short[0]),
                execute("cursor", 1), sync());
        assertThat(types(read(channel))).isEqualTo("12DsZ");
        channel.writeInbound(execute("cursor", 1), sync());
        assertThat(types(read(channel))).isEqualTo("DsZ");
        channel.writeInbound(query("commit"));
        read(channel);
        channel.writeInbound(execute("cursor", 1), sync());
        assertThat(types(read(channel))).isEqualTo("EZ");
    }

    @Test
    void shouldAnswerEmptyStatementsInTheExtendedProtocol() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(parse("", ""), bind("", "", List.of(), new short[0]), describe('P', ""),
                execute("", 0), sync());
        assertThat(types(read(channel))).isEqualTo("12nIZ");
    }

    @Test
    void shouldFlushOnFlush() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(parse("", "select 1"), message('H', body -> { }));
        assertThat(types(read(channel))).isEqualTo("1");
    }

    // ---- tests: robustness ----

    @Test
    void shouldCloseTheConnectionOnAHugeDeclaredLength() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(Unpooled.buffer().writeByte('Q').writeInt(Integer.MAX_VALUE).writeBytes(new byte[10]));
        Message error = single(read(channel));
        assertThat(error.fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
        assertThat(channel.isOpen()).isFalse();
        assertThat(backend.closedSessions.get()).isEqualTo(1);
    }

    @Test
    void shouldCloseTheConnectionOnGarbageInsteadOfAStartupMessage() {
        EmbeddedChannel channel = channel(PgServerConfig.defaults());
        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(single(read(channel)).fields()).containsEntry('C', "08P01");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldCloseTheConnectionOnAnUnknownMessageType() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(message('@', body -> { }));
        assertThat(single(read(channel)).fields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldAnswerAMessageWithATruncatedBodyWithAnError() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(message('P', body -> body.writeBytes(new byte[] {'a'})), sync());
        List<Message> messages = read(channel);
        assertThat(types(messages)).isEqualTo("EZ");
        assertThat(messages.get(0).fields()).containsEntry('C', "08P01");
    }

    @Test
    void shouldWaitForTheRestOfAMessageSplitAcrossReads() {
        EmbeddedChannel channel = connected();
        ByteBuf whole = query("select 4");
        channel.writeInbound(whole.readRetainedSlice(3));
        assertThat(read(channel)).isEmpty();
        channel.writeInbound(whole);
        assertThat(types(read(channel))).isEqualTo("TDCZ");
    }

    @Test
    void shouldCloseTheSessionOnTerminate() {
        EmbeddedChannel channel = connected();
        channel.writeInbound(message('X', body -> { }));
        assertThat(channel.isOpen()).isFalse();
        assertThat(backend.closedSessions.get()).isEqualTo(1);
    }

    @Test
    void shouldCancelTheSessionNamedByACancelRequest() {
        PgConnectionSettings settings = PgConnectionSettings.create(PgServerConfig.defaults());
        EmbeddedChannel first = channel(backend, settings, false);
        first.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice"));
        Message keyData = read(first).stream().filter(m -> m.type() == 'K').findFirst().orElseThrow();
        int processId = keyData.body().getInt(0);
        int secretKey = keyData.body().getInt(4);

        EmbeddedChannel wrongSecret = channel(backend, settings, false);
        wrongSecret.writeInbound(Unpooled.buffer().writeInt(16).writeInt(PgDecoder.CANCEL_REQUEST_CODE)
                .writeInt(processId).writeInt(secretKey + 1));
        assertThat(backend.cancels.get()).isZero();

        EmbeddedChannel canceller = channel(backend, settings, false);
        canceller.writeInbound(Unpooled.buffer().writeInt(16).writeInt(PgDecoder.CANCEL_REQUEST_CODE)
                .writeInt(processId).writeInt(secretKey));
        assertThat(backend.cancels.get()).isEqualTo(1);
        assertThat(read(canceller)).isEmpty();
        assertThat(canceller.isOpen()).isFalse();
        assertThat(first.isOpen()).isTrue();
    }

    // ---- client side ----

    private EmbeddedChannel channel(PgServerConfig config) {
        return channel(PgConnectionSettings.create(config), false);
    }

    private EmbeddedChannel channel(PgConnectionSettings settings, boolean overLimit) {
        return channel(backend, settings, overLimit);
    }

    private EmbeddedChannel channel(PgBackend pgBackend, PgConnectionSettings settings, boolean overLimit) {
        PgWritabilityGate gate = new PgWritabilityGate();
        EmbeddedChannel channel = new EmbeddedChannel(new PgDecoder(settings.config().maxMessageSize()), gate,
                new PgWireProtocol(pgBackend, settings, gate, overLimit));
        channels.add(channel);
        return channel;
    }

    private EmbeddedChannel connected() {
        EmbeddedChannel channel = channel(PgServerConfig.defaults());
        channel.writeInbound(startupMessage(PROTOCOL_3_0, "user", "alice"));
        assertThat(types(read(channel))).endsWith("Z");
        return channel;
    }

    private static ByteBuf startupMessage(int version, String... keyValues) {
        ByteBuf body = Unpooled.buffer();
        body.writeInt(version);
        for (String item : keyValues) {
            writeString(body, item);
        }
        body.writeByte(0);
        return Unpooled.buffer().writeInt(body.readableBytes() + 4).writeBytes(body);
    }

    private static ByteBuf message(char type, Consumer<ByteBuf> writer) {
        ByteBuf body = Unpooled.buffer();
        writer.accept(body);
        return Unpooled.buffer().writeByte(type).writeInt(body.readableBytes() + 4).writeBytes(body);
    }

    private static ByteBuf query(String sql) {
        return message('Q', body -> writeString(body, sql));
    }

    private static ByteBuf parse(String name, String sql, int... parameterOids) {
        return message('P', body -> {
            writeString(body, name);
            writeString(body, sql);
            body.writeShort(parameterOids.length);
            for (int oid : parameterOids) {
                body.writeInt(oid);
            }
        });
    }

    private static ByteBuf bind(String portal, String statement, List<byte[]> values, short[] resultFormats,
            short... parameterFormats) {
        return message('B', body -> {
            writeString(body, portal);
            writeString(body, statement);
            body.writeShort(parameterFormats.length);
            for (short format : parameterFormats) {
                body.writeShort(format);
            }
            body.writeShort(values.size());
            for (byte[] value : values) {
                body.writeInt(value.length).writeBytes(value);
            }
            body.writeShort(resultFormats.length);
            for (short format : resultFormats) {
                body.writeShort(format);
            }
        });
    }

    private static ByteBuf describe(char kind, String name) {
        return message('D', body -> {
            body.writeByte(kind);
            writeString(body, name);
        });
    }

    private static ByteBuf execute(String portal, int maxRows) {
        return message('E', body -> {
            writeString(body, portal);
            body.writeInt(maxRows);
        });
    }

    private static ByteBuf close(char kind, String name) {
        return message('C', body -> {
            body.writeByte(kind);
            writeString(body, name);
        });
    }

    private static ByteBuf sync() {
        return message('S', body -> { });
    }

    private static void writeString(ByteBuf buf, String value) {
        buf.writeBytes(value.getBytes(StandardCharsets.UTF_8)).writeByte(0);
    }

    /** One backend message as the client reads it. */
    private record Message(char type, ByteBuf body) {
        /** The {@code index}-th zero-terminated string from byte offset 0 (strings only). */
        String string(int index) {
            int start = 0;
            for (int i = 0; i < index; i++) {
                start += body.bytesBefore(start, body.readableBytes() - start, (byte) 0) + 1;
            }
            int length = body.bytesBefore(start, body.readableBytes() - start, (byte) 0);
            return body.toString(start, length, StandardCharsets.UTF_8);
        }

        String stringAt(int offset) {
            return body.toString(offset, body.bytesBefore(offset, body.readableBytes() - offset, (byte) 0),
                    StandardCharsets.UTF_8);
        }

        String bytesAfter(int offset) {
            return body.toString(offset, body.readableBytes() - offset, StandardCharsets.UTF_8);
        }

        Map<Character, String> fields() {
            Map<Character, String> fields = new LinkedHashMap<>();
            int position = 0;
            while (body.getByte(position) != 0) {
                char code = (char) body.getByte(position);
                int length = body.bytesBefore(position + 1, body.readableBytes() - position - 1, (byte) 0);
                fields.put(code, body.toString(position + 1, length, StandardCharsets.UTF_8));
                position += length + 2;
            }
            return fields;
        }

        List<String> dataRow() {
            List<String> values = new ArrayList<>();
            int count = body.getShort(0);
            int position = 2;
            for (int i = 0; i < count; i++) {
                int length = body.getInt(position);
                position += 4;
                values.add(length < 0 ? null : body.toString(position, length, StandardCharsets.UTF_8));
                position += Math.max(length, 0);
            }
            return values;
        }
    }

    private static List<Message> read(EmbeddedChannel channel) {
        channel.runPendingTasks();
        ByteBuf all = Unpooled.buffer();
        ByteBuf next;
        while ((next = channel.readOutbound()) != null) {
            all.writeBytes(next);
            next.release();
        }
        List<Message> messages = new ArrayList<>();
        while (all.isReadable()) {
            char type = (char) all.readByte();
            int length = all.readInt();
            messages.add(new Message(type, all.readSlice(length - 4)));
        }
        return messages;
    }

    private static String types(List<Message> messages) {
        StringBuilder types = new StringBuilder();
        for (Message message : messages) {
            types.append(message.type());
        }
        return types.toString();
    }

    private static Message single(List<Message> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static Message last(List<Message> messages) {
        return messages.get(messages.size() - 1);
    }

    private static Map<String, String> attributes(String scramMessage) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : scramMessage.split(",")) {
            attributes.put(attribute.substring(0, 1), attribute.substring(2));
        }
        return attributes;
    }

    /** A session that forwards everything, for tests that override one method. */
    private static class ForwardingSession implements PgSession {
        private final PgSession delegate;

        ForwardingSession(PgSession delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, String> initialParameterStatus() {
            return delegate.initialParameterStatus();
        }

        @Override
        public List<StatementText> splitStatements(String sql) {
            return delegate.splitStatements(sql);
        }

        @Override
        public PgStatement prepare(String sql, List<PgType> parameterTypes) {
            return delegate.prepare(sql, parameterTypes);
        }

        @Override
        public TransactionState transactionState() {
            return delegate.transactionState();
        }

        @Override
        public Map<String, String> drainParameterChanges() {
            return delegate.drainParameterChanges();
        }

        @Override
        public List<PgNotice> drainNotices() {
            return delegate.drainNotices();
        }

        @Override
        public void cancel() {
            delegate.cancel();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
