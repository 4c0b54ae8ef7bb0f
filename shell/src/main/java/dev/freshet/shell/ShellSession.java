package dev.freshet.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * What one shell runs statements on: the connection, the display settings ({@code \timing},
 * {@code \x}), and the backslash commands. Output goes to {@code out}, errors to {@code err};
 * an error ends the statement, never the session.
 */
final class ShellSession {
    static final String HELP = """
            General
              \\q                quit
              \\?                this help
              \\i FILE           run the statements of FILE
            Display
              \\timing [on|off]  show how long each statement took
              \\x [on|off]       expanded display: one line per column
            Objects
              \\d                list tables, views, materialized views, sources and sinks
              \\d NAME           describe NAME's columns
              \\dt  \\dv  \\dm  \\ds  \\dk
                                list tables, views, materialized views, sources, sinks
            SUBSCRIBE TO mv; shows the view live, updated as its changes come, until Ctrl-C.
            End a statement with ';'. Ctrl-C cancels the running statement; Ctrl-D quits.
            """;

    private final Connection connection;
    private final PrintWriter out;
    private final ResultPrinter printer;
    private final ErrorPrinter errors;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    /** Set by Ctrl-C, for a SUBSCRIBE between its fetches. */
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    /** The terminal's height for SUBSCRIBE's live table; null in a script, which prints changes as lines. */
    private IntSupplier terminalHeight;
    private boolean timing;
    private boolean expanded;
    private boolean quit;
    private int failures;

    ShellSession(Connection connection, PrintWriter out, PrintWriter err) {
        this.connection = connection;
        this.out = out;
        this.printer = new ResultPrinter(out);
        this.errors = new ErrorPrinter(err);
    }

    /** True once {@code \q} was given. */
    boolean quit() {
        return quit;
    }

    /** How many statements failed so far. */
    int failures() {
        return failures;
    }

    /** Shows SUBSCRIBE as a live table on a terminal of this height (lines). */
    void liveDisplay(IntSupplier terminalHeight) {
        this.terminalHeight = terminalHeight;
    }

    /** Cancels the statement running now, if any (Ctrl-C): the server ends it, the session stays. */
    void cancelRunning() {
        stopRequested.set(true);
        Statement statement = running.get();
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                errors.print(e, null);
            }
        }
    }

    /** Runs one SQL statement and prints its result, its notices, or its error. */
    void execute(String sql) {
        stopRequested.set(false);
        if (SUBSCRIBE.matcher(withoutLeadingComments(sql)).lookingAt()) {
            subscribe(sql);
            return;
        }
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            running.set(statement);
            boolean hasRows = statement.execute(sql);
            printNotices(statement.getWarnings());
            while (true) {
                if (hasRows) {
                    try (ResultSet rows = statement.getResultSet()) {
                        printer.print(rows, expanded);
                    }
                } else if (statement.getUpdateCount() >= 0) {
                    out.println(commandTag(sql, statement.getUpdateCount()));
                } else {
                    break;
                }
                hasRows = statement.getMoreResults();
            }
        } catch (SQLException e) {
            failures++;
            out.flush();
            errors.print(e, sql);
        } finally {
            running.set(null);
        }
        if (timing) {
            out.printf(Locale.ROOT, "Time: %.3f ms%n", (System.nanoTime() - started) / 1e6);
        }
        out.flush();
    }

    private void subscribe(String sql) {
        try {
            new SubscriptionView(connection, out, terminalHeight, running, stopRequested).run(sql);
        } catch (SQLException e) {
            failures++;
            out.flush();
            errors.print(e, sql);
        }
    }

    /** Runs a backslash command (the line starts with {@code \}). */
    void meta(String line, StatementRunner runner) {
        String[] words = line.strip().split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "\\q" -> quit = true;
            case "\\?" -> out.print(HELP);
            case "\\timing" -> {
                timing = toggle(argument, timing);
                out.println("Timing is " + (timing ? "on." : "off."));
            }
            case "\\x" -> {
                expanded = toggle(argument, expanded);
                out.println("Expanded display is " + (expanded ? "on." : "off."));
            }
            case "\\dt" -> execute("SHOW TABLES");
            case "\\dv" -> execute("SHOW VIEWS");
            case "\\dm" -> execute("SHOW MATERIALIZED VIEWS");
            case "\\ds" -> execute("SHOW SOURCES");
            case "\\dk" -> execute("SHOW SINKS");
            case "\\d" -> {
                if (argument.isEmpty()) {
                    execute(RELATIONS);
                } else {
                    execute("DESCRIBE " + argument);
                }
            }
            case "\\i" -> include(argument, runner);
            default -> {
                failures++;
                errors.print(new SQLException("invalid command " + words[0] + "; try \\? for help"), null);
            }
        }
        out.flush();
    }

    private void include(String file, StatementRunner runner) {
        if (file.isEmpty()) {
            errors.print(new SQLException("\\i needs a file name"), null);
            return;
        }
        try {
            runner.run(Files.readAllLines(Path.of(file)));
        } catch (IOException e) {
            failures++;
            errors.print(new SQLException("cannot read " + file + ": " + e.getMessage()), null);
        }
    }

    /** Runs the lines of a script as the prompt would. */
    @FunctionalInterface
    interface StatementRunner {
        void run(List<String> lines);
    }

    private static final Pattern SUBSCRIBE = Pattern.compile("subscribe\\b", Pattern.CASE_INSENSITIVE);

    /** Every relation with its kind, as {@code \d} lists them. */
    private static final String RELATIONS = "SELECT n.nspname AS \"Schema\", c.relname AS \"Name\", "
            + "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
            + "WHEN 'f' THEN 'source' END AS \"Type\" FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
            + "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'f') "
            + "ORDER BY 2";

    private void printNotices(SQLWarning warning) {
        for (SQLWarning notice = warning; notice != null; notice = notice.getNextWarning()) {
            out.println("NOTICE:  " + notice.getMessage());
        }
    }

    private static boolean toggle(String argument, boolean current) {
        return switch (argument.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> !current;
        };
    }

    /** The statement without the comments before its first word. */
    private static String withoutLeadingComments(String sql) {
        String text = sql.strip();
        while (true) {
            if (text.startsWith("--")) {
                int newline = text.indexOf('\n');
                text = newline < 0 ? "" : text.substring(newline + 1).strip();
            } else if (text.startsWith("/*")) {
                int close = text.indexOf("*/");
                text = close < 0 ? "" : text.substring(close + 2).strip();
            } else {
                return text;
            }
        }
    }

    /** The command tag psql prints for a statement without rows: {@code INSERT 0 3}, {@code CREATE TABLE}. */
    private static String commandTag(String sql, int count) {
        List<String> words = new ArrayList<>(List.of(withoutLeadingComments(sql).split("\\s+")));
        String first = words.get(0).toUpperCase(Locale.ROOT);
        return switch (first) {
            case "INSERT" -> "INSERT 0 " + count;
            case "UPDATE", "DELETE" -> first + " " + count;
            case "CREATE", "DROP" -> {
                words.remove(0);
                words.removeIf(word -> List.of("OR", "REPLACE").contains(word.toUpperCase(Locale.ROOT)));
                String second = words.isEmpty() ? "" : words.get(0).toUpperCase(Locale.ROOT);
                if (second.equals("MATERIALIZED")) {
                    yield first + " MATERIALIZED VIEW";
                }
                yield second.isEmpty() ? first : first + " " + second;
            }
            default -> first;
        };
    }
}
