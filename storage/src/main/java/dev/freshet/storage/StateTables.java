package dev.freshet.storage;

import static java.util.Objects.requireNonNull;

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
}
