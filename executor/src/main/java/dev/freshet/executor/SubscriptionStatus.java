package dev.freshet.executor;

import static java.util.Objects.requireNonNull;

/**
 * A subscription as {@code freshet_catalog.subscriptions} shows it.
 *
 * @param viewName the materialized view subscribed to
 * @param startEpoch the epoch of its snapshot: changes after it are sent
 * @param lastEpoch the last epoch whose changes reached its buffer ({@code startEpoch} before any)
 * @param bufferedRows the rows of changes waiting for the subscriber to read them
 * @param problem why the stream ended while the subscriber has not closed it yet (it fell too far
 *     behind, the view was dropped), or null while it goes on
 */
public record SubscriptionStatus(String viewName, long startEpoch, long lastEpoch, long bufferedRows,
        String problem) {
    public SubscriptionStatus {
        requireNonNull(viewName, "viewName is null");
    }
}
