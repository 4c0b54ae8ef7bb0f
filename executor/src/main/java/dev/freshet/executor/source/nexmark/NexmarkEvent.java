package dev.freshet.executor.source.nexmark;

/**
 * One NEXMark event: a new person, a new auction, or a bid. Times are epoch milliseconds.
 */
public sealed interface NexmarkEvent permits Person, Auction, Bid {
    /** The table whose row this event is. */
    NexmarkTable table();

    /** When the event happened, in epoch milliseconds. */
    long dateTime();

    /** Random letters padding the event to its kind's average size. */
    String extra();

    /** The event as a row of {@link #table()}: its values in the table's column order. */
    Object[] toRow();
}
