package dev.freshet.server.pgwire;

/**
 * A PostgreSQL interval value: months, days and microseconds kept apart, exactly as the binary
 * format carries them (a month is not a fixed number of days, nor a day of microseconds).
 */
public record PgInterval(int months, int days, long microseconds) {
}
