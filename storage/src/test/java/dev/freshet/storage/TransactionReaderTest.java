package dev.freshet.storage;

/** A transaction with no writes of its own reads like a read view. */
class TransactionReaderTest extends AbstractKvReaderTest {
    @Override
    KvReader openReader(StorageEngine engine) {
        return engine.beginTransaction();
    }

    @Override
    void closeReader(KvReader reader) {
        ((StorageTransaction) reader).close();
    }
}
