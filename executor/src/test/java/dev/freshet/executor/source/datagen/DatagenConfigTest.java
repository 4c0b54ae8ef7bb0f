package dev.freshet.executor.source.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** Options are read with their defaults, and nonsense is refused naming the option and column. */
class DatagenConfigTest {
    private static final List<ColumnDescriptor> COLUMNS = List.of(
            new ColumnDescriptor("id", DataType.of(DataType.Kind.BIGINT), false, null),
            new ColumnDescriptor("name", DataType.of(DataType.Kind.VARCHAR), true, null),
            new ColumnDescriptor("price", DataType.decimal(10, 2), true, null),
            new ColumnDescriptor("ts", DataType.of(DataType.Kind.TIMESTAMP), true, null));

    @Test
    void shouldUseTheDefaultsWhenOnlyTheConnectorIsGiven() {
        DatagenConfig config = DatagenConfig.parse(COLUMNS, Map.of("connector", "datagen"));

        assertThat(config.rowsPerSecond()).isEqualTo(1_000L);
        assertThat(config.numberOfRows()).isEmpty();
        assertThat(config.seed()).isZero();
        assertThat(config.rowLimit()).isEmpty();
        assertThat(config.fields()).extracting(DatagenField::column).containsExactly("id", "name", "price", "ts");
        assertThat(config.fields()).extracting(DatagenField::nullRate).containsOnly(0.0);
    }

