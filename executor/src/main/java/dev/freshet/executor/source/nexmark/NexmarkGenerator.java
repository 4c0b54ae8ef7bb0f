package dev.freshet.executor.source.nexmark;

import static java.util.Objects.requireNonNull;

import java.util.SplittableRandom;

/**
 * Makes NEXMark events: people, auctions and bids in proportion 1:3:46 by event number, with the
 * reference generator's ids, hot keys, prices and sizes (NEXMARK.md §1).
 *
 * <p>Every event draws from its own {@link SplittableRandom}, seeded by a SplitMix64 mix of
 * (seed, event number), so an event depends on nothing but the configuration and its number: any
 * split of the stream among workers, in any order, makes the same events. The draws, their order
 * and the arithmetic are those of the Flink side-by-side harness's generator
 * ({@code bench/flink-nexmark/.../NexmarkGenerator.java}), so both engines are measured on
 * identical data; {@code NexmarkHarnessEquivalenceTest} holds fingerprints of the harness's output. Change
 * nothing here without changing the harness alike.
 *
 * <p>A generator is immutable and thread-safe after construction (which draws the 10,004 bid
 * channel urls for the seed); workers may share one.
 */
public final class NexmarkGenerator {
    static final long FIRST_PERSON_ID = 1000L;
    static final long FIRST_AUCTION_ID = 1000L;
    static final long FIRST_CATEGORY_ID = 10L;
    static final int CATEGORY_COUNT = 5;

    /** A hot seller, bidder or auction is chosen with probability {@code 1 - 1/ratio}. */
    static final int HOT_AUCTION_RATIO = 2;
    static final int HOT_SELLER_RATIO = 4;
    static final int HOT_BIDDER_RATIO = 4;
    /** A hot id is the first (bidder: the second) of the newest block of this many ids. */
    static final int HOT_BLOCK = 100;

    /** Non-hot choices are among the newest this many auctions or people, plus the lead. */
    static final int IN_FLIGHT_AUCTIONS = 100;
    static final int ACTIVE_PEOPLE = 1000;
    static final int PERSON_ID_LEAD = 10;
    static final int AUCTION_ID_LEAD = 10;

    /** The average byte sizes the {@code extra} column pads events to. */
    static final int AVERAGE_PERSON_BYTES = 200;
    static final int AVERAGE_AUCTION_BYTES = 500;
    static final int AVERAGE_BID_BYTES = 100;

