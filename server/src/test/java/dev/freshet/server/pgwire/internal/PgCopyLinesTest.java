package dev.freshet.server.pgwire.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgCopyOut;
import dev.freshet.server.pgwire.PgType;

/** COPY's lines as PostgreSQL writes them, so that psql and COPY readers read back what was sent. */
class PgCopyLinesTest {
    private static final List<PgColumn> COLUMNS = List.of(PgColumn.of("id", PgType.INT8),
            PgColumn.of("body", PgType.TEXT));
    private static final PgTypeCodecs CODECS = new PgTypeCodecs(ZoneOffset.UTC);

    @Test
    void textShouldEscapeBackslashTabNewlineAndCarriageReturnAndWriteNullAsBackslashN() {
        PgCopyLines text = new PgCopyLines(new PgCopyOut(COLUMNS, PgCopyOut.Format.TEXT, false), CODECS);
        assertThat(line(text, 1L, "a\\b\tc\nd\re")).isEqualTo("1\ta\\\\b\\tc\\nd\\re\n");
        assertThat(line(text, 2L, null)).isEqualTo("2\t\\N\n");
        assertThat(line(text, 3L, "")).isEqualTo("3\t\n");
        assertThat(new String(text.header(), UTF_8)).isEqualTo("id\tbody\n");
    }

    @Test
    void csvShouldQuoteOnlyWhatNeedsItAndTellAnEmptyStringFromNull() {
        PgCopyLines csv = new PgCopyLines(new PgCopyOut(COLUMNS, PgCopyOut.Format.CSV, true), CODECS);
        assertThat(line(csv, 1L, "plain text")).isEqualTo("1,plain text\n");
        assertThat(line(csv, 2L, "a,b")).isEqualTo("2,\"a,b\"\n");
        assertThat(line(csv, 3L, "say \"hi\"")).isEqualTo("3,\"say \"\"hi\"\"\"\n");
        assertThat(line(csv, 4L, "two\nlines")).isEqualTo("4,\"two\nlines\"\n");
        assertThat(line(csv, 5L, null)).isEqualTo("5,\n");
        assertThat(line(csv, 6L, "")).isEqualTo("6,\"\"\n");
        // A lone \. would read back as the end-of-data marker.
        assertThat(line(csv, 7L, "\\.")).isEqualTo("7,\"\\.\"\n");
        assertThat(new String(csv.header(), UTF_8)).isEqualTo("id,body\n");
    }

    private static String line(PgCopyLines lines, Object... row) {
        return new String(lines.line(row), UTF_8);
    }
}
