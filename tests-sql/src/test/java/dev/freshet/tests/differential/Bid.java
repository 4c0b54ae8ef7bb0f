package dev.freshet.tests.differential;

/**
 * One row of the window tests' table {@code bids}. Every column but the id may be NULL.
 *
 * @param time {@code date_time} in milliseconds since the epoch ({@link EventTime}); a row whose time
 *     is NULL belongs to no window, and is never late
 */
record Bid(long id, Long auction, Long bidder, Long price, Long time) {
    Bid withPrice(Long newPrice) {
        return new Bid(id, auction, bidder, newPrice, time);
    }

    Bid withAuctionAndPrice(Long newAuction, Long newPrice) {
        return new Bid(id, newAuction, bidder, newPrice, time);
    }

    Bid withTime(Long newTime) {
        return new Bid(id, auction, bidder, price, newTime);
    }
}
