package dev.freshet.storage;

import static dev.freshet.storage.Bytes.bytes;
import static dev.freshet.storage.Bytes.entries;
import static dev.freshet.storage.Bytes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link StorageWriter} contract, run for write batches and transactions. */
abstract class AbstractStorageWriterTest {
    @TempDir
    Path directory;

    StorageEngine engine;

    abstract StorageWriter newWriter(StorageEngine engine);

    @BeforeEach
    void openEngine() {
        engine = StorageEngines.open(directory, StorageOptions.defaults().withBlockCacheBytes(8 << 20));
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private void reopen() {
        engine.close();
        openEngine();
    }

    @Test
    void shouldMakeWritesToSeveralKeyspacesVisibleTogetherOnCommit() {
        try (StorageWriter writer = newWriter(engine)) {
            writer.put(1, bytes("k"), bytes("one"));
            writer.put(2, bytes("k"), bytes("two"));
            engine.catalog().put(writer, 7, bytes("table seven"));
            try (ReadView before = engine.openReadView()) {
                assertThat(before.get(1, bytes("k"))).isNull();
                assertThat(engine.catalog().get(before, 7)).isNull();
            }
            writer.commit();
        }
        try (ReadView after = engine.openReadView()) {
            assertThat(text(after.get(1, bytes("k")))).isEqualTo("one");
            assertThat(text(after.get(2, bytes("k")))).isEqualTo("two");
            assertThat(text(engine.catalog().get(after, 7))).isEqualTo("table seven");
        }
    }

    @Test
    void shouldLeaveNothingBehindWhenClosedWithoutCommit() {
        try (StorageWriter writer = newWriter(engine)) {
            writer.put(1, bytes("k"), bytes("lost"));
            engine.catalog().put(writer, 7, bytes("lost"));
        }
        reopen();
        try (ReadView view = engine.openReadView()) {
            assertThat(view.get(1, bytes("k"))).isNull();
            assertThat(engine.catalog().list(view)).isEmpty();
        }
    }

    @Test
    void shouldKeepCommittedWritesAcrossARestart() {
        try (StorageWriter writer = newWriter(engine)) {
            writer.put(1, bytes("k"), bytes("kept"));
            writer.commit();
        }
        reopen();
        try (ReadView view = engine.openReadView()) {
            assertThat(text(view.get(1, bytes("k")))).isEqualTo("kept");
        }
    }

    @Test
    void shouldDeleteAKey() {
        commitPuts(1, "a", "b");
        try (StorageWriter writer = newWriter(engine)) {
            writer.delete(1, bytes("a"));
            writer.delete(1, bytes("absent"));
            writer.commit();
        }
        try (ReadView view = engine.openReadView()) {
            assertThat(entries(view.scan(1, null, null))).containsExactly("b=b");
        }
    }

    @Test
    void shouldDeleteARangeIncludingKeysPutEarlierInTheSameWriter() {
        commitPuts(1, "a", "b", "c", "d");
        try (StorageWriter writer = newWriter(engine)) {
            writer.put(1, bytes("bb"), bytes("bb"));
            writer.deleteRange(1, bytes("b"), bytes("d"));
            writer.put(1, bytes("c"), bytes("again"));
            writer.commit();
        }
        try (ReadView view = engine.openReadView()) {
            assertThat(entries(view.scan(1, null, null))).containsExactly("a=a", "c=again", "d=d");
        }
    }

    @Test
    void shouldDropAWholeKeyspaceAndNoOther() {
        commitPuts(4, "a");
        commitPuts(5, "a", "b", "\u00ff");
        commitPuts(6, "a");
        try (StorageWriter writer = newWriter(engine)) {
            writer.dropKeyspace(5);
            writer.commit();
        }
        try (ReadView view = engine.openReadView()) {
            assertThat(entries(view.scan(5, null, null))).isEmpty();
            assertThat(entries(view.scan(4, null, null))).containsExactly("a=a");
            assertThat(entries(view.scan(6, null, null))).containsExactly("a=a");
        }
    }

    @Test
    void shouldRefuseWritesAfterCommit() {
        try (StorageWriter writer = newWriter(engine)) {
            writer.put(1, bytes("a"), bytes("a"));
            writer.commit();
            assertThatThrownBy(() -> writer.put(1, bytes("b"), bytes("b"))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldCountItsWrites() {
        try (StorageWriter writer = newWriter(engine)) {
            writer.put(1, bytes("a"), bytes("a"));
            writer.delete(1, bytes("b"));
            assertThat(writer.size()).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseANegativeKeyspace() {
        try (StorageWriter writer = newWriter(engine)) {
            assertThatThrownBy(() -> writer.put(-1, bytes("a"), bytes("a")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private void commitPuts(long keyspace, String... keys) {
        try (StorageWriter writer = engine.beginBatch()) {
            for (String key : keys) {
                writer.put(keyspace, bytes(key), bytes(key));
            }
            writer.commit();
        }
    }
}
