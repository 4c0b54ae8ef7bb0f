package dev.freshet.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.freshet.common.FreshetException;
import dev.freshet.executor.internal.ChangeBatch;
import dev.freshet.executor.internal.RowKey;

/**
 * The subscriptions of one materialized view, on the coordinator thread: gathers the view's
 * output over an epoch, nets it per row once the epoch commits, and hands the same net changes to
 * every subscription.
 */
final class ViewSubscriptions {
    private final int width;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final ChangeBatch changes = new ChangeBatch();

    /** @param width the view's visible columns: its output rows may carry more (a hidden row id) */
    ViewSubscriptions(int width) {
        this.width = width;
    }

    void add(Subscription subscription) {
        subscriptions.add(subscription);
    }

    /** Gathers a step's output of the view. */
    void collect(ChangeBatch output) {
        changes.addAll(output);
    }

    /** Forgets what the epoch gathered: it did not commit, and its input will be applied again. */
    void discard() {
        changes.clear();
    }

    /**
     * Hands the committed epoch's net changes to each subscription: deletions first, then
     * insertions, each row once with its net weight. Forgets finished subscriptions; returns
     * false when none is left.
     */
    boolean publish(long epoch) {
        Subscription.EpochChanges net = net(epoch);
        changes.clear();
        subscriptions.removeIf(subscription -> !subscription.offer(net));
        return !subscriptions.isEmpty();
    }

    /** Ends every subscription once it has taken what is buffered. */
    void end(Supplier<FreshetException> reason) {
        subscriptions.forEach(subscription -> subscription.end(reason));
        subscriptions.clear();
    }

    private Subscription.EpochChanges net(long epoch) {
        Map<RowKey, long[]> weights = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            Object[] row = changes.row(i);
            if (row.length != width) {
                row = Arrays.copyOf(row, width);
            }
            weights.computeIfAbsent(RowKey.ofRow(row), key -> new long[1])[0] += changes.weight(i);
        }
        List<Object[]> rows = new ArrayList<>();
        long[] diffs = new long[weights.size()];
        for (int sign : new int[] {-1, 1}) {
            for (Map.Entry<RowKey, long[]> entry : weights.entrySet()) {
                long weight = entry.getValue()[0];
                if (Long.signum(weight) == sign) {
                    diffs[rows.size()] = weight;
                    rows.add(entry.getKey().values());
                }
            }
        }
        return new Subscription.EpochChanges(epoch, rows, Arrays.copyOf(diffs, rows.size()));
    }
}
