package dev.freshet.tests.differential;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Event times as the window tests model them, milliseconds since the epoch, and as the TIMESTAMP
 * (without time zone) values the engines store: the wall-clock time in UTC, so that times before
 * 1970 are negative and window arithmetic on them needs floor division.
 */
final class EventTime {
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private EventTime() {
    }

    /** The TIMESTAMP value of an event time. */
    static LocalDateTime toTimestamp(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    /** An event time as {@code 1969-12-31 23:59:58.500}, for transcripts and failure messages. */
    static String render(long millis) {
        return TEXT.format(toTimestamp(millis));
    }
}
