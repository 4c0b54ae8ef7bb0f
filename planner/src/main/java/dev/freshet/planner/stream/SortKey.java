package dev.freshet.planner.stream;

/**
 * One column of an ordering (Top-N, an ordered STRING_AGG), in PostgreSQL's default null order
 * unless stated: NULLs sort as larger than every value.
 *
 * @param column the column index in the node's input
 * @param descending true for DESC
 * @param nullsFirst true when NULLs come first
 */
public record SortKey(int column, boolean descending, boolean nullsFirst) {
    public SortKey {
        if (column < 0) {
            throw new IllegalArgumentException("negative column " + column);
        }
    }

    @Override
    public String toString() {
        return "$" + column + (descending ? " DESC" : "") + (nullsFirst != descending ? (nullsFirst
                ? " NULLS FIRST" : " NULLS LAST") : "");
    }
}
