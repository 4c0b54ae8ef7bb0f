package dev.freshet.executor.source.nexmark;

import static java.util.Objects.requireNonNull;

/**
 * An auction opens: a row of {@link NexmarkTable#AUCTION}.
 *
 * @param id the auction's id, from 1000, dense and increasing in event order
 * @param itemName random lower-case words
 * @param description random lower-case words, longer
 * @param initialBid the opening price, log-uniform in [100, 10^8]
 * @param reserve the initial bid plus another such price
 * @param dateTime when the auction opened, in epoch milliseconds
 * @param expires when it closes, in epoch milliseconds, after {@code dateTime}
 * @param seller the selling person's id, hot (the first of the newest block of 100 people) 3 times in 4
 * @param category 10 to 14
 * @param extra random letters padding the event to 500 bytes on average
 */
public record Auction(
        long id,
        String itemName,
        String description,
        long initialBid,
        long reserve,
        long dateTime,
        long expires,
        long seller,
        long category,
        String extra) implements NexmarkEvent {
    public Auction {
        requireNonNull(itemName, "itemName is null");
        requireNonNull(description, "description is null");
        requireNonNull(extra, "extra is null");
    }

    @Override
    public NexmarkTable table() {
        return NexmarkTable.AUCTION;
    }

    @Override
    public Object[] toRow() {
        return new Object[] {
            id, itemName, description, initialBid, reserve, dateTime, expires, seller, category, extra};
    }
}