    @Test
    void shouldReadTheSourceOptions() {
        DatagenConfig config = DatagenConfig.parse(COLUMNS,
                Map.of("rows_per_second", "0", "number_of_rows", "500", "seed", "7"));

        assertThat(config.rowsPerSecond()).isZero();
        assertThat(config.numberOfRows()).isEqualTo(OptionalLong.of(500));
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.rowLimit()).isEqualTo(OptionalLong.of(500));
    }

    @Test
    void shouldEndAtTheShortestSequence() {
        DatagenConfig config = DatagenConfig.parse(COLUMNS, Map.of("fields.id.kind", "sequence",
                "fields.id.start", "10", "fields.id.end", "19", "number_of_rows", "1000"));

        assertThat(config.rowLimit()).isEqualTo(OptionalLong.of(10));
    }

    @Test
    void shouldRefuseAnOptionForAColumnTheSourceDoesNotHave() {
        assertInvalid(Map.of("fields.nope.kind", "random"))
                .hasMessage("datagen: option 'fields.nope.kind' names column nope, which the source does not have; "
                        + "its columns are id, name, price, ts");
    }

    @Test
    void shouldRefuseAnUnknownColumnOption() {
        assertInvalid(Map.of("fields.id.step", "2"))
                .hasMessageStartingWith("datagen: option 'fields.id.step' of column id: unknown option");
    }

    @Test
    void shouldRefuseAnUnknownSourceOption() {
        assertInvalid(Map.of("rows_per_minute", "2"))
                .hasMessageStartingWith("datagen: unknown option 'rows_per_minute'");
    }

    @Test
    void shouldRefuseABadKind() {
        assertInvalid(Map.of("fields.id.kind", "counter"))
                .hasMessage("datagen: option 'fields.id.kind' of column id: 'counter' is no kind; use 'sequence' or "
                        + "'random'");
    }

    @Test
    void shouldRefuseAMinAboveTheMax() {
        assertInvalid(Map.of("fields.id.min", "10", "fields.id.max", "5"))
                .hasMessage("datagen: option 'fields.id.max' of column id: 5 is below the min, 10");
    }

    @Test
    void shouldRefuseADecimalMinAboveTheMax() {
        assertInvalid(Map.of("fields.price.min", "10.5", "fields.price.max", "3"))
                .hasMessage("datagen: option 'fields.price.max' of column price: 3 is below the min, 10.5");
    }

    @Test
    void shouldRefuseAMinAboveTheDefaultMax() {
        List<ColumnDescriptor> columns = List.of(
                new ColumnDescriptor("d", DataType.of(DataType.Kind.DATE), true, null));

        assertThatThrownBy(() -> DatagenConfig.parse(columns, Map.of("fields.d.min", "2040-01-01")))
                .isInstanceOf(FreshetException.class)
                .hasMessage("datagen: option 'fields.d.max' of column d: the default max is below the min, 2040-01-01; "
                        + "give a max");
    }

    @Test
    void shouldRefuseASequenceOnVarchar() {
        assertInvalid(Map.of("fields.name.kind", "sequence"))
                .hasMessage("datagen: option 'fields.name.kind' of column name: a sequence needs a SMALLINT, INTEGER, "
                        + "BIGINT or DECIMAL column, not TEXT");
    }

    @Test
    void shouldRefuseASequenceEndingBeforeItStarts() {
        assertInvalid(Map.of("fields.id.kind", "sequence", "fields.id.start", "5", "fields.id.end", "4"))
                .hasMessage("datagen: option 'fields.id.end' of column id: 4 is before the start, 5");
    }

    @Test
    void shouldRefuseANullRateAboveOne() {
        assertInvalid(Map.of("fields.name.null_rate", "1.5"))
                .hasMessage("datagen: option 'fields.name.null_rate' of column name: 1.5 is outside [0, 1]");
    }

    @Test
    void shouldRefuseANegativeNullRate() {
        assertInvalid(Map.of("fields.name.null_rate", "-0.1"))
                .hasMessage("datagen: option 'fields.name.null_rate' of column name: -0.1 is outside [0, 1]");
    }

    @Test
    void shouldRefuseNullsInANotNullColumn() {
        assertInvalid(Map.of("fields.id.null_rate", "0.1"))
                .hasMessageContaining("'fields.id.null_rate' of column id: the column is NOT NULL");
    }

    @Test
    void shouldRefuseARangeOptionOnAString() {
        assertInvalid(Map.of("fields.name.min", "1"))
                .hasMessageStartingWith("datagen: option 'fields.name.min' of column name: does not apply to a random "
                        + "TEXT column");
    }

    @Test
    void shouldRefuseALengthOnASequence() {
        assertInvalid(Map.of("fields.id.kind", "sequence", "fields.id.length", "3"))
                .hasMessageStartingWith("datagen: option 'fields.id.length' of column id: does not apply to a sequence "
                        + "column");
    }

    @Test
    void shouldRefuseABoundOutsideTheColumnType() {
        List<ColumnDescriptor> columns = List.of(
                new ColumnDescriptor("s", DataType.of(DataType.Kind.SMALLINT), true, null));

        assertThatThrownBy(() -> DatagenConfig.parse(columns, Map.of("fields.s.max", "40000")))
                .isInstanceOf(FreshetException.class)
                .hasMessage("datagen: option 'fields.s.max' of column s: 40000 is outside the range of SMALLINT, "
                        + "[-32768, 32767]");
    }

    @Test
    void shouldRefuseAMalformedMaxPast() {
        assertInvalid(Map.of("fields.ts.max_past", "5 hours"))
                .hasMessageStartingWith(
                        "datagen: option 'fields.ts.max_past' of column ts: '5 hours' is not a duration");
    }

    @Test
    void shouldRefuseANegativeRowsPerSecond() {
        assertInvalid(Map.of("rows_per_second", "-1"))
                .hasMessage("datagen: option 'rows_per_second' must not be negative: -1");
    }

    @Test
    void shouldRefuseANonNumericSeed() {
        assertInvalid(Map.of("seed", "abc")).hasMessage("datagen: option 'seed' must be a whole number: 'abc'");
    }

    @Test
    void shouldReadDurationsWithUnits() {
        assertThat(DatagenDuration.parseMillis("5 s")).isEqualTo(5_000L);
        assertThat(DatagenDuration.parseMillis("250ms")).isEqualTo(250L);
        assertThat(DatagenDuration.parseMillis("2 min")).isEqualTo(120_000L);
        assertThat(DatagenDuration.parseMillis("1500")).isEqualTo(1_500L);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(Map<String, String> options) {
        return assertThatThrownBy(() -> DatagenConfig.parse(COLUMNS, options))
                .isInstanceOf(FreshetException.class)
                .satisfies(error -> assertThat(((FreshetException) error).errorCode())
                        .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }
}
