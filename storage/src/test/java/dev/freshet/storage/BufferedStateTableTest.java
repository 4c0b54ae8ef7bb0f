package dev.freshet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BufferedStateTable} over a real engine, read back through {@link StateTables#create}. */
class BufferedStateTableTest {
    /** (region INT32, name STRING, amount DECIMAL) keyed by region ascending, name descending. */
    private static final StateTableDescriptor ORDERS = new StateTableDescriptor(42,
            RowSchema.of(ValueType.INT32, ValueType.STRING, ValueType.DECIMAL), List.of(0, 1),
            List.of(SortOrder.ASCENDING, SortOrder.DESCENDING));

    @TempDir
    Path directory;

    private StorageEngine engine;
    private final List<ReadView> views = new ArrayList<>();
    /** The same rows as the table under test, unbuffered: how other readers see storage. */
    private final StateTable committed = StateTables.create(ORDERS);

    @BeforeEach
    void open() {
        engine = StorageEngines.open(directory, StorageOptions.defaults().withBlockCacheBytes(8 << 20));
    }

    @AfterEach
    void close() {
        views.forEach(ReadView::close);
        engine.close();
    }

    @Test
    void shouldSeeBufferedPutsAndDeletesBeforeFlushWithoutReadingStorage() {
        commitRows(row(1, "a", "1"));
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        CountingReader reader = latestReader();
        table.setReader(reader);

        table.put(row(1, "b", "2"));
        table.put(row(1, "b", "3"));
        table.delete(key(1, "a"));

        assertThat(table.get(key(1, "b"))).containsExactly(1, "b", new BigDecimal("3"));
        assertThat(table.get(key(1, "a"))).isNull();
        assertThat(table.bufferedCount()).isEqualTo(2);
        assertThat(reader.gets).isZero();
    }

    @Test
    void shouldWriteNothingToStorageBeforeFlushAndCommit() {
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        table.setReader(latestReader());
        table.put(row(1, "a", "1"));

        assertThat(committed.get(latestView(), key(1, "a"))).isNull();
        try (StorageWriter writer = engine.beginBatch()) {
            table.flush(writer);
            assertThat(writer.size()).isEqualTo(1);
            assertThat(committed.get(latestView(), key(1, "a"))).isNull();
            writer.commit();
        }
        assertThat(committed.get(latestView(), key(1, "a"))).containsExactly(1, "a", new BigDecimal("1"));
    }

    @Test
    void shouldLeaveRowsAnEncodedStateTableReadsAfterFlushAndCommit() {
        commitRows(row(1, "a", "1"), row(1, "b", "2"), row(2, null, "3"));
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        table.setReader(latestReader());

        table.put(row(1, "b", "20.50"));
        table.delete(key(1, "a"));
        table.put(row(null, "n", "4"));
        flushAndCommit(table);

        assertThat(table.bufferedCount()).isZero();
        assertThat(rows(committed.prefixScan(latestView(), new Object[0])))
                .containsExactly("1/b=20.50", "2/null=3", "null/n=4");
    }

    @Test
    void shouldMergeBufferedWritesOverStoredRowsInKeyOrder() {
        commitRows(row(1, "a", "1"), row(1, "b", "2"), row(1, "c", "3"), row(1, "e", "5"), row(2, "x", "6"),
                row(null, "n", "7"));
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        table.setReader(latestReader());

        table.put(row(1, "d", "40"));
        table.put(row(1, "c", "30"));
        table.delete(key(1, "a"));
        table.delete(key(1, "z"));
        table.put(row(1, null, "0"));
        table.delete(key(2, "x"));
        table.put(row(null, "m", "8"));

        assertThat(rows(table.prefixScan(key(1))))
                .containsExactly("1/null=0", "1/e=5", "1/d=40", "1/c=30", "1/b=2");
        assertThat(rows(table.prefixScan(key(2)))).isEmpty();
        assertThat(rows(table.prefixScan(new Object[] {null}))).containsExactly("null/n=7", "null/m=8");
        assertThat(rows(table.prefixScan(key(1, "c")))).containsExactly("1/c=30");
        assertThat(rows(table.prefixScan(new Object[0])))
                .containsExactly("1/null=0", "1/e=5", "1/d=40", "1/c=30", "1/b=2", "null/n=7", "null/m=8");
    }

    @Test
    void shouldScanLikeTheCommittedTableAfterFlushUnderRandomWrites() {
        BufferedStateTable table = StateTables.buffered(ORDERS, 5);
        Random random = new Random(7);
        for (int epoch = 0; epoch < 15; epoch++) {
            table.setReader(latestReader());
            for (int i = 0; i < 30; i++) {
                Integer region = random.nextInt(8) == 0 ? null : random.nextInt(3);
                String name = random.nextInt(8) == 0 ? null : String.valueOf((char) ('a' + random.nextInt(6)));
                if (random.nextInt(3) == 0) {
                    table.delete(key(region, name));
                }
                else {
                    table.put(row(region, name, epoch + "." + i));
                }
            }
            Object[] prefix = random.nextBoolean() ? new Object[0] : key(random.nextInt(3));
            List<String> merged = rows(table.prefixScan(prefix));
            List<String> got = getEveryKey(table::get);
            flushAndCommit(table);
            ReadView view = latestView();
            assertThat(merged).containsExactlyElementsOf(rows(committed.prefixScan(view, prefix)));
            assertThat(got).containsExactlyElementsOf(getEveryKey(key -> committed.get(view, key)));
        }
    }

    @Test
    void shouldKeepScanningTheBufferAsItWasWhenTheScanBegan() {
        commitRows(row(1, "a", "1"));
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        table.setReader(latestReader());
        table.put(row(1, "b", "2"));

        try (CloseableIterator<Object[]> iterator = table.prefixScan(key(1))) {
            table.put(row(1, "b", "9"));
            table.put(row(1, "c", "3"));
            table.delete(key(1, "a"));
            assertThat(rows(iterator)).containsExactly("1/b=2", "1/a=1");
        }
    }

    @Test
    void shouldAnswerARepeatedGetOfAnAbsentKeyFromTheCache() {
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        CountingReader reader = latestReader();
        table.setReader(reader);

        assertThat(table.get(key(1, "a"))).isNull();
        assertThat(table.get(key(1, "a"))).isNull();

        assertThat(reader.gets).isEqualTo(1);
        assertThat(table.cachedCount()).isEqualTo(1);
    }

    @Test
    void shouldAnswerARepeatedGetOfAStoredRowFromTheCache() {
        commitRows(row(1, "a", "1.50"));
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        CountingReader reader = latestReader();
        table.setReader(reader);

        assertThat(table.get(key(1, "a"))).containsExactly(1, "a", new BigDecimal("1.50"));
        assertThat(table.get(key(1, "a"))).containsExactly(1, "a", new BigDecimal("1.50"));

        assertThat(reader.gets).isEqualTo(1);
    }

    @Test
    void shouldAnswerGetsOfFlushedPutsAndDeletesFromTheCache() {
        commitRows(row(1, "a", "1"));
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        table.setReader(latestReader());
        assertThat(table.get(key(1, "b"))).isNull();
        table.put(row(1, "b", "2"));
        table.delete(key(1, "a"));
        flushAndCommit(table);

        CountingReader reader = latestReader();
        table.setReader(reader);
        assertThat(table.get(key(1, "b"))).containsExactly(1, "b", new BigDecimal("2"));
        assertThat(table.get(key(1, "a"))).isNull();
        assertThat(reader.gets).isZero();
        assertThat(table.cachedCount()).isEqualTo(2);
    }

    @Test
    void shouldEvictTheCacheDownToItsCapacityAfterFlushKeepingTheLastFlushed() {
        BufferedStateTable table = StateTables.buffered(ORDERS, 3);
        table.setReader(latestReader());
        for (int region = 0; region < 10; region++) {
            table.put(row(region, "x", "1"));
        }
        flushAndCommit(table);
        assertThat(table.cachedCount()).isEqualTo(3);

        CountingReader reader = latestReader();
        table.setReader(reader);
        assertThat(table.get(key(9, "x"))).isNotNull();
        assertThat(table.get(key(7, "x"))).isNotNull();
        assertThat(reader.gets).isZero();
        assertThat(table.get(key(0, "x"))).containsExactly(0, "x", new BigDecimal("1"));
        assertThat(reader.gets).isEqualTo(1);
        assertThat(table.cachedCount()).isEqualTo(3);
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedKeyWhenAReadMissFillsTheCache() {
        commitRows(row(1, "x", "1"), row(2, "x", "2"), row(3, "x", "3"));
        BufferedStateTable table = StateTables.buffered(ORDERS, 2);
        CountingReader reader = latestReader();
        table.setReader(reader);

        table.get(key(1, "x"));
        table.get(key(2, "x"));
        table.get(key(1, "x"));
        table.get(key(3, "x"));
        assertThat(reader.gets).isEqualTo(3);
        assertThat(table.cachedCount()).isEqualTo(2);

        table.get(key(1, "x"));
        assertThat(reader.gets).isEqualTo(3);
        assertThat(table.get(key(2, "x"))).containsExactly(2, "x", new BigDecimal("2"));
        assertThat(reader.gets).isEqualTo(4);
    }

    @Test
    void shouldCacheNothingWithCapacityZero() {
        BufferedStateTable table = StateTables.buffered(ORDERS, 0);
        CountingReader reader = latestReader();
        table.setReader(reader);

        assertThat(table.get(key(1, "a"))).isNull();
        assertThat(table.get(key(1, "a"))).isNull();
        assertThat(reader.gets).isEqualTo(2);
        assertThat(table.cachedCount()).isZero();

        table.put(row(1, "a", "1"));
        flushAndCommit(table);
        assertThat(table.cachedCount()).isZero();
        CountingReader next = latestReader();
        table.setReader(next);
        assertThat(table.get(key(1, "a"))).containsExactly(1, "a", new BigDecimal("1"));
        assertThat(next.gets).isEqualTo(1);
    }

    @Test
    void shouldForgetBufferedWritesAndCachedRowsOnDiscard() {
        commitRows(row(1, "a", "1"));
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        CountingReader reader = latestReader();
        table.setReader(reader);
        table.get(key(1, "c"));
        table.put(row(1, "b", "2"));
        table.delete(key(1, "a"));

        table.discard();

        assertThat(table.bufferedCount()).isZero();
        assertThat(table.cachedCount()).isZero();
        assertThat(table.get(key(1, "a"))).containsExactly(1, "a", new BigDecimal("1"));
        assertThat(table.get(key(1, "b"))).isNull();
        assertThat(reader.gets).isEqualTo(3);
        try (StorageWriter writer = engine.beginBatch()) {
            table.flush(writer);
            assertThat(writer.size()).isZero();
        }
    }

    @Test
    void shouldForgetRowsFlushedIntoAnAbandonedCommitOnDiscard() {
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        table.setReader(latestReader());
        table.put(row(1, "a", "1"));
        try (StorageWriter writer = engine.beginBatch()) {
            table.flush(writer);
        }

        table.discard();

        table.setReader(latestReader());
        assertThat(table.get(key(1, "a"))).isNull();
    }

    @Test
    void shouldAddressOneRowWithDecimalKeysOfDifferentScaleAndKeepTheWrittenScale() {
        StateTableDescriptor prices = StateTableDescriptor.ascending(43,
                RowSchema.of(ValueType.DECIMAL, ValueType.STRING), 0);
        BufferedStateTable table = StateTables.buffered(prices, 10);
        table.setReader(latestReader());

        table.put(new Object[] {new BigDecimal("1.0"), "first"});
        assertThat(table.get(new Object[] {new BigDecimal("1.00")})).containsExactly(new BigDecimal("1.0"), "first");
        table.put(new Object[] {new BigDecimal("1.00"), "second"});
        assertThat(table.bufferedCount()).isEqualTo(1);
        flushAndCommit(table);

        StateTable stored = StateTables.create(prices);
        assertThat(stored.get(latestView(), new Object[] {new BigDecimal("1")}))
                .containsExactly(new BigDecimal("1.00"), "second");
        table.delete(new Object[] {new BigDecimal("1.000")});
        assertThat(rows(table.prefixScan(new Object[0]))).isEmpty();
    }

    @Test
    void shouldKeepRowsAsPutWhenTheCallerChangesItsArrays() {
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        table.setReader(latestReader());
        Object[] row = row(1, "a", "1");
        table.put(row);
        row[2] = new BigDecimal("9");
        table.get(key(1, "a"))[2] = new BigDecimal("8");
        assertThat(table.get(key(1, "a"))[2]).isEqualTo(new BigDecimal("1"));

        flushAndCommit(table);
        table.get(key(1, "a"))[2] = new BigDecimal("7");
        assertThat(table.get(key(1, "a"))[2]).isEqualTo(new BigDecimal("1"));
        assertThat(committed.get(latestView(), key(1, "a"))[2]).isEqualTo(new BigDecimal("1"));
    }

    @Test
    void shouldRefuseToReadBeforeAReaderIsSet() {
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        assertThatThrownBy(() -> table.get(key(1, "a"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> table.prefixScan(key(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseANegativeCapacityAndAPrefixLongerThanTheKey() {
        assertThatThrownBy(() -> StateTables.buffered(ORDERS, -1)).isInstanceOf(IllegalArgumentException.class);
        BufferedStateTable table = StateTables.buffered(ORDERS, 10);
        table.setReader(latestReader());
        assertThatThrownBy(() -> table.prefixScan(new Object[] {1, "a", BigDecimal.ONE}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads every key the random test writes, as "key -> row" strings. */
    private static List<String> getEveryKey(Function<Object[], Object[]> get) {
        List<String> rows = new ArrayList<>();
        for (Integer region : Arrays.asList(0, 1, 2, null)) {
            for (String name : Arrays.asList("a", "b", "c", "d", "e", "f", null)) {
                rows.add(region + "/" + name + " -> " + Arrays.toString(get.apply(key(region, name))));
            }
        }
        return rows;
    }

    private void commitRows(Object[]... rows) {
        try (StorageWriter writer = engine.beginBatch()) {
            for (Object[] row : rows) {
                committed.upsert(writer, row);
            }
            writer.commit();
        }
    }

    private void flushAndCommit(BufferedStateTable table) {
        try (StorageWriter writer = engine.beginBatch()) {
            table.flush(writer);
            writer.commit();
        }
    }

    /** A snapshot of everything committed so far, closed after the test. */
    private ReadView latestView() {
        ReadView view = engine.openReadView();
        views.add(view);
        return view;
    }

    private CountingReader latestReader() {
        return new CountingReader(latestView());
    }

    private static Object[] row(Integer region, String name, String amount) {
        return new Object[] {region, name, new BigDecimal(amount)};
    }

    private static Object[] key(Object... values) {
        return values;
    }

    /** Drains the iterator into "region/name=amount" strings and closes it. */
    private static List<String> rows(CloseableIterator<Object[]> iterator) {
        List<String> rows = new ArrayList<>();
        try (iterator) {
            while (iterator.hasNext()) {
                Object[] row = iterator.next();
                rows.add(row[0] + "/" + row[1] + "=" + row[2]);
            }
        }
        return rows;
    }

    /** Counts point reads, to tell a cache hit from a storage read. */
    private static final class CountingReader implements KvReader {
        private final KvReader delegate;
        int gets;

        CountingReader(KvReader delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] get(long keyspace, byte[] key) {
            gets++;
            return delegate.get(keyspace, key);
        }

        @Override
        public KvIterator scan(long keyspace, byte[] lowerInclusive, byte[] upperExclusive) {
            return delegate.scan(keyspace, lowerInclusive, upperExclusive);
        }

        @Override
        public KvIterator scanReverse(long keyspace, byte[] lowerInclusive, byte[] upperExclusive) {
            return delegate.scanReverse(keyspace, lowerInclusive, upperExclusive);
        }

        @Override
        public KvIterator scanPrefix(long keyspace, byte[] prefix) {
            return delegate.scanPrefix(keyspace, prefix);
        }
    }
}
