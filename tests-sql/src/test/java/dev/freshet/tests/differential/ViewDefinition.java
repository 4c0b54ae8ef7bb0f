package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

/**
 * A view the differential test creates in both engines: in Freshet as {@code CREATE MATERIALIZED
 * VIEW} (or {@code CREATE VIEW}), in DuckDB always as a plain {@code CREATE VIEW}, so that the
 * oracle evaluates the query in batch over the full input, and views over views read the same
 * names on both sides.
 *
 * @param name the object's name in both engines
 * @param kind whether Freshet materializes it
 * @param stage when it is created: backfill from a loaded table, and again after a restart, must
 *     give the same rows as incremental maintenance from the start
 * @param query the defining query, valid with the same meaning in both dialects
 */
record ViewDefinition(String name, Kind kind, Stage stage, String query) implements DifferentialView {
    ViewDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(query, "query is null");
    }

    static ViewDefinition materialized(String name, Stage stage, String query) {
        return new ViewDefinition(name, Kind.MATERIALIZED_VIEW, stage, query);
    }

    static ViewDefinition plain(String name, Stage stage, String query) {
        return new ViewDefinition(name, Kind.VIEW, stage, query);
    }

    @Override
    public String kindName() {
        return kind.name();
    }

    @Override
    public String freshetDdl() {
        String keyword = kind == Kind.MATERIALIZED_VIEW ? "MATERIALIZED VIEW" : "VIEW";
        return "CREATE " + keyword + " " + name + " AS " + query;
    }

    @Override
    public String oracleDdl() {
        return "CREATE VIEW " + name + " AS " + query;
    }

    enum Kind {
        MATERIALIZED_VIEW,
        VIEW
    }

    enum Stage {
        /** Before any row exists: maintained incrementally from the first insert. */
        BEFORE_LOAD,
        /** After the initial load: backfilled from the tables, then maintained. */
        AFTER_LOAD,
        /** After the mid-run restart: backfilled on a reopened data directory. */
        AFTER_RESTART
    }
}
