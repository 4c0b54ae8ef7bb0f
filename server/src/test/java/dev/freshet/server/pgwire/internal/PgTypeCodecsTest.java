package dev.freshet.server.pgwire.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.server.pgwire.PgInterval;
import dev.freshet.server.pgwire.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Expected texts and bytes are what PostgreSQL 16 writes ({@code DateStyle=ISO}, {@code IntervalStyle=postgres}). */
class PgTypeCodecsTest {
    private final PgTypeCodecs utc = new PgTypeCodecs(ZoneOffset.UTC);

    @Test
    void shouldWriteScalarsAsPostgreSqlText() {
        assertThat(utc.encodeText(PgType.BOOL, true)).isEqualTo("t");
        assertThat(utc.encodeText(PgType.BOOL, false)).isEqualTo("f");
        assertThat(utc.encodeText(PgType.INT2, (short) -3)).isEqualTo("-3");
        assertThat(utc.encodeText(PgType.INT8, Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(utc.encodeText(PgType.INT4, new BigDecimal("12"))).isEqualTo("12");
        assertThat(utc.encodeText(PgType.OID, 4294967295L)).isEqualTo("4294967295");
        assertThat(utc.encodeText(PgType.FLOAT8, 1e20)).isEqualTo("1e+20");
        assertThat(utc.encodeText(PgType.FLOAT4, 0.1f)).isEqualTo("0.1");
        assertThat(utc.encodeText(PgType.NUMERIC, new BigDecimal("123.4500"))).isEqualTo("123.4500");
        assertThat(utc.encodeText(PgType.NUMERIC, new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(utc.encodeText(PgType.NUMERIC, Double.NaN)).isEqualTo("NaN");
        assertThat(utc.encodeText(PgType.NUMERIC, 7L)).isEqualTo("7");
        assertThat(utc.encodeText(PgType.BYTEA, new byte[] {1, 2, (byte) 0xff})).isEqualTo("\\x0102ff");
        assertThat(utc.encodeText(PgType.VARCHAR, "héllo")).isEqualTo("héllo");
    }

    @Test
    void shouldWriteDatesAndTimesInIsoStyleWithTrailingZerosTrimmed() {
        assertThat(utc.encodeText(PgType.DATE, LocalDate.of(2024, 1, 2))).isEqualTo("2024-01-02");
        assertThat(utc.encodeText(PgType.DATE, LocalDate.of(0, 3, 15))).isEqualTo("0001-03-15 BC");
        assertThat(utc.encodeText(PgType.DATE, LocalDate.MAX)).isEqualTo("infinity");
        assertThat(utc.encodeText(PgType.TIME, LocalTime.of(3, 4, 5))).isEqualTo("03:04:05");
        assertThat(utc.encodeText(PgType.TIME, LocalTime.of(3, 4, 5, 120_000_000))).isEqualTo("03:04:05.12");
        assertThat(utc.encodeText(PgType.TIMESTAMP, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)))
                .isEqualTo("2024-01-02 03:04:05.123456");
        assertThat(utc.encodeText(PgType.TIMESTAMP, LocalDateTime.of(2024, 1, 2, 3, 4, 5)))
                .isEqualTo("2024-01-02 03:04:05");
        assertThat(utc.encodeText(PgType.TIMESTAMP, LocalDateTime.of(-43, 3, 15, 12, 0)))
                .isEqualTo("0044-03-15 12:00:00 BC");
        OffsetDateTime instant = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        assertThat(utc.encodeText(PgType.TIMESTAMPTZ, instant)).isEqualTo("2024-01-02 03:04:05+00");
        assertThat(new PgTypeCodecs(ZoneId.of("Asia/Kolkata")).encodeText(PgType.TIMESTAMPTZ, instant))
                .isEqualTo("2024-01-02 08:34:05+05:30");
        assertThat(new PgTypeCodecs(ZoneId.of("America/New_York")).encodeText(PgType.TIMESTAMPTZ, instant))
                .isEqualTo("2024-01-01 22:04:05-05");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "14|3|14706500000|1 year 2 mons 3 days 04:05:06.5",
        "0|0|0|00:00:00",
        "-1|0|0|-1 mons",
        "0|-1|3600000000|-1 days +01:00:00",
        "0|1|-3600000000|1 day -01:00:00",
        "12|0|0|1 year",
        "-14|0|0|-1 years -2 mons",
        "0|0|90000000000|25:00:00",
        "0|2|1000|2 days 00:00:00.001"
    })
    void shouldWriteIntervalsInPostgresStyle(int months, int days, long micros, String expected) {
        assertThat(utc.encodeText(PgType.INTERVAL, new PgInterval(months, days, micros))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 year 2 mons 3 days 04:05:06.5|14|3|14706500000",
        "0 years 0 mons 3 days 0 hours 0 mins 0.0 secs|0|3|0",
        "P1Y2M3DT4H5M6.5S|14|3|14706500000",
        "@ 1 day ago|0|-1|0",
        "1.5 days|0|1|43200000000",
        "-1 days +01:00:00|0|-1|3600000000",
        "10|0|0|10000000",
        "2 weeks|0|14|0"
    })
    void shouldReadIntervals(String text, int months, int days, long micros) {
        assertThat(utc.decodeText(PgType.INTERVAL, text)).isEqualTo(new PgInterval(months, days, micros));
    }

    @Test
    void shouldReadDatesAndTimestampsWithOffsetsAndEras() {
        assertThat(utc.decodeText(PgType.DATE, "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(utc.decodeText(PgType.DATE, "0001-01-01 BC")).isEqualTo(LocalDate.of(0, 1, 1));
        assertThat(utc.decodeText(PgType.TIMESTAMP, "2024-01-02 03:04:05.5"))
                .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000));
        assertThat(utc.decodeText(PgType.TIMESTAMP, "2024-01-02 03:04:05+02"))
                .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(utc.decodeText(PgType.TIMESTAMPTZ, "2024-01-02 03:04:05.123+05:30"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000, ZoneOffset.ofHoursMinutes(5, 30)));
        assertThat(new PgTypeCodecs(ZoneId.of("Europe/Berlin")).decodeText(PgType.TIMESTAMPTZ, "2024-07-01 12:00:00"))
                .isEqualTo(OffsetDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
        assertThat(utc.decodeText(PgType.TIME, "23:59:59.999999")).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        assertThatThrownBy(() -> utc.decodeText(PgType.DATE, "2024-13-01"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATETIME_FIELD_OVERFLOW));
        assertThatThrownBy(() -> utc.decodeText(PgType.TIMESTAMP, "yesterday-ish"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_DATETIME_FORMAT));
    }

    @Test
    void shouldReadScalarsAndReportBadTextWithPostgreSqlMessages() {
        assertThat(utc.decodeText(PgType.BOOL, "yes")).isEqualTo(true);
        assertThat(utc.decodeText(PgType.BOOL, " off ")).isEqualTo(false);
        assertThat(utc.decodeText(PgType.INT2, "-32768")).isEqualTo((short) -32768);
        assertThat(utc.decodeText(PgType.INT4, " 42 ")).isEqualTo(42);
        assertThat(utc.decodeText(PgType.INT8, "+7")).isEqualTo(7L);
        assertThat(utc.decodeText(PgType.OID, "-1")).isEqualTo(4294967295L);
        assertThat(utc.decodeText(PgType.FLOAT8, "1e+20")).isEqualTo(1e20);
        assertThat(utc.decodeText(PgType.FLOAT4, "-Infinity")).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(utc.decodeText(PgType.NUMERIC, "12.340")).isEqualTo(new BigDecimal("12.340"));
        assertThat(utc.decodeText(PgType.NUMERIC, "NaN")).isEqualTo(Double.NaN);
        assertThat((byte[]) utc.decodeText(PgType.BYTEA, "\\x0102FF")).containsExactly(1, 2, 0xff);
        assertThat((byte[]) utc.decodeText(PgType.BYTEA, "a\\000b\\\\")).containsExactly('a', 0, 'b', '\\');
        assertThatThrownBy(() -> utc.decodeText(PgType.INT4, "abc"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TEXT_REPRESENTATION);
                    assertThat(e.getMessage()).isEqualTo("invalid input syntax for type integer: \"abc\"");
                });
        assertThatThrownBy(() -> utc.decodeText(PgType.INT4, "2147483648"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE);
                    assertThat(e.getMessage()).isEqualTo("value \"2147483648\" is out of range for type integer");
                });
        assertThatThrownBy(() -> utc.decodeText(PgType.FLOAT8, "1d"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TEXT_REPRESENTATION));
        assertThatThrownBy(() -> utc.decodeText(PgType.BOOL, "maybe"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("invalid input syntax for type boolean: \"maybe\""));
    }

    @Test
    void shouldWriteAndReadArrayTextWithQuotingAndNulls() {
        assertThat(utc.encodeText(PgType.INT4_ARRAY, Arrays.asList(1, 2, null))).isEqualTo("{1,2,NULL}");
        List<String> texts = Arrays.asList("a b", null, "c", "", "NULL", "x\"y\\z", "{}");
        String text = utc.encodeText(PgType.TEXT_ARRAY, texts);
        assertThat(text).isEqualTo("{\"a b\",NULL,c,\"\",\"NULL\",\"x\\\"y\\\\z\",\"{}\"}");
        assertThat(utc.decodeText(PgType.TEXT_ARRAY, text)).isEqualTo(texts);
        assertThat(utc.encodeText(PgType.INT8_ARRAY, List.of(List.of(1L, 2L), List.of(3L, 4L))))
                .isEqualTo("{{1,2},{3,4}}");
        assertThat(utc.decodeText(PgType.INT4_ARRAY, " { 1 , NULL,3 } ")).isEqualTo(Arrays.asList(1, null, 3));
        assertThat(utc.decodeText(PgType.INT4_ARRAY, "[1:2]={{1,2},{3,4}}"))
                .isEqualTo(List.of(List.of(1, 2), List.of(3, 4)));
        assertThat(utc.decodeText(PgType.FLOAT8_ARRAY, "{}")).isEqualTo(List.of());
        assertThat(utc.encodeText(PgType.FLOAT8_ARRAY, List.of(1e20, 0.5))).isEqualTo("{1e+20,0.5}");
        assertThatThrownBy(() -> utc.decodeText(PgType.INT4_ARRAY, "{1,2"))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TEXT_REPRESENTATION);
                    assertThat(e.getMessage()).isEqualTo("malformed array literal: \"{1,2\"");
                });
    }

    @Test
    void shouldWriteBinaryNumericAsBase10000Digits() {
        assertThat(hex(PgType.NUMERIC, new BigDecimal("123.45"))).isEqualTo("0002" + "0000" + "0000" + "0002"
                + "007b" + "1194");
        assertThat(hex(PgType.NUMERIC, new BigDecimal("0.0001"))).isEqualTo("0001" + "ffff" + "0000" + "0004" + "0001");
        assertThat(hex(PgType.NUMERIC, new BigDecimal("10000"))).isEqualTo("0001" + "0001" + "0000" + "0000" + "0001");
        assertThat(hex(PgType.NUMERIC, new BigDecimal("-1.5"))).isEqualTo("0002" + "0000" + "4000" + "0001"
                + "0001" + "1388");
        assertThat(hex(PgType.NUMERIC, new BigDecimal("0.00"))).isEqualTo("0000" + "0000" + "0000" + "0002");
        assertThat(hex(PgType.NUMERIC, Double.NaN)).isEqualTo("0000" + "0000" + "c000" + "0000");
    }

    @ParameterizedTest
    @CsvSource({"123.45", "0.0001", "10000", "-1.5", "0.00", "123456789012345678901234567890.123456789",
        "-0.000000012", "1E+5", "99990000"})
    void shouldRoundTripBinaryNumeric(String value) {
        BigDecimal decimal = new BigDecimal(value);
        BigDecimal expected = decimal.scale() < 0 ? decimal.setScale(0) : decimal;
        assertThat(utc.decodeBinary(PgType.NUMERIC, utc.encodeBinary(PgType.NUMERIC, decimal))).isEqualTo(expected);
    }

    @Test
    void shouldWriteBinaryDatesAndTimestampsFromThePostgreSqlEpoch() {
        assertThat(hex(PgType.DATE, LocalDate.of(2000, 1, 1))).isEqualTo("00000000");
        assertThat(hex(PgType.DATE, LocalDate.of(1999, 12, 31))).isEqualTo("ffffffff");
        assertThat(hex(PgType.TIMESTAMP, LocalDateTime.of(2000, 1, 1, 0, 0, 1))).isEqualTo("00000000000f4240");
        assertThat(hex(PgType.TIMESTAMPTZ, OffsetDateTime.of(2000, 1, 1, 1, 0, 1, 0, ZoneOffset.ofHours(1))))
                .isEqualTo("00000000000f4240");
        assertThat(hex(PgType.TIME, LocalTime.of(0, 0, 1))).isEqualTo("00000000000f4240");
        assertThat(hex(PgType.INTERVAL, new PgInterval(2, 3, 1))).isEqualTo("0000000000000001" + "00000003"
                + "00000002");
        assertThat(hex(PgType.TIMESTAMP, LocalDateTime.MAX)).isEqualTo("7fffffffffffffff");
    }

    @Test
    void shouldRoundTripEveryTypeInBinary() {
        Object[][] cases = {
            {PgType.BOOL, true}, {PgType.INT2, (short) -2}, {PgType.INT4, 7}, {PgType.INT8, -9L},
            {PgType.OID, 4294967295L}, {PgType.REGCLASS, 1259L}, {PgType.FLOAT4, 1.5f}, {PgType.FLOAT8, -0.25},
            {PgType.TEXT, "héllo"}, {PgType.VARCHAR, "v"}, {PgType.NAME, "n"}, {PgType.BPCHAR, "b "},
            {PgType.CHAR, "c"}, {PgType.JSON, "{\"a\":1}"},
            {PgType.DATE, LocalDate.of(1, 1, 1)}, {PgType.TIME, LocalTime.of(23, 59, 59, 999_999_000)},
            {PgType.TIMESTAMP, LocalDateTime.of(1900, 5, 6, 7, 8, 9, 10_000)},
            {PgType.TIMESTAMPTZ, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6000, ZoneOffset.UTC)},
            {PgType.INTERVAL, new PgInterval(-1, 2, -3)},
            {PgType.INT4_ARRAY, Arrays.asList(1, null, 3)}, {PgType.TEXT_ARRAY, List.of("a", "b c")},
            {PgType.INT8_ARRAY, List.of(List.of(1L, 2L), List.of(3L, 4L))}, {PgType.BOOL_ARRAY, List.of()},
            {PgType.FLOAT8_ARRAY, List.of(1.0, 2.5)}, {PgType.INT2VECTOR, List.of((short) 1, (short) 2)},
        };
        for (Object[] testCase : cases) {
            PgType type = (PgType) testCase[0];
            assertThat(utc.decodeBinary(type, utc.encodeBinary(type, testCase[1]))).as(type.name())
                    .isEqualTo(testCase[1]);
        }
        assertThat((byte[]) utc.decodeBinary(PgType.BYTEA, new byte[] {0, 1})).containsExactly(0, 1);
    }

    @Test
    void shouldWriteBinaryArraysWithDimensionsAndNullFlag() {
        assertThat(hex(PgType.INT4_ARRAY, Arrays.asList(1, null))).isEqualTo("00000001" + "00000001" + "00000017"
                + "00000002" + "00000001" + "00000004" + "00000001" + "ffffffff");
        assertThat(hex(PgType.INT4_ARRAY, List.of())).isEqualTo("00000000" + "00000000" + "00000017");
    }

    @Test
    void shouldRejectBinaryOfTheWrongLength() {
        assertThatThrownBy(() -> utc.decodeBinary(PgType.INT4, new byte[] {1, 2}))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_BINARY_REPRESENTATION));
        assertThatThrownBy(() -> utc.decodeBinary(PgType.INT8, new byte[9]))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_BINARY_REPRESENTATION));
        byte[] hugeArray = ByteBuffer.allocate(20).putInt(1).putInt(0).putInt(23).putInt(Integer.MAX_VALUE).putInt(1)
                .array();
        assertThatThrownBy(() -> utc.decodeBinary(PgType.INT4_ARRAY, hugeArray))
                .isInstanceOf(FreshetException.class);
    }

    private String hex(PgType type, Object value) {
        return HexFormat.of().formatHex(utc.encodeBinary(type, value));
    }
}
