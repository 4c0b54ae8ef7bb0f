package dev.freshet.planner;

import org.apache.calcite.schema.SchemaPlus;

/**
 * Adds schemas, tables or functions to the root schema a statement is planned against: how the
 * server contributes {@code pg_catalog}, {@code information_schema} and {@code freshet_catalog}
 * without the planner knowing what they hold.
 */
public interface SchemaExtension {
    /**
     * Registers this extension's objects in {@code rootSchema}. Called once per planned statement,
     * with the catalog snapshot the statement sees; must not keep references to either.
     */
    void register(SchemaPlus rootSchema, PlannerSession session);
}
