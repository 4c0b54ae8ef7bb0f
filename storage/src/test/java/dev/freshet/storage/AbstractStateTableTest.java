package dev.freshet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link StateTable} contract, run for every implementation over a real engine. */
abstract class AbstractStateTableTest {
    /** (region INT32, name STRING, amount DECIMAL) keyed by region ascending, name descending. */
    private static final StateTableDescriptor ORDERS = new StateTableDescriptor(42,
            RowSchema.of(ValueType.INT32, ValueType.STRING, ValueType.DECIMAL), List.of(0, 1),
            List.of(SortOrder.ASCENDING, SortOrder.DESCENDING));

    @TempDir
    Path directory;

    StorageEngine engine;
    StateTable table;

    abstract StateTable createTable(StateTableDescriptor descriptor);

    @BeforeEach
    void open() {
        engine = StorageEngines.open(directory, StorageOptions.defaults().withBlockCacheBytes(8 << 20));
        table = createTable(ORDERS);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private void commitRows(Object[]... rows) {
        try (StorageWriter writer = engine.beginBatch()) {
            for (Object[] row : rows) {
                table.upsert(writer, row);
            }
            writer.commit();
        }
    }

    private static Object[] row(Integer region, String name, String amount) {
        return new Object[] {region, name, amount == null ? null : new BigDecimal(amount)};
    }

    private static List<String> drain(CloseableIterator<Object[]> iterator) {
        List<String> rows = new ArrayList<>();
        try (iterator) {
            while (iterator.hasNext()) {
                Object[] row = iterator.next();
                rows.add(row[0] + "/" + row[1]);
            }
        }
        return rows;
    }

    private void commitSample() {
        commitRows(row(1, "a", "1"), row(1, "b", "2"), row(1, "c", "3"), row(2, "a", "4"), row(2, null, "5"),
                row(3, "z", "6"), row(null, "n", "7"));
    }

    @Test
    void shouldReturnTheStoredRowOrNullWhenTheKeyIsAbsent() {
        commitRows(row(1, "a", "1.50"));
        try (ReadView view = engine.openReadView()) {
            assertThat(table.get(view, new Object[] {1, "a"})).containsExactly(1, "a", new BigDecimal("1.50"));
            assertThat(table.get(view, new Object[] {1, "b"})).isNull();
        }
    }

    @Test
    void shouldRefuseToInsertARowWhoseKeyExists() {
        commitRows(row(1, "a", "1"));
        try (StorageTransaction transaction = engine.beginTransaction()) {
            assertThat(table.insert(transaction, row(1, "a", "9"))).isFalse();
            assertThat(table.insert(transaction, row(1, "b", "2"))).isTrue();
            assertThat(table.insert(transaction, row(1, "b", "3"))).isFalse();
            transaction.commit();
        }
        try (ReadView view = engine.openReadView()) {
            assertThat(table.get(view, new Object[] {1, "a"})[2]).isEqualTo(new BigDecimal("1"));
            assertThat(table.get(view, new Object[] {1, "b"})[2]).isEqualTo(new BigDecimal("2"));
        }
    }

    @Test
    void shouldReplaceTheRowOnUpsert() {
        commitRows(row(1, "a", "1"));
        commitRows(row(1, "a", "2"));
        try (ReadView view = engine.openReadView()) {
            assertThat(table.get(view, new Object[] {1, "a"})[2]).isEqualTo(new BigDecimal("2"));
        }
    }

    @Test
    void shouldTellWhetherDeleteFoundARow() {
        commitRows(row(1, "a", "1"));
        try (StorageTransaction transaction = engine.beginTransaction()) {
            assertThat(table.delete(transaction, new Object[] {1, "a"})).isTrue();
            assertThat(table.delete(transaction, new Object[] {1, "a"})).isFalse();
            assertThat(table.get(transaction, new Object[] {1, "a"})).isNull();
            transaction.commit();
        }
        try (ReadView view = engine.openReadView()) {
            assertThat(table.get(view, new Object[] {1, "a"})).isNull();
        }
    }

    @Test
    void shouldScanInKeyOrderWithNullsLastAscendingAndFirstDescending() {
        commitSample();
        try (ReadView view = engine.openReadView()) {
            assertThat(drain(table.scan(view, null, true, null, true)))
                    .containsExactly("1/c", "1/b", "1/a", "2/null", "2/a", "3/z", "null/n");
        }
    }

    @Test
    void shouldScanAKeyPrefix() {
        commitSample();
        try (ReadView view = engine.openReadView()) {
            assertThat(drain(table.prefixScan(view, new Object[] {2}))).containsExactly("2/null", "2/a");
            assertThat(drain(table.prefixScan(view, new Object[] {1, "b"}))).containsExactly("1/b");
            assertThat(drain(table.prefixScan(view, new Object[] {4}))).isEmpty();
            assertThat(drain(table.prefixScan(view, new Object[0]))).hasSize(7);
        }
    }

    @Test
    void shouldTreatPrefixBoundsAsTheirKeyColumns() {
        commitSample();
        try (ReadView view = engine.openReadView()) {
            assertThat(drain(table.scan(view, new Object[] {1}, false, new Object[] {3}, true)))
                    .containsExactly("2/null", "2/a", "3/z");
            assertThat(drain(table.scan(view, new Object[] {1}, true, new Object[] {3}, false)))
                    .containsExactly("1/c", "1/b", "1/a", "2/null", "2/a");
            assertThat(drain(table.scan(view, new Object[] {1, "b"}, true, new Object[] {2}, false)))
                    .containsExactly("1/b", "1/a");
            assertThat(drain(table.scan(view, new Object[] {3}, false, new Object[] {1}, true))).isEmpty();
        }
    }

    @Test
    void shouldScanInReverse() {
        commitSample();
        try (ReadView view = engine.openReadView()) {
            assertThat(drain(table.scanReverse(view, new Object[] {1}, true, new Object[] {2}, true)))
                    .containsExactly("2/a", "2/null", "1/a", "1/b", "1/c");
        }
    }

    @Test
    void shouldTreatNumericallyEqualDecimalKeysAsOneKeyAndKeepTheWrittenScale() {
        StateTable prices = createTable(StateTableDescriptor.ascending(43,
                RowSchema.of(ValueType.DECIMAL, ValueType.FLOAT64), 0, 1));
        try (StorageTransaction transaction = engine.beginTransaction()) {
            assertThat(prices.insert(transaction, new Object[] {new BigDecimal("1.50"), -0.0})).isTrue();
            assertThat(prices.insert(transaction, new Object[] {new BigDecimal("1.5"), 0.0})).isFalse();
            assertThat(prices.get(transaction, new Object[] {new BigDecimal("1.500"), 0.0}))
                    .containsExactly(new BigDecimal("1.50"), -0.0);
        }
    }

    @Test
    void shouldClearEveryRowAndNothingElse() {
        commitSample();
        StateTable other = createTable(StateTableDescriptor.ascending(43, RowSchema.of(ValueType.INT64), 0));
        try (StorageWriter writer = engine.beginBatch()) {
            other.upsert(writer, new Object[] {1L});
            writer.commit();
        }
        try (StorageWriter writer = engine.beginBatch()) {
            table.clear(writer);
            writer.commit();
        }
        try (ReadView view = engine.openReadView()) {
            assertThat(drain(table.scan(view, null, true, null, true))).isEmpty();
            assertThat(other.get(view, new Object[] {1L})).containsExactly(1L);
        }
    }

    @Test
    void shouldAgreeWithASortedMapUnderRandomWrites() {
        StateTable numbers = createTable(StateTableDescriptor.ascending(44,
                RowSchema.of(ValueType.INT64, ValueType.FLOAT64, ValueType.STRING), 0, 1));
        Comparator<List<Object>> keyOrder = (left, right) -> {
            int result = RandomValues.compare(ValueType.INT64, left.get(0), right.get(0));
            return result != 0 ? result : RandomValues.compare(ValueType.FLOAT64, left.get(1), right.get(1));
        };
        TreeMap<List<Object>, String> model = new TreeMap<>(keyOrder);
        Random random = new Random(5);
        for (int round = 0; round < 20; round++) {
            try (StorageWriter writer = engine.beginBatch()) {
                for (int i = 0; i < 50; i++) {
                    Long first = random.nextInt(10) == 0 ? null : (long) (random.nextInt(7) - 3);
                    Double second = random.nextInt(10) == 0 ? null : (double) (random.nextInt(5) - 2) / 2;
                    if (random.nextInt(4) == 0) {
                        numbers.remove(writer, new Object[] {first, second});
                        model.remove(Arrays.asList(first, second));
                    }
                    else {
                        String value = "v" + round + "." + i;
                        numbers.upsert(writer, new Object[] {first, second, value});
                        model.put(Arrays.asList(first, second), value);
                    }
                }
                writer.commit();
            }
            List<String> expected = new ArrayList<>();
            model.forEach((key, value) -> expected.add(key.get(0) + "/" + key.get(1)));
            try (ReadView view = engine.openReadView()) {
                assertThat(drain(numbers.scan(view, null, true, null, true))).containsExactlyElementsOf(expected);
            }
        }
    }
}
