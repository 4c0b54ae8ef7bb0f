package dev.freshet.executor.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.freshet.executor.SinkOutbox;
import dev.freshet.executor.format.EncodedRecord;
import dev.freshet.executor.format.SinkEnvelope;
import dev.freshet.planner.SinkDescriptor;

/**
 * One sink's side of the epochs: it gathers the changes of the sink's input during an epoch and,
 * at the epoch's commit, turns them into numbered batches of records for the outbox.
 *
 * <p>With a key, the changes of one key in an epoch become one change: the row before the epoch
 * and the row after it (an insert, a delete, or an update whose before and after the envelope
 * writes as it does: a Debezium update, or an upsert of the new row). Without a key, each copy
 * inserted or deleted is its own record.
 */
public final class SinkRuntime {
    /** The most records one batch (one external transaction) holds. */
    static final int BATCH_RECORDS = 10_000;

    private final SinkDescriptor sink;
    private final SinkEnvelope envelope;
    private final int[] key;
    private final ChangeBatch changes = new ChangeBatch();
    private long nextSequence;
    /** The number of the last batch an epoch's commit has written. */
    private long committedSequence;

    /** @param lastSequence the number of the sink's last batch written so far (0 for none) */
    public SinkRuntime(SinkDescriptor sink, SinkEnvelope envelope, long lastSequence) {
        this.sink = requireNonNull(sink, "sink is null");
        this.envelope = requireNonNull(envelope, "envelope is null");
        this.key = sink.key().stream().mapToInt(Integer::intValue).toArray();
        this.nextSequence = lastSequence + 1;
        this.committedSequence = lastSequence;
    }

    public SinkDescriptor sink() {
        return sink;
    }

    /** The batches {@link #drain} made are in a committed epoch: their numbers are used up. */
    public void committed() {
        committedSequence = nextSequence - 1;
    }

    /**
     * The epoch did not commit: forgets its changes, and the numbers of batches drained from them,
     * so that the epoch run again writes the same batches under the same numbers, once.
     */
    public void discard() {
        changes.clear();
        nextSequence = committedSequence + 1;
    }

    /** Adds changes of the sink's input in this epoch. */
    public void add(ChangeBatch input) {
        changes.addAll(input);
    }

    /** True when changes wait for the next {@link #drain}. */
    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    /** The epoch's records in numbered batches (none when nothing changed), and forgets the changes. */
    public List<SinkOutbox.Batch> drain(long timestampMillis) {
        List<EncodedRecord> records = key.length == 0 ? unkeyed(timestampMillis) : keyed(timestampMillis);
        changes.clear();
        List<SinkOutbox.Batch> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); from += BATCH_RECORDS) {
            batches.add(new SinkOutbox.Batch(nextSequence++,
                    records.subList(from, Math.min(records.size(), from + BATCH_RECORDS))));
        }
        return batches;
    }

    private List<EncodedRecord> unkeyed(long timestampMillis) {
        List<EncodedRecord> records = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = visible(changes.row(i));
            long weight = changes.weight(i);
            for (long copy = 0; copy < Math.abs(weight); copy++) {
                records.addAll(weight > 0 ? envelope.encode(null, row, timestampMillis)
                        : envelope.encode(row, null, timestampMillis));
            }
        }
        return records;
    }

    private List<EncodedRecord> keyed(long timestampMillis) {
        // Per key, in the order keys first changed: the row before the epoch and the row after it.
        Map<List<Object>, NetChange> net = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = visible(changes.row(i));
            NetChange change = net.computeIfAbsent(keyOf(row), k -> new NetChange());
            if (changes.weight(i) < 0) {
                change.retract(row);
            } else {
                change.insert(row);
            }
        }
        List<EncodedRecord> records = new ArrayList<>();
        for (NetChange change : net.values()) {
            if (change.changed()) {
                records.addAll(envelope.encode(change.before, change.after, timestampMillis));
            }
        }
        return records;
    }

    /** The net change of one key over an epoch. */
    private static final class NetChange {
        /** The key's row before the epoch, or null when it had none. */
        private Object[] before;
        /** The key's row after the changes so far, or null when it has none. */
        private Object[] after;
        private boolean seen;

        void retract(Object[] row) {
            if (!seen) {
                // The first change of the key retracts: the row existed before the epoch.
                before = row;
            }
            seen = true;
            if (after != null && Arrays.equals(after, row)) {
                after = null;
            }
        }

        void insert(Object[] row) {
            seen = true;
            after = row;
        }

        boolean changed() {
            boolean unchanged = before != null && after != null && Arrays.equals(before, after);
            return (before != null || after != null) && !unchanged;
        }
    }

    private List<Object> keyOf(Object[] row) {
        List<Object> values = new ArrayList<>(key.length);
        for (int column : key) {
            values.add(row[column]);
        }
        return values;
    }

    /** The row's visible columns: a view's rows may carry hidden columns after them. */
    private Object[] visible(Object[] row) {
        int width = sink.columns().size();
        return row.length == width ? row : Arrays.copyOf(row, width);
    }
}
