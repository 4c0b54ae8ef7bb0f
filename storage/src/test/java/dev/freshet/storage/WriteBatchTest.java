package dev.freshet.storage;

class WriteBatchTest extends AbstractStorageWriterTest {
    @Override
    StorageWriter newWriter(StorageEngine engine) {
        return engine.beginBatch();
    }
}
