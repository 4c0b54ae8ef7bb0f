package dev.freshet.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.junit.jupiter.api.Test;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.parser.ddl.SqlOption;
import dev.freshet.planner.WatermarkDescriptor;

class WatermarkOptionsTest {
    private static final WatermarkDescriptor DECLARED = new WatermarkDescriptor("ts", "ts - INTERVAL '4' SECOND");

    @Test
    void shouldKeepDefaultIdleTimeoutWithoutOptions() {
        assertThat(WatermarkOptions.apply(DECLARED, List.of()).idleTimeoutMillis())
                .isEqualTo(WatermarkDescriptor.DEFAULT_IDLE_TIMEOUT_MILLIS);
    }

    @Test
    void shouldSetIdleTimeout() {
        assertThat(WatermarkOptions.apply(DECLARED, List.of(option("idle_timeout", "30 s"))).idleTimeoutMillis())
                .isEqualTo(30_000);
    }

    @Test
    void shouldTurnIdleAdvanceOffWithZero() {
        WatermarkDescriptor watermark = WatermarkOptions.apply(DECLARED, List.of(option("idle_timeout", "0")));

        assertThat(watermark.advancesWhenIdle()).isFalse();
    }

    @Test
    void shouldRefuseUnknownOptionNamingTheKnownOnes() {
        assertThatThrownBy(() -> WatermarkOptions.apply(DECLARED, List.of(option("idle_timout", "30 s"))))
                .isInstanceOf(FreshetException.class)
                .hasMessage("unrecognized WATERMARK option \"idle_timout\" (known options: idle_timeout)")
                .extracting(e -> ((FreshetException) e).errorCode())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void shouldRefuseOptionGivenTwice() {
        assertThatThrownBy(() -> WatermarkOptions.apply(DECLARED,
                List.of(option("idle_timeout", "30 s"), option("idle_timeout", "1 min"))))
                .isInstanceOf(FreshetException.class)
                .hasMessage("WATERMARK option \"idle_timeout\" specified more than once");
    }

    @Test
    void shouldRefuseIdleTimeoutThatIsNoDuration() {
        assertThatThrownBy(() -> WatermarkOptions.apply(DECLARED, List.of(option("idle_timeout", "soon"))))
                .isInstanceOf(FreshetException.class)
                .hasMessageStartingWith("invalid value for WATERMARK option \"idle_timeout\": \"soon\"")
                .extracting(e -> ((FreshetException) e).errorCode())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    private static SqlOption option(String key, String value) {
        return new SqlOption(SqlParserPos.ZERO, key, SqlLiteral.createCharString(value, SqlParserPos.ZERO));
    }
}
