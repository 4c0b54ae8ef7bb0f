package dev.freshet.server.pgwire.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are PostgreSQL 16's {@code float8out}/{@code float4out} with default settings. */
class PgFloatFormatTest {
    @ParameterizedTest
    @CsvSource({
        "1, 1", "1.5, 1.5", "-1.5, -1.5", "1e20, 1e+20", "123456789012, 123456789012", "0.1, 0.1",
        "1e15, 1e+15", "1e14, 100000000000000", "0.0001, 0.0001", "0.00001, 1e-05",
        "0.3333333333333333, 0.3333333333333333", "1e100, 1e+100", "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308", "123456789012345678, 1.2345678901234568e+17",
        "0.30000000000000004, 0.30000000000000004", "2e-3, 0.002", "1e23, 1e+23", "-0.0, -0", "0, 0",
        "NaN, NaN", "Infinity, Infinity", "-Infinity, -Infinity", "100, 100", "1.0E-4, 0.0001",
        "123.456, 123.456", "5e-5, 5e-05", "1.5e300, 1.5e+300"
    })
    void shouldFormatFloat8AsPostgreSql(double value, String expected) {
        assertThat(PgFloatFormat.formatDouble(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "1.5, 1.5", "123456, 123456", "1234567, 1.234567e+06", "0.1, 0.1", "1e10, 1e+10",
        "3.4028235e38, 3.4028235e+38", "1.4e-45, 1e-45", "0.3, 0.3", "-2.5, -2.5", "100000, 100000",
        "1000000, 1e+06", "NaN, NaN", "-Infinity, -Infinity", "0.00001, 1e-05", "3.1415927, 3.1415927"
    })
    void shouldFormatFloat4AsPostgreSql(float value, String expected) {
        assertThat(PgFloatFormat.formatFloat(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0.1", "1e-7", "123.456e200", "2.2250738585072014E-308", "9007199254740993", "1.1"})
    void shouldRoundTripEveryFloat8(double value) {
        assertThat(Double.parseDouble(PgFloatFormat.formatDouble(value))).isEqualTo(value);
        assertThat(Double.parseDouble(PgFloatFormat.formatDouble(Math.nextUp(value)))).isEqualTo(Math.nextUp(value));
    }
}
