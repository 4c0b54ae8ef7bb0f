package dev.freshet.executor.internal;

import java.nio.ByteBuffer;

import dev.freshet.storage.KvReader;
import dev.freshet.storage.StorageWriter;

/**
 * The number of the last epoch the dataflow committed: 0 before the first, then one more with
 * every epoch, across restarts. Each epoch's commit stores its own number, so a snapshot's number
 * is exactly the epoch whose view rows it holds. Subscriptions label changes with it.
 *
 * <p>Stored in the change log's keyspace under key {@code 0x0B}, as an 8-byte big-endian value.
 */
public final class CommittedEpoch {
    private static final byte[] KEY = {0x0B};

    private CommittedEpoch() {
    }

    /** The last committed epoch's number in this snapshot, or 0. */
    public static long read(KvReader reader) {
        byte[] value = reader.get(ChangeLog.KEYSPACE, KEY);
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    /** Stores an epoch's number in its commit. */
    public static void write(StorageWriter writer, long epoch) {
        writer.put(ChangeLog.KEYSPACE, KEY, ByteBuffer.allocate(8).putLong(epoch).array());
    }
}
