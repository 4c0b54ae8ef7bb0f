package dev.freshet.storage.internal;

/** A reader of this storage engine, whose system area (catalog, sequences) internals can read. */
interface RocksReader {
    RocksReads reads();
}
