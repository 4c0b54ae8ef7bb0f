package dev.freshet.executor;

import java.util.List;
import java.util.Map;

/**
 * What the running dataflow reports about itself to system tables: the watermarks it has
 * applied and the state tables of the views it maintains. Both are snapshots the dataflow
 * publishes after each epoch, backfill and drop; any thread may read them at any time, and they
 * may be an epoch ahead of a reader's storage snapshot.
 */
public interface DataflowStatus {
    /** A dataflow with no views: for planning without a running dataflow, and for tests. */
    DataflowStatus NONE = new DataflowStatus() {
        @Override
        public Map<Long, Long> watermarks() {
            return Map.of();
        }

        @Override
        public List<StateTableInfo> stateTables() {
            return List.of();
        }
    };

    /**
     * The watermark of each table (as far as the views have applied its changes) and of each
     * maintained view (its output watermark after its last step), by catalog id, in milliseconds:
     * {@link Long#MIN_VALUE} when none is known yet, {@link Long#MAX_VALUE} for a view no watermark
     * holds back (it reads no table with a watermark). An object not in the map has none. Immutable.
     */
    Map<Long, Long> watermarks();

    /**
     * The state tables of every maintained view, by view creation order, each view's own rows
     * first, then its operators' tables in plan order (as EXPLAIN lists them, top down). Views
     * that failed stay listed; views whose plan no longer matches their state are not maintained
     * and not listed. Immutable.
     */
    List<StateTableInfo> stateTables();

    /**
     * Every materialized view's place in every split of the sources it reads, by view and source
     * creation order and split, as of the last epoch. Immutable.
     */
    default List<SourceProgress> sources() {
        return List.of();
    }

    /** Every subscription its subscriber has not closed, in the order they began. Immutable. */
    default List<SubscriptionStatus> subscriptions() {
        return List.of();
    }

    /** Every sink's delivery, by sink creation order. Immutable. */
    default List<SinkStatus> sinks() {
        return List.of();
    }
}
