package dev.freshet.storage.internal;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.freshet.storage.CatalogStore;
import dev.freshet.storage.KvIterator;
import dev.freshet.storage.KvReader;
import dev.freshet.storage.StorageWriter;

/** Catalog descriptors in the system column family, keyed by object id. */
final class RocksCatalogStore implements CatalogStore {
    private final RocksStorageEngine engine;

    RocksCatalogStore(RocksStorageEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    @Override
    public void put(StorageWriter writer, long objectId, byte[] descriptor) {
        requireNonNull(descriptor, "descriptor is null");
        writerOf(engine, writer).putSystem(KeyLayout.catalogKey(objectId), descriptor, entryName(objectId));
    }

    @Override
    public void delete(StorageWriter writer, long objectId) {
        writerOf(engine, writer).deleteSystem(KeyLayout.catalogKey(objectId), entryName(objectId));
    }

    @Override
    public byte[] get(KvReader reader, long objectId) {
        return readsOf(engine, reader).getSystem(KeyLayout.catalogKey(objectId), entryName(objectId));
    }

    @Override
    public SortedMap<Long, byte[]> list(KvReader reader) {
        SortedMap<Long, byte[]> entries = new TreeMap<>();
        try (KvIterator iterator = readsOf(engine, reader).scanSystem(KeyLayout.catalogLowerBound(),
                KeyLayout.catalogUpperBound(), "catalog")) {
            while (iterator.next()) {
                entries.put(KeyLayout.catalogObjectId(iterator.key()), iterator.value());
            }
        }
        return Collections.unmodifiableSortedMap(entries);
    }

    private static String entryName(long objectId) {
        return format("catalog entry %d", objectId);
    }

    static AbstractRocksWriter writerOf(RocksStorageEngine engine, StorageWriter writer) {
        requireNonNull(writer, "writer is null");
        if (!(writer instanceof AbstractRocksWriter) || ((AbstractRocksWriter) writer).engine != engine) {
            throw new IllegalArgumentException("writer does not belong to storage at " + engine.directory());
        }
        return (AbstractRocksWriter) writer;
    }

    static RocksReads readsOf(RocksStorageEngine engine, KvReader reader) {
        requireNonNull(reader, "reader is null");
        if (!(reader instanceof RocksReader) || ((RocksReader) reader).reads().engine() != engine) {
            throw new IllegalArgumentException("reader does not belong to storage at " + engine.directory());
        }
        return ((RocksReader) reader).reads();
    }
}
