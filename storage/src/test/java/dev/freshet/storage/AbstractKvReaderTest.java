package dev.freshet.storage;

import static dev.freshet.storage.Bytes.bytes;
import static dev.freshet.storage.Bytes.entries;
import static dev.freshet.storage.Bytes.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link KvReader} contract, run for every kind of reader over committed data. */
abstract class AbstractKvReaderTest {
    private static final long TABLE = 10;
    private static final long NEIGHBOUR = 11;

    @TempDir
    Path directory;

    StorageEngine engine;

    /** A reader over everything committed so far; the test closes it. */
    abstract KvReader openReader(StorageEngine engine);

    abstract void closeReader(KvReader reader);

    @BeforeEach
    void openEngine() {
        engine = StorageEngines.open(directory, StorageOptions.defaults().withBlockCacheBytes(8 << 20));
        try (StorageWriter writer = engine.beginBatch()) {
            for (String key : new String[] {"a", "b", "ba", "bb", "c"}) {
                writer.put(TABLE, bytes(key), bytes(key.toUpperCase()));
            }
            writer.put(TABLE - 1, bytes("x"), bytes("before"));
            writer.put(NEIGHBOUR, bytes("a"), bytes("neighbour"));
            writer.commit();
        }
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void shouldReturnTheCommittedValueOfAKey() {
        KvReader reader = openReader(engine);
        assertThat(text(reader.get(TABLE, bytes("ba")))).isEqualTo("BA");
        closeReader(reader);
    }

    @Test
    void shouldReturnNullForAnAbsentKey() {
        KvReader reader = openReader(engine);
        assertThat(reader.get(TABLE, bytes("zz"))).isNull();
        assertThat(reader.get(12345, bytes("a"))).isNull();
        closeReader(reader);
    }

    @Test
    void shouldScanOnlyItsOwnKeyspaceInKeyOrder() {
        KvReader reader = openReader(engine);
        assertThat(entries(reader.scan(TABLE, null, null))).containsExactly("a=A", "b=B", "ba=BA", "bb=BB", "c=C");
        closeReader(reader);
    }

    @Test
    void shouldScanFromInclusiveLowerToExclusiveUpperBound() {
        KvReader reader = openReader(engine);
        assertThat(entries(reader.scan(TABLE, bytes("b"), bytes("bb")))).containsExactly("b=B", "ba=BA");
        assertThat(entries(reader.scan(TABLE, bytes("bab"), null))).containsExactly("bb=BB", "c=C");
        assertThat(entries(reader.scan(TABLE, null, bytes("b")))).containsExactly("a=A");
        assertThat(entries(reader.scan(TABLE, bytes("d"), null))).isEmpty();
        closeReader(reader);
    }

    @Test
    void shouldScanInReverseWithTheSameBounds() {
        KvReader reader = openReader(engine);
        assertThat(entries(reader.scanReverse(TABLE, bytes("b"), bytes("c")))).containsExactly("bb=BB", "ba=BA", "b=B");
        assertThat(entries(reader.scanReverse(TABLE, null, null)))
                .containsExactly("c=C", "bb=BB", "ba=BA", "b=B", "a=A");
        closeReader(reader);
    }

    @Test
    void shouldScanAPrefix() {
        KvReader reader = openReader(engine);
        assertThat(entries(reader.scanPrefix(TABLE, bytes("b")))).containsExactly("b=B", "ba=BA", "bb=BB");
        assertThat(entries(reader.scanPrefix(TABLE, new byte[0]))).hasSize(5);
        closeReader(reader);
    }

    @Test
    void shouldOrderKeysAsUnsignedBytes() {
        try (StorageWriter writer = engine.beginBatch()) {
            writer.put(20, bytes(0xFF), bytes("ff"));
            writer.put(20, bytes(0x7F), bytes("7f"));
            writer.put(20, bytes(0xFF, 0xFF), bytes("ffff"));
            writer.put(20, bytes(0x80), bytes("80"));
            writer.commit();
        }
        KvReader reader = openReader(engine);
        assertThat(entries(reader.scan(20, null, null)))
                .extracting(entry -> entry.substring(entry.indexOf('=') + 1))
                .containsExactly("7f", "80", "ff", "ffff");
        assertThat(entries(reader.scanPrefix(20, bytes(0xFF))))
                .extracting(entry -> entry.substring(entry.indexOf('=') + 1))
                .containsExactly("ff", "ffff");
        closeReader(reader);
    }

    @Test
    void shouldNotSeeCommitsMadeAfterItWasOpened() {
        KvReader reader = openReader(engine);
        try (StorageWriter writer = engine.beginBatch()) {
            writer.put(TABLE, bytes("a"), bytes("changed"));
            writer.put(TABLE, bytes("aa"), bytes("new"));
            writer.delete(TABLE, bytes("c"));
            writer.dropKeyspace(NEIGHBOUR);
            writer.commit();
        }
        assertThat(text(reader.get(TABLE, bytes("a")))).isEqualTo("A");
        assertThat(entries(reader.scan(TABLE, null, null))).containsExactly("a=A", "b=B", "ba=BA", "bb=BB", "c=C");
        assertThat(text(reader.get(NEIGHBOUR, bytes("a")))).isEqualTo("neighbour");
        closeReader(reader);
    }

    @Test
    void shouldIterateSeveralRangesAtOnce() {
        KvReader reader = openReader(engine);
        try (KvIterator first = reader.scan(TABLE, null, null);
                KvIterator second = reader.scanPrefix(TABLE, bytes("b"))) {
            assertThat(first.next()).isTrue();
            assertThat(second.next()).isTrue();
            assertThat(text(first.key())).isEqualTo("a");
            assertThat(text(second.key())).isEqualTo("b");
        }
        closeReader(reader);
    }
}
