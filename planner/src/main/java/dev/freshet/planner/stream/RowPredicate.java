package dev.freshet.planner.stream;

/**
 * A condition compiled to Java (Janino) over one input row in Calcite's internal
 * representation. Not thread-safe: each operator instance gets its own copy.
 */
public interface RowPredicate {
    /**
     * True when the condition holds; false when it is false or unknown (NULL).
     *
     * @throws RuntimeException when evaluating the condition fails for this row
     */
    boolean test(Object[] row);
}
