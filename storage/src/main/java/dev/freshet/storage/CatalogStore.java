package dev.freshet.storage;

import java.util.SortedMap;

/**
 * The catalog's durable form: opaque descriptor bytes by object id. Writes go through a
 * {@link StorageWriter}, so creating a table, filling it and recording it commit atomically.
 * Storage never interprets the bytes.
 */
public interface CatalogStore {
    /** Stores (or replaces) the descriptor of an object. */
    void put(StorageWriter writer, long objectId, byte[] descriptor);

    /** Removes the descriptor of an object; nothing happens when there is none. */
    void delete(StorageWriter writer, long objectId);

    /** The descriptor of an object, or null when there is none. */
    byte[] get(KvReader reader, long objectId);

    /** Every descriptor, by ascending object id; empty when the catalog is empty. */
    SortedMap<Long, byte[]> list(KvReader reader);
}
