package dev.freshet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class RowCodecTest {
    @Test
    void shouldDecodeWhatItEncodedForRandomRows() {
        RandomValues values = new RandomValues(42L);
        for (int trial = 0; trial < 3_000; trial++) {
            int columns = values.random().nextInt(20);
            List<ValueType> types = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                types.add(values.type());
            }
            RowCodec codec = new RowCodec(new RowSchema(types));
            Object[] row = new Object[columns];
            for (int i = 0; i < columns; i++) {
                row[i] = values.value(types.get(i), true);
            }
            Object[] decoded = codec.decode(codec.encode(row));
            assertThat(decoded).as("%s %s", types, Arrays.deepToString(row)).isEqualTo(row);
        }
    }

    @Test
    void shouldKeepTheScaleAndSignOfZeroAndNanPayload() {
        RowCodec codec = new RowCodec(RowSchema.of(ValueType.DECIMAL, ValueType.FLOAT64, ValueType.FLOAT32));
        Object[] decoded = codec.decode(codec.encode(new Object[] {new BigDecimal("1.500"), -0.0, Float.NaN}));
        assertThat(decoded[0]).isEqualTo(new BigDecimal("1.500"));
        assertThat(Double.doubleToRawLongBits((Double) decoded[1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat((Float) decoded[2]).isNaN();
    }

    @Test
    void shouldDecodeARowWrittenBeforeColumnsWereAppendedWithNulls() {
        RowCodec old = new RowCodec(RowSchema.of(ValueType.INT64, ValueType.STRING));
        RowCodec grown = new RowCodec(RowSchema.of(ValueType.INT64, ValueType.STRING, ValueType.BOOLEAN));
        assertThat(grown.decode(old.encode(new Object[] {5L, "a"}))).containsExactly(5L, "a", null);
    }

    @Test
    void shouldDecodeIntoAReusedArray() {
        RowCodec codec = new RowCodec(RowSchema.of(ValueType.INT32, ValueType.STRING));
        Object[] target = new Object[2];
        codec.decode(codec.encode(new Object[] {1, "one"}), target);
        assertThat(target).containsExactly(1, "one");
        codec.decode(codec.encode(new Object[] {null, "two"}), target);
        assertThat(target).containsExactly(null, "two");
    }

    @Test
    void shouldEncodeAllNullRowInHeaderBytesOnly() {
        RowCodec codec = new RowCodec(RowSchema.of(ValueType.INT64, ValueType.STRING, ValueType.DECIMAL));
        assertThat(codec.encode(new Object[] {null, null, null})).hasSize(2);
    }

    @Test
    void shouldRejectARowOfTheWrongWidth() {
        RowCodec codec = new RowCodec(RowSchema.of(ValueType.INT64));
        assertThatThrownBy(() -> codec.encode(new Object[] {1L, 2L})).isInstanceOf(IllegalArgumentException.class);
    }
}
