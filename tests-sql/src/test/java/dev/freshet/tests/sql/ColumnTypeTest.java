package dev.freshet.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Types;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {
    @Test
    void shouldAcceptEveryIntegerWidthForI() {
        assertThat(ColumnType.INTEGER.accepts("int2", Types.SMALLINT)).isTrue();
        assertThat(ColumnType.INTEGER.accepts("int4", Types.INTEGER)).isTrue();
        assertThat(ColumnType.INTEGER.accepts("int8", Types.BIGINT)).isTrue();
    }

    @Test
    void shouldTellTextFromNumbers() {
        assertThat(ColumnType.TEXT.accepts("int4", Types.INTEGER)).isFalse();
        assertThat(ColumnType.INTEGER.accepts("text", Types.VARCHAR)).isFalse();
        assertThat(ColumnType.REAL.accepts("numeric", Types.NUMERIC)).isTrue();
        assertThat(ColumnType.REAL.accepts("float8", Types.DOUBLE)).isTrue();
    }

    @Test
    void shouldFallBackToTheJdbcTypeForUnlistedNames() {
        assertThat(ColumnType.TEXT.accepts("citext", Types.VARCHAR)).isTrue();
        assertThat(ColumnType.TEMPORAL.accepts("timestamptz", Types.TIMESTAMP)).isTrue();
    }

    @Test
    void shouldNotLetAJdbcTypeOverrideAKnownName() {
        // pgjdbc reports bool as Types.BIT: a known name decides alone.
        assertThat(ColumnType.INTEGER.accepts("bool", Types.BIT)).isFalse();
        assertThat(ColumnType.BOOLEAN.accepts("bool", Types.BIT)).isTrue();
    }

    @Test
    void shouldAcceptAnythingForQuestionMark() {
        assertThat(ColumnType.forLetter('?').accepts("jsonb", Types.OTHER)).isTrue();
    }

    @Test
    void shouldRejectUnknownLetters() {
        assertThatThrownBy(() -> ColumnType.forLetter('Q'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Q'");
    }
}