    private static final String[] FIRST_NAMES = {
        "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"};
    private static final String[] LAST_NAMES = {
        "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"};
    private static final String[] CITIES = {
        "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent",
        "Cheyenne"};
    private static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};

    /** The four 8-byte numbers of a bid, counted towards its size before padding. */
    private static final int BID_FIXED_BYTES = 8 + 8 + 8 + 8;

    private final NexmarkConfig config;
    private final NexmarkTimeline timeline;
    private final BidChannels channels;

    public NexmarkGenerator(NexmarkConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.timeline = new NexmarkTimeline(config);
        this.channels = new BidChannels(config.seed());
    }

    public NexmarkConfig config() {
        return config;
    }

    /** The id and time arithmetic of this generator's stream. */
    NexmarkTimeline timeline() {
        return timeline;
    }

    /** The table event {@code eventNumber} belongs to, known without making it. */
    public NexmarkTable tableOf(long eventNumber) {
        return timeline.tableOf(eventNumber);
    }

    /** The event time of event {@code eventNumber}, in epoch milliseconds. */
    public long timestampMillis(long eventNumber) {
        return timeline.timestampMillis(eventNumber);
    }

    /**
     * Event {@code eventNumber}, the same on every call. The number need not lie in the
     * configuration's range: the range says which events a source emits, not which exist.
     *
     * @throws IllegalArgumentException if {@code eventNumber} is negative
     */
    public NexmarkEvent next(long eventNumber) {
        return switch (timeline.tableOf(checkEventNumber(eventNumber))) {
            case PERSON -> person(eventNumber);
            case AUCTION -> auction(eventNumber);
            case BID -> bid(eventNumber);
        };
    }

    /**
     * Event {@code eventNumber}, which must be a person.
     *
     * @throws IllegalArgumentException if it is not a person or is negative
     */
    public Person person(long eventNumber) {
        checkTable(eventNumber, NexmarkTable.PERSON);
        SplittableRandom random = randomFor(eventNumber);
        long id = timeline.lastPersonId(eventNumber) + FIRST_PERSON_ID;
        String firstName = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String name = firstName + ' ' + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String user = RandomText.words(random, 7);
        String email = user + "@" + RandomText.words(random, 5) + ".com";
        String creditCard = RandomText.creditCard(random);
        String city = CITIES[random.nextInt(CITIES.length)];
        String state = STATES[random.nextInt(STATES.length)];
        int size = 8 + name.length() + email.length() + creditCard.length() + city.length() + state.length();
        String extra = RandomText.padding(random, size, AVERAGE_PERSON_BYTES);
        return new Person(id, name, email, creditCard, city, state, timeline.timestampMillis(eventNumber), extra);
    }

    /**
     * Event {@code eventNumber}, which must be an auction.
     *
     * @throws IllegalArgumentException if it is not an auction or is negative
     */
    public Auction auction(long eventNumber) {
        checkTable(eventNumber, NexmarkTable.AUCTION);
        SplittableRandom random = randomFor(eventNumber);
        long dateTime = timeline.timestampMillis(eventNumber);
        long id = timeline.lastAuctionId(eventNumber) + FIRST_AUCTION_ID;
        long seller;
        if (random.nextInt(HOT_SELLER_RATIO) > 0) {
            seller = (timeline.lastPersonId(eventNumber) / HOT_BLOCK) * HOT_BLOCK;
        } else {
            seller = randomPersonId(eventNumber, random);
        }
        long category = FIRST_CATEGORY_ID + random.nextInt(CATEGORY_COUNT);
        long initialBid = price(random);
        long expires = dateTime + auctionLengthMillis(eventNumber, dateTime, random);
        String itemName = RandomText.words(random, 20);
        String description = RandomText.words(random, 100);
        long reserve = initialBid + price(random);
        int size = 8 + itemName.length() + description.length() + 8 + 8 + 8 + 8 + 8;
        String extra = RandomText.padding(random, size, AVERAGE_AUCTION_BYTES);
        return new Auction(id, itemName, description, initialBid, reserve, dateTime, expires,
                seller + FIRST_PERSON_ID, category, extra);
    }

    /**
     * Event {@code eventNumber}, which must be a bid.
     *
     * @throws IllegalArgumentException if it is not a bid or is negative
     */
    public Bid bid(long eventNumber) {
        checkTable(eventNumber, NexmarkTable.BID);
        SplittableRandom random = randomFor(eventNumber);
        long auction;
        if (random.nextInt(HOT_AUCTION_RATIO) > 0) {
            auction = (timeline.lastAuctionId(eventNumber) / HOT_BLOCK) * HOT_BLOCK;
        } else {
            auction = randomAuctionId(eventNumber, random);
        }
        long bidder;
        if (random.nextInt(HOT_BIDDER_RATIO) > 0) {
            // the second person of the block, so that hot bidders are not hot sellers
            bidder = (timeline.lastPersonId(eventNumber) / HOT_BLOCK) * HOT_BLOCK + 1;
        } else {
            bidder = randomPersonId(eventNumber, random);
        }
        long price = price(random);
        String channel;
        String url;
        if (random.nextInt(BidChannels.HOT_CHANNEL_RATIO) > 0) {
            int hot = random.nextInt(BidChannels.hotChannelCount());
            channel = BidChannels.hotName(hot);
            url = channels.hotUrl(hot);
        } else {
            int other = random.nextInt(BidChannels.CHANNEL_COUNT);
            channel = channels.name(other);
            url = channels.url(other);
        }
        String extra = RandomText.padding(random, BID_FIXED_BYTES, AVERAGE_BID_BYTES);
        return new Bid(auction + FIRST_AUCTION_ID, bidder + FIRST_PERSON_ID, price, channel, url,
                timeline.timestampMillis(eventNumber), extra);
    }

    /** A person (0-based) among the newest {@code ACTIVE_PEOPLE}, or up to {@code PERSON_ID_LEAD} ahead. */
    private long randomPersonId(long eventNumber, SplittableRandom random) {
        long people = timeline.lastPersonId(eventNumber) + 1;
        long active = Math.min(people, ACTIVE_PEOPLE);
        return people - active + random.nextLong(active + PERSON_ID_LEAD);
    }

    /** An auction (0-based) among the newest {@code IN_FLIGHT_AUCTIONS}, or up to {@code AUCTION_ID_LEAD} ahead. */
    private long randomAuctionId(long eventNumber, SplittableRandom random) {
        long max = timeline.lastAuctionId(eventNumber);
        long min = Math.max(max - IN_FLIGHT_AUCTIONS, 0);
        return min + random.nextLong(max - min + 1 + AUCTION_ID_LEAD);
    }

    /**
     * 1 ms to twice the event-time span in which {@code IN_FLIGHT_AUCTIONS} new auctions open, so
     * that about that many auctions are open at once (at 10 M events/s the span rounds to 0 ms, and
     * auctions last 1 ms).
     */
    private long auctionLengthMillis(long eventNumber, long dateTime, SplittableRandom random) {
        long horizonMillis = timeline.timestampMillis(eventNumber + timeline.eventsForAuctions(IN_FLIGHT_AUCTIONS))
                - dateTime;
        return 1L + random.nextLong(Math.max(horizonMillis * 2, 1L));
    }

    /** Log-uniform in [100, 10^8]: {@code round(10^(6u) * 100)}. */
    private static long price(SplittableRandom random) {
        return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
    }

    private SplittableRandom randomFor(long eventNumber) {
        return new SplittableRandom(mix(config.seed(), eventNumber));
    }

    private void checkTable(long eventNumber, NexmarkTable expected) {
        NexmarkTable actual = timeline.tableOf(checkEventNumber(eventNumber));
        if (actual != expected) {
            throw new IllegalArgumentException(
                    "event " + eventNumber + " is a " + actual.tableName() + ", not a " + expected.tableName());
        }
    }

    private static long checkEventNumber(long eventNumber) {
        if (eventNumber < 0) {
            throw new IllegalArgumentException("event numbers are not negative: " + eventNumber);
        }
        return eventNumber;
    }

    /** SplitMix64's finalizer over {@code seed + n * golden gamma}: the per-event seed. */
    static long mix(long seed, long eventNumber) {
        long z = seed + eventNumber * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
