package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The part of a table's primary-key order a scan must read: the rows whose first key columns
 * equal {@code prefix}, and whose next key column lies between {@code lower} and {@code upper}.
 * Values are in Calcite's internal representation (see {@link DataType}).
 *
 * <p>A range is a superset promise: it never excludes a row the query needs, and the query still
 * applies its own filters to what the scan returns.
 *
 * @param prefix values of the leading key columns; empty to read from the first key
 * @param lower the bound on key column {@code prefix.size()}, or null when unbounded below
 * @param upper the bound on key column {@code prefix.size()}, or null when unbounded above
 */
public record KeyRange(List<Object> prefix, Bound lower, Bound upper) {
    /** The whole table. */
    public static final KeyRange ALL = new KeyRange(List.of(), null, null);

    public KeyRange {
        // List.copyOf refuses nulls, and a NULL key value is legal in a prefix for no-one: keys are NOT NULL.
        prefix = Collections.unmodifiableList(new ArrayList<>(requireNonNull(prefix, "prefix is null")));
    }

    /** True when the range reads the whole table. */
    public boolean isAll() {
        return prefix.isEmpty() && lower == null && upper == null;
    }

    /**
     * One end of a range.
     *
     * @param value the bounding key value
     * @param inclusive whether rows equal to {@code value} are in the range
     */
    public record Bound(Object value, boolean inclusive) {
        public Bound {
            requireNonNull(value, "value is null");
        }
    }
}
