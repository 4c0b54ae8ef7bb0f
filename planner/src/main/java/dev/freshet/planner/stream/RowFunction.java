package dev.freshet.planner.stream;

/**
 * Expressions compiled to Java (Janino) that compute output values from one input row. Both
 * arrays use Calcite's internal representation. Not thread-safe: each operator instance gets its
 * own copy from {@link CompiledExpressions#newInstance()}.
 */
public interface RowFunction {
    /**
     * The values of the expressions for the row, in a new array.
     *
     * @throws RuntimeException when an expression fails for this row (division by zero,
     *     overflow, a bad cast); the caller decides what the row becomes
     */
    Object[] apply(Object[] row);
}
