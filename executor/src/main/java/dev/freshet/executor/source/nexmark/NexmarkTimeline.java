package dev.freshet.executor.source.nexmark;

import static java.util.Objects.requireNonNull;

/**
 * The arithmetic of the event stream, which needs no random draw: the kind of each event, the
 * newest person and auction at each event, and each event's time.
 *
 * <p>Events come in cycles of {@code total} = person + auction + bid proportion events (50 by
 * default): first the people of the cycle, then its auctions, then its bids. Person and auction
 * ids are therefore dense and increasing in event order, and a bid can only name people and
 * auctions that exist (or, for the non-hot choices, a few ids ahead: the reference generator's
 * "lead").
 *
 * <p>Ids here are 0-based; {@link NexmarkGenerator} adds {@code FIRST_PERSON_ID} and
 * {@code FIRST_AUCTION_ID}.
 */
final class NexmarkTimeline {
    private final int personProportion;
    private final int auctionProportion;
    private final int totalProportion;
    private final long baseTimeMillis;
    /** Event time between consecutive events in µs, a double as in the harness so that rounding agrees. */
    private final double interEventDelayMicros;

    NexmarkTimeline(NexmarkConfig config) {
        requireNonNull(config, "config is null");
        this.personProportion = config.personProportion();
        this.auctionProportion = config.auctionProportion();
        this.totalProportion = config.totalProportion();
        this.baseTimeMillis = config.baseTimeMillis();
        this.interEventDelayMicros = 1_000_000.0 / config.eventsPerSecond();
    }

    /** The table event {@code eventNumber} belongs to: a modulo, no generation. */
    NexmarkTable tableOf(long eventNumber) {
        long offset = eventNumber % totalProportion;
        if (offset < personProportion) {
            return NexmarkTable.PERSON;
        }
        if (offset < personProportion + auctionProportion) {
            return NexmarkTable.AUCTION;
        }
        return NexmarkTable.BID;
    }

    /** How many events of {@code table} come before event {@code eventNumber}. */
    long countBefore(NexmarkTable table, long eventNumber) {
        long cycle = eventNumber / totalProportion;
        long offset = eventNumber % totalProportion;
        long intoTable = Math.min(Math.max(offset - firstOffset(table), 0), proportion(table));
        return cycle * proportion(table) + intoTable;
    }

    /** The event number of the {@code index}-th (0-based) event of {@code table}. */
    long eventNumberOf(NexmarkTable table, long index) {
        int proportion = proportion(table);
        return (index / proportion) * totalProportion + firstOffset(table) + index % proportion;
    }

    /** The event time of {@code eventNumber} in epoch milliseconds. */
    long timestampMillis(long eventNumber) {
        // (long) of the µs product, then integer division: the harness's exact rounding
        return baseTimeMillis + (long) (eventNumber * interEventDelayMicros) / 1000L;
    }

    /** The newest person id (0-based) when event {@code eventNumber} is made; a person event's own id. */
    long lastPersonId(long eventNumber) {
        long cycle = eventNumber / totalProportion;
        long offset = Math.min(eventNumber % totalProportion, personProportion - 1);
        return cycle * personProportion + offset;
    }

    /**
     * The newest auction id (0-based) when event {@code eventNumber} is made; an auction event's own
     * id. Before the auctions of a cycle (on its people) it is the last auction of the previous
     * cycle, which is -1 during the first cycle's people.
     */
    long lastAuctionId(long eventNumber) {
        long cycle = eventNumber / totalProportion;
        long offset = eventNumber % totalProportion;
        if (offset < personProportion) {
            cycle--;
            offset = auctionProportion - 1;
        } else if (offset >= personProportion + auctionProportion) {
            offset = auctionProportion - 1;
        } else {
            offset -= personProportion;
        }
        return cycle * auctionProportion + offset;
    }

    /** Where in a cycle the events of {@code table} start. */
    private int firstOffset(NexmarkTable table) {
        return switch (table) {
            case PERSON -> 0;
            case AUCTION -> personProportion;
            case BID -> personProportion + auctionProportion;
        };
    }

    /** How many events of {@code table} each cycle has. */
    private int proportion(NexmarkTable table) {
        return switch (table) {
            case PERSON -> personProportion;
            case AUCTION -> auctionProportion;
            case BID -> totalProportion - personProportion - auctionProportion;
        };
    }

    /**
     * The number of events in which {@code auctions} new auctions appear (integer division, as in
     * the harness: 1,666 events for 100 auctions at the default proportions).
     */
    long eventsForAuctions(int auctions) {
        return (long) auctions * totalProportion / auctionProportion;
    }
}
