package dev.freshet.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import dev.freshet.executor.source.nexmark.Auction;
import dev.freshet.executor.source.nexmark.Bid;
import dev.freshet.executor.source.nexmark.NexmarkConfig;
import dev.freshet.executor.source.nexmark.NexmarkGenerator;
import dev.freshet.executor.source.nexmark.NexmarkTable;
import dev.freshet.executor.source.nexmark.Person;

/**
 * The row counts some queries must end with, worked out from the generator the {@code nexmark}
 * connector reads (with the connector's defaults for the options the benchmark leaves out: seed
 * 42, event times 10 M events per second apart). A cheap check that a view read every event once
 * and joined what it should:
 * <ul>
 *   <li>q0, q1: every bid;
 *   <li>q2: the bids whose auction is a multiple of 123;
 *   <li>q3: the auctions of category 10 whose seller is a person of OR, ID or CA;
 *   <li>q9: the auctions with a bid between their start and their expiry (Top-1 keeps one each);
 *   <li>q17: the distinct (auction, day) pairs of the bids;
 *   <li>q20: the bids on an auction of category 10.
 * </ul>
 * The joins are regular joins, so a bid may meet an auction that comes after it. Counting makes
 * every event of the stream, which takes a few seconds per 10 M events; the answers are kept per N.
 * Not thread-safe.
 */
final class NexmarkExpectedCounts {
    private static final long Q2_MODULUS = 123;
    private static final long Q3_AND_Q20_CATEGORY = 10;
    private static final Set<String> Q3_STATES = Set.of("OR", "ID", "CA");
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final Map<Long, Counts> counts = new HashMap<>();

    /** The rows query {@code name} must end with over the first {@code events} events, or empty when unknown. */
    OptionalLong rows(String name, long events) {
        return switch (name) {
            case "q0", "q1" -> OptionalLong.of(countsFor(events).bids());
            case "q2" -> OptionalLong.of(countsFor(events).q2());
            case "q3" -> OptionalLong.of(countsFor(events).q3());
            case "q9" -> OptionalLong.of(countsFor(events).q9());
            case "q17" -> OptionalLong.of(countsFor(events).q17());
            case "q20" -> OptionalLong.of(countsFor(events).q20());
            default -> OptionalLong.empty();
        };
    }

    private record Counts(long bids, long q2, long q3, long q9, long q17, long q20) {
    }

    /** What the counts need of an auction. */
    private record AuctionFacts(long category, long seller, long dateTime, long expires) {
    }

    private record AuctionDay(long auction, long day) {
    }

    private Counts countsFor(long events) {
        return counts.computeIfAbsent(events, NexmarkExpectedCounts::count);
    }

    private static Counts count(long events) {
        NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.defaults().withEvents(0, events));
        // First the people and auctions, since a bid may name an auction made after it.
        Map<Long, String> states = new HashMap<>();
        Map<Long, AuctionFacts> auctions = new HashMap<>();
        for (long event = 0; event < events; event++) {
            NexmarkTable table = generator.tableOf(event);
            if (table == NexmarkTable.PERSON) {
                Person person = generator.person(event);
                states.put(person.id(), person.state());
            } else if (table == NexmarkTable.AUCTION) {
                Auction auction = generator.auction(event);
                auctions.put(auction.id(), new AuctionFacts(auction.category(), auction.seller(), auction.dateTime(),
                        auction.expires()));
            }
        }
        long q3 = auctions.values().stream()
                .filter(auction -> auction.category() == Q3_AND_Q20_CATEGORY
                        && states.containsKey(auction.seller()) && Q3_STATES.contains(states.get(auction.seller())))
                .count();
        long bids = 0;
        long q2 = 0;
        long q20 = 0;
        Set<Long> q9 = new HashSet<>();
        Set<AuctionDay> q17 = new HashSet<>();
        for (long event = 0; event < events; event++) {
            if (generator.tableOf(event) != NexmarkTable.BID) {
                continue;
            }
            Bid bid = generator.bid(event);
            bids++;
            if (bid.auction() % Q2_MODULUS == 0) {
                q2++;
            }
            q17.add(new AuctionDay(bid.auction(), Math.floorDiv(bid.dateTime(), MILLIS_PER_DAY)));
            AuctionFacts auction = auctions.get(bid.auction());
            if (auction != null) {
                if (auction.category() == Q3_AND_Q20_CATEGORY) {
                    q20++;
                }
                if (bid.dateTime() >= auction.dateTime() && bid.dateTime() <= auction.expires()) {
                    q9.add(bid.auction());
                }
            }
        }
        return new Counts(bids, q2, q3, q9.size(), q17.size(), q20);
    }
}
