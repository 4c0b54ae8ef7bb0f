package dev.freshet.storage;

import static java.util.Objects.requireNonNull;

import dev.freshet.storage.internal.BufferedEncodedStateTable;
import dev.freshet.storage.internal.EncodedStateTable;

/** Builds state tables over the bytes store. */
public final class StateTables {
    private StateTables() {
    }

    /** A table storing each row under its memcomparable key, uncached: every call reaches storage. */
    public static StateTable create(StateTableDescriptor descriptor) {
        requireNonNull(descriptor, "descriptor is null");
        return new EncodedStateTable(descriptor);
    }

    /**
     * A table for one operator instance, in the layout of {@link #create} (so each reads what the
     * other wrote), buffering writes until flush and caching up to {@code cacheCapacity} rows and
     * known-absent keys; 0 caches nothing.
     */
    public static BufferedStateTable buffered(StateTableDescriptor descriptor, int cacheCapacity) {
        requireNonNull(descriptor, "descriptor is null");
        return new BufferedEncodedStateTable(descriptor, cacheCapacity);
    }
}
