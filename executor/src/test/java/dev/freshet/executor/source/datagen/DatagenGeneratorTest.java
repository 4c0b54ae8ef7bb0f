package dev.freshet.executor.source.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** Rows are deterministic per seed and row number, and each column's values keep to its options. */
class DatagenGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final int ROWS = 10_000;

    @Test
    void shouldMakeTheSameRowForTheSameSeedAndRowNumber() {
        List<ColumnDescriptor> columns = List.of(column("a", DataType.Kind.BIGINT), column("b", DataType.Kind.VARCHAR),
                column("c", DataType.Kind.DOUBLE));
        DatagenGenerator first = generator(columns, Map.of("seed", "3"));
        DatagenGenerator second = generator(columns, Map.of("seed", "3"));

        for (long row = 0; row < 100; row++) {
            assertThat(first.row(row)).containsExactly(second.row(row));
        }
    }

    @Test
    void shouldMakeDifferentRowsForDifferentSeeds() {
        List<ColumnDescriptor> columns = List.of(column("a", DataType.Kind.BIGINT));

        assertThat(generator(columns, Map.of("seed", "1")).row(5))
                .isNotEqualTo(generator(columns, Map.of("seed", "2")).row(5));
    }

    @Test
    void shouldKeepAColumnsValuesWhenAnotherColumnsOptionsChange() {
        List<ColumnDescriptor> columns = List.of(column("a", DataType.Kind.INTEGER), column("b", DataType.Kind.BIGINT));
        DatagenGenerator plain = generator(columns, Map.of());
        DatagenGenerator withNulls = generator(columns, Map.of("fields.a.null_rate", "0.5"));

        assertThat(withNulls.row(9)[1]).isEqualTo(plain.row(9)[1]);
    }

    @Test
    void shouldNumberSequencesFromTheStart() {
        List<ColumnDescriptor> columns = List.of(column("id", DataType.Kind.INTEGER),
                new ColumnDescriptor("amount", DataType.decimal(8, 2), true, null));
        DatagenGenerator generator = generator(columns, Map.of("fields.id.kind", "sequence", "fields.id.start", "100",
                "fields.id.end", "104", "fields.amount.kind", "sequence"));

        assertThat(generator.rowLimit()).hasValue(5);
        assertThat(generator.row(0)).containsExactly(100, new BigDecimal("0.00"));
        assertThat(generator.row(4)).containsExactly(104, new BigDecimal("4.00"));
        assertThatThrownBy(() -> generator.row(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepWholeNumbersWithinTheirBounds() {
        List<ColumnDescriptor> columns = List.of(column("s", DataType.Kind.SMALLINT),
                column("i", DataType.Kind.INTEGER),
                column("b", DataType.Kind.BIGINT));
        DatagenGenerator generator = generator(columns, Map.of("fields.s.min", "-3", "fields.s.max", "3",
                "fields.i.min", "1000", "fields.i.max", "1010", "fields.b.min", "9223372036854775800"));

        Set<Object> smallints = new HashSet<>();
        for (long row = 0; row < ROWS; row++) {
            Object[] values = generator.row(row);
            assertThat(values[0]).isInstanceOf(Short.class);
            assertThat((short) values[0]).isBetween((short) -3, (short) 3);
            assertThat((int) values[1]).isBetween(1000, 1010);
            assertThat((long) values[2]).isGreaterThanOrEqualTo(9223372036854775800L);
            smallints.add(values[0]);
        }
        assertThat(smallints).hasSize(7);
    }

    @Test
    void shouldDrawFromTheWholeTypeWithoutBounds() {
        List<ColumnDescriptor> columns = List.of(column("s", DataType.Kind.SMALLINT), column("b", DataType.Kind.BIGINT),
                column("d", DataType.Kind.DOUBLE), column("flag", DataType.Kind.BOOLEAN));
        DatagenGenerator generator = generator(columns, Map.of());

        Set<Boolean> flags = new HashSet<>();
        boolean negativeBigint = false;
        for (long row = 0; row < 1_000; row++) {
            Object[] values = generator.row(row);
            assertThat(values[0]).isInstanceOf(Short.class);
            assertThat((double) values[2]).isBetween(0.0, 1.0);
            negativeBigint |= (long) values[1] < 0;
            flags.add((Boolean) values[3]);
        }
        assertThat(negativeBigint).isTrue();
        assertThat(flags).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void shouldReadTheClockForEachRow() {
        Clock ticking = new TickingClock(1_000_000L, 60_000L);
        DatagenGenerator generator = new DatagenGenerator(DatagenConfig.parse(
                List.of(column("ts", DataType.Kind.TIMESTAMPTZ)), Map.of("fields.ts.max_past", "0")), ticking);

        assertThat(generator.row(0)).containsExactly(1_060_000L);
        assertThat(generator.row(0)).containsExactly(1_120_000L);
    }

    @Test
    void shouldKeepFloatingPointNumbersWithinTheirBounds() {
        List<ColumnDescriptor> columns = List.of(column("r", DataType.Kind.REAL), column("d", DataType.Kind.DOUBLE));
        DatagenGenerator generator = generator(columns, Map.of("fields.r.min", "-1.5", "fields.r.max", "1.5",
                "fields.d.min", "100", "fields.d.max", "200"));

        for (long row = 0; row < ROWS; row++) {
            Object[] values = generator.row(row);
            assertThat((float) values[0]).isBetween(-1.5f, 1.5f);
            assertThat((double) values[1]).isBetween(100.0, 200.0);
        }
    }

    @Test
    void shouldKeepDecimalsWithinTheirBoundsAtTheColumnScale() {
        List<ColumnDescriptor> columns = List.of(new ColumnDescriptor("p", DataType.decimal(6, 2), true, null));
        DatagenGenerator generator = generator(columns, Map.of("fields.p.min", "9.99", "fields.p.max", "10.05"));

        for (long row = 0; row < ROWS; row++) {
            BigDecimal value = (BigDecimal) generator.row(row)[0];
            assertThat(value.scale()).isEqualTo(2);
            assertThat(value).isBetween(new BigDecimal("9.99"), new BigDecimal("10.05"));
        }
    }

    @Test
    void shouldKeepDatesTimesAndIntervalsWithinTheirBounds() {
        List<ColumnDescriptor> columns = List.of(column("d", DataType.Kind.DATE), column("t", DataType.Kind.TIME),
                column("i", DataType.Kind.INTERVAL));
        DatagenGenerator generator = generator(columns, Map.of("fields.d.min", "2024-02-28", "fields.d.max",
                "2024-03-01", "fields.t.min", "09:00", "fields.t.max", "09:00:01.5", "fields.i.min", "1 s",
                "fields.i.max", "2 s"));

        int firstDay = (int) LocalDate.parse("2024-02-28").toEpochDay();
        for (long row = 0; row < ROWS; row++) {
            Object[] values = generator.row(row);
            assertThat((int) values[0]).isBetween(firstDay, firstDay + 2);
            assertThat((int) values[1]).isBetween(9 * 3_600_000, 9 * 3_600_000 + 1_500);
            assertThat((long) values[2]).isBetween(1_000L, 2_000L);
        }
    }

    @Test
    void shouldMakeStringsAndBytesOfTheGivenLength() {
        List<ColumnDescriptor> columns = List.of(column("v", DataType.Kind.VARCHAR), column("b", DataType.Kind.BYTEA),
                new ColumnDescriptor("short", DataType.varchar(4), true, null));
        DatagenGenerator generator = generator(columns, Map.of("fields.v.length", "25", "fields.b.length", "3"));

        for (long row = 0; row < 100; row++) {
            Object[] values = generator.row(row);
            assertThat((String) values[0]).hasSize(25).matches("[a-z0-9]+");
            assertThat(((ByteString) values[1]).length()).isEqualTo(3);
            assertThat((String) values[2]).hasSize(4);
        }
    }

    @Test
    void shouldMakeNullsAtRoughlyTheNullRate() {
        List<ColumnDescriptor> columns = List.of(column("v", DataType.Kind.BOOLEAN));
        DatagenGenerator generator = generator(columns, Map.of("fields.v.null_rate", "0.25"));

        int nulls = 0;
        for (long row = 0; row < ROWS; row++) {
            if (generator.row(row)[0] == null) {
                nulls++;
            }
        }
        assertThat(nulls).isBetween(2_300, 2_700);
    }

    @Test
    void shouldMakeTimestampsWithinMaxPastOfTheClock() {
        List<ColumnDescriptor> columns = List.of(column("ts", DataType.Kind.TIMESTAMP),
                column("tz", DataType.Kind.TIMESTAMPTZ));
        DatagenGenerator generator = generator(columns, Map.of("fields.tz.max_past", "250 ms"));

        long now = NOW.toEpochMilli();
        for (long row = 0; row < ROWS; row++) {
            Object[] values = generator.row(row);
            assertThat((long) values[0]).isBetween(now - 5_000L, now);
            assertThat((long) values[1]).isBetween(now - 250L, now);
        }
    }

    /** A clock that moves on by a fixed step each time it is read. */
    private static final class TickingClock extends Clock {
        private final long stepMillis;
        private long nowMillis;

        TickingClock(long startMillis, long stepMillis) {
            this.nowMillis = startMillis;
            this.stepMillis = stepMillis;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            nowMillis += stepMillis;
            return Instant.ofEpochMilli(nowMillis);
        }
    }

    private static ColumnDescriptor column(String name, DataType.Kind kind) {
        return new ColumnDescriptor(name, DataType.of(kind), true, null);
    }

    private static DatagenGenerator generator(List<ColumnDescriptor> columns, Map<String, String> options) {
        return new DatagenGenerator(DatagenConfig.parse(columns, options), CLOCK);
    }
}
