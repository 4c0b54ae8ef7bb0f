package dev.freshet.planner;

/** The kinds of objects a user creates, with the words SQL and messages use for them. */
public enum ObjectKind {
    TABLE("table", "TABLE"),
    VIEW("view", "VIEW"),
    SOURCE("source", "SOURCE"),
    MATERIALIZED_VIEW("materialized view", "MATERIALIZED VIEW"),
    SINK("sink", "SINK");

    private final String displayName;
    private final String sqlKeyword;

    ObjectKind(String displayName, String sqlKeyword) {
        this.displayName = displayName;
        this.sqlKeyword = sqlKeyword;
    }

    /** The kind as messages name it: {@code materialized view "x" does not exist}. */
    public String displayName() {
        return displayName;
    }

    /** The kind as SQL writes it: {@code DROP MATERIALIZED VIEW}. */
    public String sqlKeyword() {
        return sqlKeyword;
    }
}
