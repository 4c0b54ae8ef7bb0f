package dev.freshet.executor.source.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Freshet's generator makes exactly the events of the Flink side-by-side harness's generator
 * ({@code /work/shared/bench/flink-nexmark/src/main/java/bench/nexmark/NexmarkGenerator.java}),
 * so that benchmark figures of both engines are over identical data.
 *
 * <p>The expected values were produced by running the harness's generator itself, unmodified,
 * outside this build: compiled with javac against four hand-written stand-ins for Flink's
 * {@code RowData}, {@code GenericRowData}, {@code StringData} and {@code TimestampData} (plain
 * holders; Flink's jars are not in the local repository and are no dependency of Freshet). Each
 * event was rendered as {@code number|kind|field|field|…} + newline, kind 0 person, 1 auction,
 * 2 bid, fields in the harness's nested-row order (RisingWave's column order), timestamps as epoch
 * milliseconds, and the SHA-256 of the UTF-8 lines is the fingerprint. Rendering Freshet's rows the
 * same way must give the same digest. If the harness's generator changes, regenerate these.
 */
class NexmarkHarnessEquivalenceTest {
    @Test
    void shouldMatchHarnessFingerprintForFirstTwentyThousandEventsOfSeed42() {
        NexmarkConfig config = NexmarkConfig.defaults();

        assertThat(fingerprint(config, 0, 20_000))
                .isEqualTo("a7428f154a328d77c37fdcb8bd0ae6b28d1f3999d43d4a01b1c2ed2b25fa8b8f");
    }

    @Test
    void shouldMatchHarnessFingerprintFarIntoTheStream() {
        NexmarkConfig config = NexmarkConfig.defaults();

        assertThat(fingerprint(config, 1_000_000_000L, 1_000_005_000L))
                .isEqualTo("0f3a5b7ab5594b49399ccffaac8fb7a6394a82137c98f9c4708edf5043a89803");
    }

    @Test
    void shouldMatchHarnessFingerprintForAnotherSeedAndASlowEventTimeRate() {
        // at 1,000 events/s auctions last up to ~3.3 s, so the expiry draw is not the trivial 1 ms
        NexmarkConfig config = NexmarkConfig.defaults().withSeed(7).withEventsPerSecond(1_000);

        assertThat(fingerprint(config, 0, 5_000))
                .isEqualTo("d889054251e51cb44e57d89451eb2d35d99933e14968d146aadb6552a6d24bcc");
    }

    @Test
    void shouldMakeTheHarnessesFirstTwentyBidsForSeed42() {
        NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.defaults());
        List<String> bids = new ArrayList<>();
        for (long eventNumber = 4; eventNumber < 24; eventNumber++) {
            Bid bid = generator.bid(eventNumber);
            bids.add(bid.auction() + "/" + bid.bidder() + "/" + bid.price());
        }

        assertThat(bids).containsExactly(
                "1000/1001/246", "1005/1007/297700", "1000/1001/64797612", "1000/1006/100224",
                "1002/1001/396", "1000/1000/3712179", "1003/1007/4017", "1000/1001/3334214",
                "1000/1001/3017", "1009/1001/55594763", "1000/1001/3582958", "1000/1001/88206",
                "1000/1001/16885", "1000/1001/1499", "1009/1001/989", "1000/1001/4931015",
                "1004/1001/527758", "1006/1001/45615", "1005/1001/47832683", "1000/1001/382");
    }

    @Test
    void shouldMakeTheHarnessesPersonAndAuctionOfTheSecondCycle() {
        NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.defaults());

        assertThat(generator.person(50)).isEqualTo(new Person(1001, "Kate Smith", "j mfvo@gkyb.com",
                "8261 0262 7705 2694", "San Francisco", "WY", 1_704_067_200_000L,
                "zmacgokncpqfmkepmequobklxzdnalisdsyhishdalxdcgpibzuzofmobqdaxvmjxkdcxvmvdjluskivhrcswkyhcnfydqgmn"
                        + "tclggpcolaszboccbnovpiqacjdxvpu"));
        Auction auction = generator.auction(51);
        assertThat(auction.id()).isEqualTo(1003);
        assertThat(auction.itemName()).isEqualTo("ysd ye otukltjcli");
        assertThat(auction.description()).isEqualTo("wpsp tt  u  bggmdowfyjfwxc eyjsc vhak");
        assertThat(auction.initialBid()).isEqualTo(211_349);
        assertThat(auction.reserve()).isEqualTo(897_373);
        assertThat(auction.expires()).isEqualTo(1_704_067_200_001L);
        assertThat(auction.seller()).isEqualTo(1000);
        assertThat(auction.category()).isEqualTo(11);
    }

    private static String fingerprint(NexmarkConfig config, long from, long to) {
        NexmarkGenerator generator = new NexmarkGenerator(config);
        MessageDigest digest = sha256();
        for (long eventNumber = from; eventNumber < to; eventNumber++) {
            NexmarkEvent event = generator.next(eventNumber);
            StringBuilder line = new StringBuilder().append(eventNumber).append('|').append(event.table().ordinal());
            for (Object value : event.toRow()) {
                line.append('|').append(value);
            }
            line.append('\n');
            digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }
}
