package dev.freshet.shell;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * {@code SUBSCRIBE} at the shell, read through a cursor ({@code DECLARE ... CURSOR WITH HOLD FOR
 * SUBSCRIBE ...}, then {@code FETCH ALL ... WITH (timeout = '1s')} in a loop), until Ctrl-C.
 *
 * <p>At a terminal it is a live table: the view's current rows, folded from the snapshot and each
 * epoch's changes, redrawn as epochs arrive, the rows the last epoch changed in bold. In a script
 * ({@code -c}, {@code -f}, a pipe) each change is printed as a line as it arrives:
 * {@code epoch | diff | columns}.
 */
final class SubscriptionView {
    private static final String CURSOR = "freshet_shell_subscription";
    private static final String BOLD = "\033[1m";
    private static final String PLAIN = "\033[0m";
    private static final String CLEAR_SCREEN = "\033[H\033[2J";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Connection connection;
    private final PrintWriter out;
    /** The terminal's height in lines, or null for a script. */
    private final IntSupplier terminalHeight;
    private final AtomicReference<Statement> running;
    private final AtomicBoolean stopRequested;

    private List<String> names;
    private boolean[] numeric;
    private TreeMap<String[], Long> rows;
    private long epoch = -1;
    private long epochs;
    private long changes;

    SubscriptionView(Connection connection, PrintWriter out, IntSupplier terminalHeight,
            AtomicReference<Statement> running, AtomicBoolean stopRequested) {
        this.connection = connection;
        this.out = out;
        this.terminalHeight = terminalHeight;
        this.running = running;
        this.stopRequested = stopRequested;
    }

    /** Runs the SUBSCRIBE statement until Ctrl-C; an error other than the cancel is thrown. */
    void run(String subscribe) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            running.set(statement);
            statement.execute("DECLARE " + CURSOR + " CURSOR WITH HOLD FOR " + subscribe);
            try {
                while (!stopRequested.get()) {
                    try (ResultSet fetched = statement.executeQuery("FETCH ALL " + CURSOR + " WITH (timeout = '1s')")) {
                        take(fetched, subscribe);
                    }
                }
            } catch (SQLException e) {
                if (!"57014".equals(e.getSQLState())) {
                    throw e;
                }
            } finally {
                running.set(null);
                statement.execute("CLOSE " + CURSOR);
            }
        }
        out.println();
        out.printf("SUBSCRIBE stopped: %d %s in %d %s.%n", changes, changes == 1 ? "change" : "changes", epochs,
                epochs == 1 ? "epoch" : "epochs");
        out.flush();
    }

    private void take(ResultSet fetched, String subscribe) throws SQLException {
        if (names == null) {
            start(fetched.getMetaData());
            if (terminalHeight == null) {
                out.println(String.join(" | ", ResultPrinter.names(fetched.getMetaData())));
                out.flush();
            } else {
                redraw(subscribe, Set.of());
            }
        }
        Set<String[]> changed = new TreeSet<>(rows.comparator());
        boolean any = false;
        while (fetched.next()) {
            any = true;
            long changeEpoch = fetched.getLong(1);
            long diff = fetched.getLong(2);
            String[] row = new String[names.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = fetched.getString(i + 3);
            }
            if (changeEpoch != epoch) {
                epoch = changeEpoch;
                epochs++;
                changed.clear();
            }
            changes++;
            if (terminalHeight == null) {
                out.println(changeEpoch + " | " + diff + " | " + String.join(" | ", Arrays.stream(row)
                        .map(value -> value == null ? "" : value).toList()));
                continue;
            }
            long count = rows.getOrDefault(row, 0L) + diff;
            if (count <= 0) {
                rows.remove(row);
            } else {
                rows.put(row, count);
                if (epochs > 1) {
                    // The snapshot is not news: only later epochs' rows are shown in bold.
                    changed.add(row);
                }
            }
        }
        if (any) {
            if (terminalHeight == null) {
                out.flush();
            } else {
                redraw(subscribe, changed);
            }
        }
    }

    private void start(ResultSetMetaData meta) throws SQLException {
        List<String> all = ResultPrinter.names(meta);
        boolean[] allNumeric = ResultPrinter.numericColumns(meta);
        names = all.subList(2, all.size());
        numeric = Arrays.copyOfRange(allNumeric, 2, allNumeric.length);
        rows = new TreeMap<>(rowOrder(numeric));
    }

    /** Clears the screen and draws the view's rows, as many as fit. */
    private void redraw(String subscribe, Set<String[]> changed) {
        List<String[]> values = new ArrayList<>();
        List<Boolean> bold = new ArrayList<>();
        for (Map.Entry<String[], Long> row : rows.entrySet()) {
            for (long copy = 0; copy < row.getValue(); copy++) {
                values.add(row.getKey());
                bold.add(changed.contains(row.getKey()));
            }
        }
        List<String> lines = ResultPrinter.alignedLines(names, numeric, values);
        // Room for the table under the title, above the last line; a terminal of unknown height shows all.
        int height = terminalHeight.getAsInt();
        int room = height > 6 ? height - 3 : Integer.MAX_VALUE;
        out.print(CLEAR_SCREEN);
        out.printf("%s%s%s (epoch %s, %d rows, updated %s). Ctrl-C to stop.%n", BOLD, subscribe, PLAIN,
                epoch < 0 ? "-" : Long.toString(epoch), values.size(), LocalTime.now().format(CLOCK));
        for (int i = 0; i < lines.size() && i < room; i++) {
            boolean highlighted = i >= 2 && bold.get(i - 2);
            out.println(highlighted ? BOLD + lines.get(i) + PLAIN : lines.get(i));
        }
        if (lines.size() > room) {
            out.printf("... %d more rows%n", lines.size() - room);
        }
        out.flush();
    }

    /** Rows in order of their columns, numbers by value, NULL first. */
    private static Comparator<String[]> rowOrder(boolean[] numeric) {
        return (a, b) -> {
            for (int i = 0; i < a.length; i++) {
                int order = compare(a[i], b[i], numeric[i]);
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        };
    }

    private static int compare(String a, String b, boolean numeric) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (numeric) {
            try {
                return new BigDecimal(a).compareTo(new BigDecimal(b));
            } catch (NumberFormatException e) {
                // NaN and Infinity: compare as text.
            }
        }
        return a.compareTo(b);
    }
}
