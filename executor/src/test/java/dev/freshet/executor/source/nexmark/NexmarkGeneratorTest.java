package dev.freshet.executor.source.nexmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The generator's distributions are those of NEXMark (NEXMARK.md §1); the exact values are
 * checked against the Flink harness in {@link NexmarkHarnessEquivalenceTest}.
 */
class NexmarkGeneratorTest {
    /** Far enough into the stream that there are over 1,000 people and 100 auctions to choose from. */
    private static final long SAMPLE_START = 1_000_000L;
    private static final long SAMPLE_END = SAMPLE_START + 200_000L;

    private final NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.defaults());
    private final NexmarkTimeline timeline = new NexmarkTimeline(NexmarkConfig.defaults());

    @Test
    void shouldMakeTheSameEventForTheSameSeedAndNumber() {
        NexmarkGenerator other = new NexmarkGenerator(NexmarkConfig.defaults());

        for (long eventNumber = 0; eventNumber < 1_000; eventNumber++) {
            assertThat(other.next(eventNumber)).isEqualTo(generator.next(eventNumber));
        }
    }

    @Test
    void shouldMakeDifferentEventsForAnotherSeed() {
        NexmarkGenerator other = new NexmarkGenerator(NexmarkConfig.defaults().withSeed(43));

        assertThat(other.bid(10)).isNotEqualTo(generator.bid(10));
    }

    @Test
    void shouldMakePeopleAuctionsAndBidsOneToThreeToFortySix() {
        Map<NexmarkTable, Integer> counts = new EnumMap<>(NexmarkTable.class);
        for (long eventNumber = 0; eventNumber < 50_000; eventNumber++) {
            counts.merge(generator.next(eventNumber).table(), 1, Integer::sum);
        }

        assertThat(counts).containsOnly(entry(NexmarkTable.PERSON, 1_000), entry(NexmarkTable.AUCTION, 3_000),
                entry(NexmarkTable.BID, 46_000));
    }

    @Test
    void shouldKnowEachEventsTableWithoutMakingIt() {
        for (long eventNumber = 0; eventNumber < 200; eventNumber++) {
            assertThat(generator.tableOf(eventNumber)).isEqualTo(generator.next(eventNumber).table());
        }
    }

    @Test
    void shouldNumberPeopleAndAuctionsDenselyFromOneThousand() {
        long nextPerson = 1000;
        long nextAuction = 1000;
        for (long eventNumber = 0; eventNumber < 10_000; eventNumber++) {
            NexmarkEvent event = generator.next(eventNumber);
            if (event instanceof Person person) {
                assertThat(person.id()).isEqualTo(nextPerson++);
            } else if (event instanceof Auction auction) {
                assertThat(auction.id()).isEqualTo(nextAuction++);
            }
        }
        assertThat(nextPerson).isEqualTo(1000 + 200);
        assertThat(nextAuction).isEqualTo(1000 + 600);
    }

    @Test
    void shouldBidOnTheHotAuctionHalfOfTheTime() {
        int hot = 0;
        int bids = 0;
        for (long eventNumber = SAMPLE_START; eventNumber < SAMPLE_END; eventNumber++) {
            if (generator.tableOf(eventNumber) == NexmarkTable.BID) {
                long hotAuction = (timeline.lastAuctionId(eventNumber) / 100) * 100 + 1000;
                bids++;
                if (generator.bid(eventNumber).auction() == hotAuction) {
                    hot++;
                }
            }
        }

        // 1/2 hot, plus the 1 in ~111 non-hot draws that land on the hot auction by chance
        assertThat((double) hot / bids).isCloseTo(0.5, within(0.02));
    }

    @Test
    void shouldBidAsTheHotBidderThreeTimesInFour() {
        int hot = 0;
        int bids = 0;
        for (long eventNumber = SAMPLE_START; eventNumber < SAMPLE_END; eventNumber++) {
            if (generator.tableOf(eventNumber) == NexmarkTable.BID) {
                long hotBidder = (timeline.lastPersonId(eventNumber) / 100) * 100 + 1 + 1000;
                bids++;
                if (generator.bid(eventNumber).bidder() == hotBidder) {
                    hot++;
                }
            }
        }

        assertThat((double) hot / bids).isCloseTo(0.75, within(0.02));
    }

    @Test
    void shouldSellThroughTheHotSellerThreeTimesInFour() {
        int hot = 0;
        int auctions = 0;
        for (long eventNumber = SAMPLE_START; eventNumber < SAMPLE_START + 1_000_000L; eventNumber++) {
            if (generator.tableOf(eventNumber) == NexmarkTable.AUCTION) {
                long hotSeller = (timeline.lastPersonId(eventNumber) / 100) * 100 + 1000;
                auctions++;
                if (generator.auction(eventNumber).seller() == hotSeller) {
                    hot++;
                }
            }
        }

        assertThat((double) hot / auctions).isCloseTo(0.75, within(0.02));
    }

    @Test
    void shouldOnlyNameExistingPeopleAndAuctionsOrAFewAhead() {
        for (long eventNumber = SAMPLE_START; eventNumber < SAMPLE_START + 50_000; eventNumber++) {
            NexmarkEvent event = generator.next(eventNumber);
            long lastPerson = timeline.lastPersonId(eventNumber) + 1000;
            if (event instanceof Bid bid) {
                long lastAuction = timeline.lastAuctionId(eventNumber) + 1000;
                assertThat(bid.auction()).isBetween(lastAuction - 100, lastAuction + 10);
                assertThat(bid.bidder()).isBetween(lastPerson - 999, lastPerson + 10);
            } else if (event instanceof Auction auction) {
                assertThat(auction.seller()).isBetween(lastPerson - 999, lastPerson + 10);
            }
        }
    }

    @Test
    void shouldPutAuctionsInCategoriesTenToFourteen() {
        Map<Long, Integer> categories = new TreeMap<>();
        for (long eventNumber = 0; eventNumber < 50_000; eventNumber++) {
            if (generator.next(eventNumber) instanceof Auction auction) {
                categories.merge(auction.category(), 1, Integer::sum);
            }
        }

        assertThat(categories).containsOnlyKeys(10L, 11L, 12L, 13L, 14L);
    }

    @Test
    void shouldKeepPricesBetweenOneHundredAndOneHundredMillion() {
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (long eventNumber = 0; eventNumber < 100_000; eventNumber++) {
            NexmarkEvent event = generator.next(eventNumber);
            if (event instanceof Bid bid) {
                lowest = Math.min(lowest, bid.price());
                highest = Math.max(highest, bid.price());
            } else if (event instanceof Auction auction) {
                assertThat(auction.initialBid()).isBetween(100L, 100_000_000L);
                assertThat(auction.reserve()).isBetween(auction.initialBid() + 100, auction.initialBid() + 100_000_000L);
            }
        }

        assertThat(lowest).isBetween(100L, 110L);
        assertThat(highest).isBetween(90_000_000L, 100_000_000L);
    }

    @Test
    void shouldAdvanceEventTimeByATenthOfAMicrosecondPerEventByDefault() {
        long base = NexmarkConfig.DEFAULT_BASE_TIME_MILLIS;
        for (long eventNumber = 0; eventNumber < 100_000_000L; eventNumber += 9_973) {
            assertThat(generator.timestampMillis(eventNumber)).isEqualTo(base + eventNumber / 10_000);
        }
        assertThat(generator.next(123_456_789L).dateTime()).isEqualTo(base + 12_345);
    }

    @Test
    void shouldAdvanceEventTimeByTheConfiguredRateFromTheConfiguredBase() {
        NexmarkGenerator slow = new NexmarkGenerator(
                NexmarkConfig.defaults().withEventsPerSecond(1_000).withBaseTimeMillis(5_000));

        for (long eventNumber = 0; eventNumber < 2_000; eventNumber++) {
            assertThat(slow.next(eventNumber).dateTime()).isEqualTo(5_000 + eventNumber);
        }
    }

    @Test
    void shouldExpireAuctionsAfterTheyOpen() {
        NexmarkGenerator slow = new NexmarkGenerator(NexmarkConfig.defaults().withEventsPerSecond(1_000));
        long longest = 0;
        for (long eventNumber = 0; eventNumber < 50_000; eventNumber++) {
            if (slow.next(eventNumber) instanceof Auction auction) {
                assertThat(auction.expires()).isGreaterThan(auction.dateTime());
                longest = Math.max(longest, auction.expires() - auction.dateTime());
            }
        }

        // twice the 1,666 ms in which 100 auctions open at 1,000 events/s
        assertThat(longest).isBetween(3_000L, 3_333L);
    }

    @Test
    void shouldPadEventsToTwoHundredFiveHundredAndOneHundredBytesOnAverage() {
        Map<NexmarkTable, long[]> sizes = new EnumMap<>(NexmarkTable.class);
        for (long eventNumber = 0; eventNumber < 50_000; eventNumber++) {
            NexmarkEvent event = generator.next(eventNumber);
            long[] totals = sizes.computeIfAbsent(event.table(), table -> new long[2]);
            totals[0] += size(event);
            totals[1]++;
        }

        assertThat(averageSize(sizes, NexmarkTable.PERSON)).isCloseTo(200, within(0.2 * 200));
        assertThat(averageSize(sizes, NexmarkTable.AUCTION)).isCloseTo(500, within(0.2 * 500));
        assertThat(averageSize(sizes, NexmarkTable.BID)).isCloseTo(100, within(0.2 * 100));
    }

    @Test
    void shouldRefuseToMakeAnEventAsTheWrongKind() {
        assertThatThrownBy(() -> generator.bid(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event 0 is a person, not a bid");
        assertThatThrownBy(() -> generator.next(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    /** The event's size as the generator counts it when padding: 8 bytes a number, 1 a character. */
    private static long size(NexmarkEvent event) {
        if (event instanceof Person person) {
            return 8 + person.name().length() + person.emailAddress().length() + person.creditCard().length()
                    + person.city().length() + person.state().length() + person.extra().length();
        }
        if (event instanceof Auction auction) {
            return 8 + auction.itemName().length() + auction.description().length() + 5 * 8
                    + auction.extra().length();
        }
        return 4 * 8 + event.extra().length();
    }

    private static double averageSize(Map<NexmarkTable, long[]> sizes, NexmarkTable table) {
        long[] totals = sizes.get(table);
        return (double) totals[0] / totals[1];
    }
}
