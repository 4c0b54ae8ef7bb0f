package dev.freshet.planner;

/**
 * A function registered by a {@link SchemaExtension} that may read the statement's context (the
 * clock, the session, a catalog snapshot) rather than only its arguments. A materialized view
 * cannot call such a function: its rows would depend on when they were computed.
 */
public interface ContextualFunction {
    /** True when the result depends on more than the arguments. */
    boolean readsContext();
}
