package dev.freshet.executor.source.nexmark;

import static java.lang.String.format;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

/**
 * What a NEXMark generator makes: which events, from which seed, on which event-time axis.
 *
 * <p>The defaults are those of the Flink side-by-side harness ({@code bench/flink-nexmark},
 * {@code RunQuery} and {@code NexmarkTableFactory}), so that a Freshet run and a Flink run with the
 * same parameters see identical events: seed 42, 10,000,000 events numbered from 0, 10,000,000
 * events per second of event time (0.1 µs of event time per event, as the reference suite's
 * {@code conf/nexmark.yaml}), base time 2024-01-01T00:00:00Z, and proportions 1:3:46.
 *
 * <p>Event {@code e} (the event number and event id are the same thing here) has kind person when
 * {@code e mod total < personProportion}, auction when it is below {@code personProportion +
 * auctionProportion}, bid otherwise, where {@code total} is the sum of the three proportions. Only
 * the default proportions reproduce the harness; it has no others.
 *
 * @param seed the seed every event's random draws derive from, together with its event number
 * @param firstEvent the number of the first event generated; events before it are skipped, not
 *     made, but ids and event times are those the full stream would have
 * @param eventCount how many events are generated, of all three kinds together
 * @param eventsPerSecond the event-time rate: event {@code e} happens at
 *     {@code baseTimeMillis + e * 1,000,000 / eventsPerSecond} µs, in milliseconds rounded down;
 *     it says nothing of how fast events are made in wall-clock time
 * @param baseTimeMillis the event time of event number 0, in milliseconds since 1970-01-01
 * @param personProportion people among each {@code total} consecutive events
 * @param auctionProportion auctions among each {@code total} consecutive events
 * @param bidProportion bids among each {@code total} consecutive events
 */
public record NexmarkConfig(
        long seed,
        long firstEvent,
        long eventCount,
        long eventsPerSecond,
        long baseTimeMillis,
        int personProportion,
        int auctionProportion,
        int bidProportion) {
    /** The harness's seed ({@code RunQuery --seed}). */
    public static final long DEFAULT_SEED = 42L;

    /** The harness's default event count ({@code RunQuery --events}, {@code events.num}). */
    public static final long DEFAULT_EVENT_COUNT = 10_000_000L;

    /** The reference suite's {@code tps}, which the harness uses for event time ({@code --rate}). */
    public static final long DEFAULT_EVENTS_PER_SECOND = 10_000_000L;

    /** 2024-01-01T00:00:00Z, the harness's fixed base ({@code NexmarkGenerator.DEFAULT_BASE_TIME_MS}). */
    public static final long DEFAULT_BASE_TIME_MILLIS = 1_704_067_200_000L;

    public NexmarkConfig {
        if (firstEvent < 0) {
            throw invalid(format("the first event number must not be negative: %d", firstEvent));
        }
        if (eventCount < 0) {
            throw invalid(format("the number of events must not be negative: %d", eventCount));
        }
        if (eventCount > Long.MAX_VALUE - firstEvent) {
            throw invalid(format("events %d to %d + %d run past the largest event number", firstEvent, firstEvent,
                    eventCount));
        }
        if (eventsPerSecond < 1) {
            throw invalid(format("the event-time rate must be at least 1 event per second: %d", eventsPerSecond));
        }
        if (personProportion < 1 || auctionProportion < 1 || bidProportion < 1) {
            throw invalid(format("the person, auction and bid proportions must each be at least 1: %d:%d:%d",
                    personProportion, auctionProportion, bidProportion));
        }
        if ((long) personProportion + auctionProportion + bidProportion > Integer.MAX_VALUE) {
            throw invalid(format("the proportions %d:%d:%d add up to more than %d", personProportion,
                    auctionProportion, bidProportion, Integer.MAX_VALUE));
        }
    }

    /** The harness's parameters: seed 42, events 0 to 9,999,999, 10 M events/s from 2024-01-01, 1:3:46. */
    public static NexmarkConfig defaults() {
        return new NexmarkConfig(DEFAULT_SEED, 0, DEFAULT_EVENT_COUNT, DEFAULT_EVENTS_PER_SECOND,
                DEFAULT_BASE_TIME_MILLIS, 1, 3, 46);
    }

    /** The number of events in one full cycle of the three kinds (50 by default). */
    public int totalProportion() {
        return personProportion + auctionProportion + bidProportion;
    }

    /** The number just past the last event generated. */
    public long endEvent() {
        return firstEvent + eventCount;
    }

    public NexmarkConfig withSeed(long seed) {
        return new NexmarkConfig(seed, firstEvent, eventCount, eventsPerSecond, baseTimeMillis, personProportion,
                auctionProportion, bidProportion);
    }

    public NexmarkConfig withEvents(long firstEvent, long eventCount) {
        return new NexmarkConfig(seed, firstEvent, eventCount, eventsPerSecond, baseTimeMillis, personProportion,
                auctionProportion, bidProportion);
    }

    public NexmarkConfig withEventsPerSecond(long eventsPerSecond) {
        return new NexmarkConfig(seed, firstEvent, eventCount, eventsPerSecond, baseTimeMillis, personProportion,
                auctionProportion, bidProportion);
    }

    public NexmarkConfig withBaseTimeMillis(long baseTimeMillis) {
        return new NexmarkConfig(seed, firstEvent, eventCount, eventsPerSecond, baseTimeMillis, personProportion,
                auctionProportion, bidProportion);
    }

    public NexmarkConfig withProportions(int personProportion, int auctionProportion, int bidProportion) {
        return new NexmarkConfig(seed, firstEvent, eventCount, eventsPerSecond, baseTimeMillis, personProportion,
                auctionProportion, bidProportion);
    }

    private static FreshetException invalid(String message) {
        return new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE, "nexmark: " + message);
    }
}
