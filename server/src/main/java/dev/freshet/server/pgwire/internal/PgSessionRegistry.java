package dev.freshet.server.pgwire.internal;

import static java.util.Objects.requireNonNull;

import dev.freshet.server.pgwire.PgSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open sessions of one server by their BackendKeyData, so that a CancelRequest, which arrives
 * on a connection of its own, can find the session it means. The secret key is random so that
 * one client cannot cancel another's statements by guessing process ids.
 */
public final class PgSessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PgSessionRegistry.class);

    private final ConcurrentMap<Integer, Entry> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger nextProcessId = new AtomicInteger(1000);
    private final SecureRandom random = new SecureRandom();

    /** The key a client quotes in a CancelRequest. */
    public record BackendKey(int processId, int secretKey) {
    }

    private record Entry(int secretKey, PgSession session) {
    }

    public BackendKey register(PgSession session) {
        requireNonNull(session, "session is null");
        int processId = nextProcessId.getAndIncrement();
        int secretKey = random.nextInt();
        sessions.put(processId, new Entry(secretKey, session));
        return new BackendKey(processId, secretKey);
    }

    public void unregister(BackendKey key) {
        sessions.remove(key.processId());
    }

    /** Cancels the session's running statement; returns false when the key matches no session. */
    public boolean cancel(int processId, int secretKey) {
        Entry entry = sessions.get(processId);
        if (entry == null || entry.secretKey() != secretKey) {
            LOG.info("Ignoring a cancel request for unknown backend {}", processId);
            return false;
        }
        entry.session().cancel();
        return true;
    }

    /** Ends the running statement of every session: the server is stopping. */
    public void shutdownAll() {
        sessions.values().forEach(entry -> entry.session().shutdown());
    }

    public int size() {
        return sessions.size();
    }
}
