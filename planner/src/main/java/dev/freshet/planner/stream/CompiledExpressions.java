package dev.freshet.planner.stream;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/**
 * Expressions of a plan node compiled once per plan (Janino), from which each operator instance
 * takes its own evaluator: the compiled class is shared, the per-row context is not.
 */
public final class CompiledExpressions {
    private final String description;
    private final int width;
    private final Supplier<RowFunction> factory;

    /**
     * @param description the expressions as EXPLAIN prints them
     * @param width how many values each evaluation returns
     * @param factory makes a new evaluator; each is used by one thread
     */
    public CompiledExpressions(String description, int width, Supplier<RowFunction> factory) {
        this.description = requireNonNull(description, "description is null");
        this.width = width;
        this.factory = requireNonNull(factory, "factory is null");
    }

    public String describe() {
        return description;
    }

    /** How many values an evaluation returns. */
    public int width() {
        return width;
    }

    /** A new evaluator of the expressions. */
    public RowFunction newFunction() {
        return factory.get();
    }

    /**
     * A new evaluator of the first expression as a condition: true only when it is TRUE (NULL
     * and FALSE reject the row, as in WHERE).
     */
    public RowPredicate newPredicate() {
        RowFunction function = factory.get();
        return row -> Boolean.TRUE.equals(function.apply(row)[0]);
    }

    @Override
    public String toString() {
        return description;
    }
}
