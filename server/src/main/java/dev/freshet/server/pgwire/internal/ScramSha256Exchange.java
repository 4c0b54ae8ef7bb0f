package dev.freshet.server.pgwire.internal;

import static java.util.Objects.requireNonNull;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.ServerFirstMessage;
import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it:
 * <pre>
 *   client-first  n,,n=user,r=cnonce          (GS2 header "n,," or "y,,"; PostgreSQL ignores n=)
 *   server-first  r=cnonce+snonce,s=salt,i=4096
 *   client-final  c=base64(GS2 header),r=cnonce+snonce,p=proof
 *   server-final  v=server signature
 * </pre>
 * No channel binding is offered (there is no TLS), so a client asking for it ("p=…") is refused;
 * "y,," means the client could bind but believes the server cannot, which is true here.
 */
public final class ScramSha256Exchange {
    public static final String MECHANISM = "SCRAM-SHA-256";

    private final ScramCredentials credentials;
    private final SecureRandom random;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    public ScramSha256Exchange(ScramCredentials credentials, SecureRandom random) {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.random = requireNonNull(random, "random is null");
    }

    /** Reads client-first-message and returns server-first-message. */
    public byte[] serverFirst(byte[] clientFirstMessage) {
        String message = new String(clientFirstMessage, StandardCharsets.UTF_8);
        if (message.startsWith("p=")) {
            throw new FreshetException(ErrorCode.PROTOCOL_VIOLATION,
                    "channel binding is not supported: the client must not require it");
        }
        // Parsed by hand: libpq sends an empty user name ("n=,"), which scram-common's parser refuses.
        int headerEnd = message.indexOf(',', message.indexOf(',') + 1);
        if (!(message.startsWith("n,") || message.startsWith("y,")) || headerEnd < 0) {
            throw malformed("GS2 header in client-first-message");
        }
        gs2Header = message.substring(0, headerEnd + 1);
        clientFirstBare = message.substring(headerEnd + 1);
        String clientNonce = null;
        for (String attribute : clientFirstBare.split(",")) {
            if (attribute.startsWith("r=")) {
                clientNonce = attribute.substring(2);
            }
        }
        if (!clientFirstBare.startsWith("n=") || clientNonce == null || clientNonce.isEmpty()) {
            throw malformed("client-first-message");
        }
        String serverNonce = ScramFunctions.nonce(18, random);
        nonce = clientNonce + serverNonce;
        serverFirst = new ServerFirstMessage(clientNonce, serverNonce,
                Base64.getEncoder().encodeToString(credentials.salt()), credentials.iterations()).toString();
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads client-final-message and returns server-final-message, or null when the client's
     * proof is wrong (the password does not match).
     */
    public byte[] serverFinal(byte[] clientFinalMessage) {
        if (serverFirst == null) {
            throw malformed("client-final-message before client-first-message");
        }
        String message = new String(clientFinalMessage, StandardCharsets.UTF_8);
        int proofStart = message.lastIndexOf(",p=");
        if (proofStart < 0) {
            throw malformed("client-final-message");
        }
        String withoutProof = message.substring(0, proofStart);
        String channelBinding = null;
        String finalNonce = null;
        for (String attribute : withoutProof.split(",")) {
            if (attribute.startsWith("c=")) {
                channelBinding = attribute.substring(2);
            } else if (attribute.startsWith("r=")) {
                finalNonce = attribute.substring(2);
            }
        }
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!expectedBinding.equals(channelBinding)) {
            throw malformed("channel binding (c=) in client-final-message");
        }
        if (!nonce.equals(finalNonce)) {
            throw malformed("nonce in client-final-message");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofStart + 3));
        } catch (IllegalArgumentException e) {
            throw malformed("proof in client-final-message");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        if (proof.length != credentials.storedKey().length || !ScramFunctions.verifyClientProof(
                ScramMechanism.SCRAM_SHA_256, proof, credentials.storedKey(), authMessage)) {
            return null;
        }
        byte[] signature = ScramFunctions.serverSignature(ScramMechanism.SCRAM_SHA_256, credentials.serverKey(),
                authMessage);
        return ("v=" + Base64.getEncoder().encodeToString(signature)).getBytes(StandardCharsets.UTF_8);
    }

    private static FreshetException malformed(String what) {
        return new FreshetException(ErrorCode.PROTOCOL_VIOLATION, "malformed SCRAM message: invalid " + what);
    }
}
