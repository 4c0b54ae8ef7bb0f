package dev.freshet.storage;

import static dev.freshet.storage.Bytes.bytes;
import static dev.freshet.storage.Bytes.entries;
import static dev.freshet.storage.Bytes.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorageTransactionTest extends AbstractStorageWriterTest {
    @Override
    StorageWriter newWriter(StorageEngine engine) {
        return engine.beginTransaction();
    }

    @Test
    void shouldReadItsOwnUncommittedWrites() {
        try (StorageWriter writer = engine.beginBatch()) {
            writer.put(1, bytes("a"), bytes("old"));
            writer.put(1, bytes("c"), bytes("c"));
            writer.commit();
        }
        try (StorageTransaction transaction = engine.beginTransaction()) {
            transaction.put(1, bytes("a"), bytes("new"));
            transaction.put(1, bytes("b"), bytes("b"));
            transaction.delete(1, bytes("c"));
            assertThat(text(transaction.get(1, bytes("a")))).isEqualTo("new");
            assertThat(transaction.get(1, bytes("c"))).isNull();
            assertThat(entries(transaction.scan(1, null, null))).containsExactly("a=new", "b=b");
            assertThat(entries(transaction.scanReverse(1, null, null))).containsExactly("b=b", "a=new");
            assertThat(entries(transaction.scanPrefix(1, bytes("b")))).containsExactly("b=b");
        }
    }

    @Test
    void shouldSeeTheLatestOfSeveralWritesToOneKey() {
        try (StorageTransaction transaction = engine.beginTransaction()) {
            transaction.put(1, bytes("a"), bytes("1"));
            transaction.put(1, bytes("a"), bytes("2"));
            assertThat(text(transaction.get(1, bytes("a")))).isEqualTo("2");
            transaction.delete(1, bytes("a"));
            transaction.put(1, bytes("a"), bytes("3"));
            assertThat(entries(transaction.scan(1, null, null))).containsExactly("a=3");
        }
    }

    @Test
    void shouldSeeAKeyspaceEmptyAfterDroppingIt() {
        try (StorageWriter writer = engine.beginBatch()) {
            writer.put(1, bytes("a"), bytes("a"));
            writer.commit();
        }
        try (StorageTransaction transaction = engine.beginTransaction()) {
            transaction.put(1, bytes("b"), bytes("b"));
            transaction.dropKeyspace(1);
            assertThat(entries(transaction.scan(1, null, null))).isEmpty();
        }
    }
}
