package dev.freshet.tests.differential;

/**
 * A view a differential test creates in Freshet and, as a plain view of the same query, in DuckDB,
 * and then compares at every check ({@link ViewChecks}).
 */
interface DifferentialView {
    /** The view's name in both engines. */
    String name();

    /** When the run creates the view. */
    ViewDefinition.Stage stage();

    /** How Freshet keeps the view, for failure reports: {@code MATERIALIZED_VIEW}, {@code EMIT ON WINDOW CLOSE}. */
    String kindName();

    /** The statement that creates the view in Freshet. */
    String freshetDdl();

    /** The statement that creates the view in DuckDB: always a plain view, evaluated in batch when read. */
    String oracleDdl();
}
