package dev.freshet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class MemcomparableCodecTest {
    private static final int SCHEMAS = 300;
    private static final int TUPLES_PER_SCHEMA = 40;

    @Test
    void shouldOrderEncodedTuplesAsTheirValuesAcrossRandomSchemas() {
        RandomValues values = new RandomValues(20_261_101L);
        int comparisons = 0;
        for (int schema = 0; schema < SCHEMAS; schema++) {
            int columns = 1 + values.random().nextInt(4);
            List<ValueType> types = new ArrayList<>();
            List<SortOrder> orders = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                types.add(values.type());
                orders.add(values.random().nextInt(3) == 0 ? SortOrder.DESCENDING : SortOrder.ASCENDING);
            }
            MemcomparableCodec codec = new MemcomparableCodec(types, orders);
            List<Object[]> tuples = new ArrayList<>();
            for (int t = 0; t < TUPLES_PER_SCHEMA; t++) {
                Object[] tuple = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    tuple[i] = values.value(types.get(i), true);
                }
                tuples.add(tuple);
            }
            for (Object[] left : tuples) {
                byte[] leftKey = codec.encode(left);
                for (Object[] right : tuples) {
                    int expected = Integer.signum(compareTuples(types, orders, left, right));
                    int actual = Integer.signum(Arrays.compareUnsigned(leftKey, codec.encode(right)));
                    assertThat(actual)
                            .as("%s %s vs %s", types, Arrays.deepToString(left), Arrays.deepToString(right))
                            .isEqualTo(expected);
                    comparisons++;
                }
            }
        }
        assertThat(comparisons).isEqualTo(SCHEMAS * TUPLES_PER_SCHEMA * TUPLES_PER_SCHEMA);
    }

    @Test
    void shouldDecodeWhatItEncodedForRandomTuples() {
        RandomValues values = new RandomValues(7L);
        for (int trial = 0; trial < 5_000; trial++) {
            ValueType type = values.type();
            SortOrder order = values.random().nextBoolean() ? SortOrder.ASCENDING : SortOrder.DESCENDING;
            MemcomparableCodec codec = new MemcomparableCodec(List.of(type, ValueType.INT32), List.of(order, order));
            Object[] tuple = {values.value(type, true), trial};
            Object[] decoded = codec.decode(codec.encode(tuple));
            assertThat(RandomValues.compare(type, decoded[0], tuple[0]))
                    .as("%s %s decoded as %s", type, Arrays.deepToString(tuple), Arrays.deepToString(decoded))
                    .isZero();
            assertThat(decoded[1]).isEqualTo(trial);
            if (tuple[0] != null) {
                assertThat(decoded[0]).isInstanceOf(type.javaClass());
            }
        }
    }

    @Test
    void shouldEncodeAKeyPrefixAsAByteprefixOfTheWholeKey() {
        RandomValues values = new RandomValues(11L);
        for (int trial = 0; trial < 2_000; trial++) {
            List<ValueType> types = List.of(values.type(), values.type(), values.type());
            List<SortOrder> orders = List.of(SortOrder.ASCENDING, SortOrder.DESCENDING, SortOrder.ASCENDING);
            MemcomparableCodec codec = new MemcomparableCodec(types, orders);
            Object[] tuple = {values.value(types.get(0), true), values.value(types.get(1), true),
                values.value(types.get(2), true)};
            byte[] whole = codec.encode(tuple);
            for (int count = 0; count <= 3; count++) {
                byte[] prefix = codec.encodePrefix(tuple, count);
                assertThat(Arrays.copyOf(whole, prefix.length)).isEqualTo(prefix);
            }
        }
    }

    @Test
    void shouldEncodeNegativeAndPositiveZeroIdentically() {
        MemcomparableCodec codec = MemcomparableCodec.ascending(ValueType.FLOAT64, ValueType.FLOAT32);
        assertThat(codec.encode(new Object[] {-0.0, -0.0f})).isEqualTo(codec.encode(new Object[] {0.0, 0.0f}));
        assertThat(codec.decode(codec.encode(new Object[] {-0.0, -0.0f}))).containsExactly(0.0, 0.0f);
    }

    @Test
    void shouldSortNanAboveInfinityAndNullAboveNan() {
        MemcomparableCodec codec = MemcomparableCodec.ascending(ValueType.FLOAT64);
        byte[] infinity = codec.encode(new Object[] {Double.POSITIVE_INFINITY});
        byte[] nan = codec.encode(new Object[] {Double.NaN});
        byte[] nullKey = codec.encode(new Object[] {null});
        assertThat(Arrays.compareUnsigned(infinity, nan)).isNegative();
        assertThat(Arrays.compareUnsigned(nan, nullKey)).isNegative();
    }

    @Test
    void shouldSortNullFirstInDescendingColumns() {
        MemcomparableCodec codec = new MemcomparableCodec(List.of(ValueType.INT32), List.of(SortOrder.DESCENDING));
        byte[] nullKey = codec.encode(new Object[] {null});
        byte[] big = codec.encode(new Object[] {Integer.MAX_VALUE});
        byte[] small = codec.encode(new Object[] {Integer.MIN_VALUE});
        assertThat(Arrays.compareUnsigned(nullKey, big)).isNegative();
        assertThat(Arrays.compareUnsigned(big, small)).isNegative();
    }

    @Test
    void shouldEncodeNumericallyEqualDecimalsOfDifferentScaleIdentically() {
        MemcomparableCodec codec = MemcomparableCodec.ascending(ValueType.DECIMAL);
        byte[] one = codec.encode(new Object[] {new BigDecimal("1")});
        assertThat(codec.encode(new Object[] {new BigDecimal("1.0")})).isEqualTo(one);
        assertThat(codec.encode(new Object[] {new BigDecimal("1.00")})).isEqualTo(one);
        assertThat(codec.encode(new Object[] {new BigDecimal("0.00")}))
                .isEqualTo(codec.encode(new Object[] {BigDecimal.ZERO}));
    }

    @Test
    void shouldDecodeDecimalsWithoutTrailingZerosOrExponent() {
        MemcomparableCodec codec = MemcomparableCodec.ascending(ValueType.DECIMAL);
        assertThat(codec.decode(codec.encode(new Object[] {new BigDecimal("2.50")})))
                .containsExactly(new BigDecimal("2.5"));
        assertThat(codec.decode(codec.encode(new Object[] {new BigDecimal("100")})))
                .containsExactly(new BigDecimal("100"));
        assertThat(codec.decode(codec.encode(new Object[] {new BigDecimal("-0.0010")})))
                .containsExactly(new BigDecimal("-0.001"));
    }

    @Test
    void shouldKeepEmbeddedNulBytesInStringsAndByteArrays() {
        MemcomparableCodec codec = MemcomparableCodec.ascending(ValueType.STRING, ValueType.BYTES);
        Object[] tuple = {"a\0b\0", new byte[] {0, 0, (byte) 0xFF, 0}};
        Object[] decoded = codec.decode(codec.encode(tuple));
        assertThat(decoded[0]).isEqualTo("a\0b\0");
        assertThat((byte[]) decoded[1]).containsExactly(0, 0, 0xFF, 0);
        assertThat(Arrays.compareUnsigned(codec.encode(new Object[] {"a", null}),
                codec.encode(new Object[] {"a\0", null}))).isNegative();
    }

    @Test
    void shouldRejectAValueOfTheWrongClass() {
        MemcomparableCodec codec = MemcomparableCodec.ascending(ValueType.INT64);
        assertThatThrownBy(() -> codec.encode(new Object[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INT64");
    }

    @Test
    void shouldEncodeTheKeyColumnsOfARow() {
        MemcomparableCodec codec = MemcomparableCodec.ascending(ValueType.STRING, ValueType.INT32);
        Object[] row = {1.5, 7, "x"};
        assertThat(codec.encodeColumns(row, new int[] {2, 1})).isEqualTo(codec.encode(new Object[] {"x", 7}));
    }

    private static int compareTuples(List<ValueType> types, List<SortOrder> orders, Object[] left, Object[] right) {
        for (int i = 0; i < types.size(); i++) {
            int result = RandomValues.compare(types.get(i), left[i], right[i]);
            if (result != 0) {
                return orders.get(i) == SortOrder.DESCENDING ? -result : result;
            }
        }
        return 0;
    }
}
