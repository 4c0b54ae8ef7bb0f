package dev.freshet.executor.source.nexmark;

import static java.util.Objects.requireNonNull;

/**
 * A bid on an auction: a row of {@link NexmarkTable#BID}.
 *
 * @param auction the auction's id, hot (the first of the newest block of 100 auctions) half the time
 * @param bidder the bidding person's id, hot (the second of the newest block of 100 people) 3 times in 4
 * @param price log-uniform in [100, 10^8]
 * @param channel one of 4 hot channels half the time, else {@code channel-<n>} for n below 10,000
 * @param url the channel's fixed url
 * @param dateTime when the bid was made, in epoch milliseconds
 * @param extra random letters padding the event to 100 bytes on average
 */
public record Bid(
        long auction,
        long bidder,
        long price,
        String channel,
        String url,
        long dateTime,
        String extra) implements NexmarkEvent {
    public Bid {
        requireNonNull(channel, "channel is null");
        requireNonNull(url, "url is null");
        requireNonNull(extra, "extra is null");
    }

    @Override
    public NexmarkTable table() {
        return NexmarkTable.BID;
    }

    @Override
    public Object[] toRow() {
        return new Object[] {auction, bidder, price, channel, url, dateTime, extra};
    }
}
