package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

/**
 * The seed of a randomized test and the system property that replays it.
 *
 * @param property the system property that sets the seed, e.g. {@code freshet.windows.seed}
 * @param value the seed
 */
record RunSeed(String property, long value) {
    RunSeed {
        requireNonNull(property, "property is null");
    }

    /** The seed the system property gives, or a new one (the clock's nanoseconds) when it is not set. */
    static RunSeed read(String property) {
        return new RunSeed(property, Long.getLong(property, System.nanoTime()));
    }

    /** How to run the same test again: {@code replay with -Dfreshet.windows.seed=42}. */
    String replay() {
        return "replay with -D" + property + "=" + value;
    }
}
