package dev.freshet.planner.stream;

/** The joins a {@link StreamJoin} maintains. */
public enum JoinKind {
    INNER,
    LEFT,
    RIGHT,
    FULL,
    /** Left rows with at least one matching right row (IN, EXISTS); output: the left columns. */
    SEMI,
    /** Left rows with no matching right row (NOT EXISTS); output: the left columns. */
    ANTI
}
