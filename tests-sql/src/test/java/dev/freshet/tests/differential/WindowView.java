package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

/**
 * A materialized view over event-time windows that the window differential test creates in
 * Freshet, with its counterpart for DuckDB, a plain view of the same query whose windows are
 * computed in plain SQL ({@link WindowFunction#oracleTable}).
 *
 * @param name the view's name in both engines
 * @param stage when it is created
 * @param emitOnWindowClose whether Freshet's view is {@code EMIT ON WINDOW CLOSE}: it then shows
 *     only the windows the table's watermark has closed ({@code window_end <= watermark}), so the
 *     query must output {@code window_end}
 * @param window the windows the query reads (a window table function or sessions)
 * @param template the query, with {@value #WINDOW} where the windowed table goes; valid with the
 *     same meaning in both dialects
 */
record WindowView(String name, ViewDefinition.Stage stage, boolean emitOnWindowClose, WindowedTable window,
        String template) implements DifferentialView {
    static final String WINDOW = "{window}";

    WindowView {
        requireNonNull(name, "name is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(window, "window is null");
        requireNonNull(template, "template is null");
        if (!template.contains(WINDOW)) {
            throw new IllegalArgumentException("the query of " + name + " reads no window");
        }
    }

    /** A view that shows every window's current result. */
    static WindowView updating(String name, ViewDefinition.Stage stage, WindowedTable window, String template) {
        return new WindowView(name, stage, false, window, template);
    }

    /** An EMIT ON WINDOW CLOSE view. */
    static WindowView onWindowClose(String name, ViewDefinition.Stage stage, WindowedTable window, String template) {
        return new WindowView(name, stage, true, window, template);
    }

    /** The query in Freshet's dialect, with the window table function. */
    String freshetQuery() {
        return template.replace(WINDOW,
                window.freshetTable(EventTimeWorkload.TABLE, EventTimeWorkload.TIME_COLUMN));
    }

    /** The query in DuckDB's dialect, with the windows computed in plain SQL. */
    String oracleQuery() {
        return template.replace(WINDOW, window.oracleTable(EventTimeWorkload.TABLE, EventTimeWorkload.COLUMNS,
                EventTimeWorkload.TIME_COLUMN));
    }

    @Override
    public String freshetDdl() {
        return "CREATE MATERIALIZED VIEW " + name + " AS " + freshetQuery()
                + (emitOnWindowClose ? " EMIT ON WINDOW CLOSE" : "");
    }

    @Override
    public String oracleDdl() {
        return "CREATE VIEW " + name + " AS " + oracleQuery();
    }

    /** How the view emits, for failure messages. */
    @Override
    public String kindName() {
        return emitOnWindowClose ? "EMIT ON WINDOW CLOSE" : "updating";
    }
}
