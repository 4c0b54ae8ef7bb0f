package dev.freshet.storage;

import static dev.freshet.storage.Bytes.bytes;
import static dev.freshet.storage.Bytes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageEngineTest {
    @TempDir
    Path directory;

    private StorageEngine open() {
        return StorageEngines.open(directory,
                StorageOptions.defaults().withBlockCacheBytes(8 << 20).withIdBlockSize(10));
    }

    @Test
    void shouldBringBackRowsCatalogEntriesAndSequencesAfterARestart() {
        long lastId;
        try (StorageEngine engine = open()) {
            try (StorageWriter writer = engine.beginBatch()) {
                writer.put(3, bytes("k"), bytes("v"));
                engine.catalog().put(writer, 3, bytes("t3"));
                engine.catalog().put(writer, 1, bytes("t1"));
                writer.commit();
            }
            engine.ids().nextId("objects");
            lastId = engine.ids().nextId("objects");
        }
        try (StorageEngine engine = open(); ReadView view = engine.openReadView()) {
            assertThat(text(view.get(3, bytes("k")))).isEqualTo("v");
            assertThat(engine.catalog().list(view).keySet()).containsExactly(1L, 3L);
            assertThat(text(engine.catalog().list(view).get(3L))).isEqualTo("t3");
            assertThat(engine.ids().nextId("objects")).isGreaterThan(lastId);
        }
    }

    @Test
    void shouldStartSequencesAtOneAndCountUpWithoutGapsWithinARun() {
        try (StorageEngine engine = open()) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                ids.add(engine.ids().nextId("rows"));
            }
            assertThat(ids.get(0)).isEqualTo(1L);
            assertThat(ids.get(24)).isEqualTo(25L);
            assertThat(engine.ids().nextId("other")).isEqualTo(1L);
        }
    }

    @Test
    void shouldNeverHandOutAnIdTwiceAcrossRestarts() {
        Set<Long> seen = new HashSet<>();
        for (int run = 0; run < 4; run++) {
            try (StorageEngine engine = open()) {
                for (int i = 0; i < 7 + run * 5; i++) {
                    assertThat(seen.add(engine.ids().nextId("rows"))).isTrue();
                }
            }
        }
    }

    @Test
    void shouldRestartASequenceAfterItIsDropped() {
        try (StorageEngine engine = open()) {
            engine.ids().nextId("rows");
            engine.ids().nextId("rows");
            try (StorageWriter writer = engine.beginBatch()) {
                engine.ids().dropSequence(writer, "rows");
                writer.commit();
            }
            assertThat(engine.ids().nextId("rows")).isEqualTo(1L);
        }
    }

    @Test
    void shouldDeleteCatalogEntriesWithinACommit() {
        try (StorageEngine engine = open()) {
            try (StorageWriter writer = engine.beginBatch()) {
                engine.catalog().put(writer, 1, bytes("a"));
                engine.catalog().put(writer, 2, bytes("b"));
                writer.commit();
            }
            try (StorageTransaction transaction = engine.beginTransaction()) {
                engine.catalog().delete(transaction, 1);
                assertThat(engine.catalog().get(transaction, 1)).isNull();
                assertThat(engine.catalog().list(transaction).keySet()).containsExactly(2L);
                transaction.commit();
            }
            try (ReadView view = engine.openReadView()) {
                assertThat(engine.catalog().list(view).keySet()).containsExactly(2L);
            }
        }
    }

    @Test
    void shouldRefuseADirectoryAlreadyOpen() {
        try (StorageEngine engine = open()) {
            assertThatThrownBy(this::open).isInstanceOf(StorageException.class)
                    .hasMessageContaining(directory.toString());
        }
    }

    @Test
    void shouldCloseIdempotentlyAndRefuseUseAfterwards() {
        StorageEngine engine = open();
        StorageTransaction transaction = engine.beginTransaction();
        engine.close();
        engine.close();
        assertThatThrownBy(engine::openReadView).isInstanceOf(StorageException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> engine.ids().nextId("x")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> transaction.put(1, bytes("a"), bytes("b"))).isInstanceOf(StorageException.class);
        transaction.close();
    }

    @Test
    void shouldRefuseAReaderOfAnotherEngine(@TempDir Path otherDirectory) {
        try (StorageEngine engine = open();
                StorageEngine other = StorageEngines.open(otherDirectory, StorageOptions.defaults());
                ReadView view = other.openReadView()) {
            assertThatThrownBy(() -> engine.catalog().list(view)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
