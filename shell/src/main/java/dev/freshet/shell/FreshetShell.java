package dev.freshet.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code ./freshet shell}: Freshet's interactive shell, a psql-like prompt over pgjdbc. With
 * {@code -c} or {@code -f} it runs those statements and exits (status 1 if any failed); otherwise
 * it reads statements ended by {@code ;} at a prompt with history and completion of keywords and
 * object names. {@code --embedded} starts a server inside the shell on a data directory.
 */
public final class FreshetShell {
    private FreshetShell() {
    }

    public static void main(String[] args) throws Exception {
        ShellOptions options;
        try {
            options = ShellOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("freshet shell: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(ShellOptions.USAGE);
            return;
        }
        System.exit(run(options));
    }

    /** Runs the shell; returns the exit status. */
    static int run(ShellOptions options) throws IOException {
        EmbeddedServer embedded = null;
        String host = options.host();
        int port = options.port();
        if (options.embedded()) {
            embedded = EmbeddedServer.start(options.dataDirectory());
            host = "127.0.0.1";
            port = embedded.port();
        }
        try (Connection connection = connect(options.jdbcUrl(host, port), options.user())) {
            PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
            PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
            ShellSession session = new ShellSession(connection, out, err);
            if (!options.commands().isEmpty() || options.file() != null) {
                for (String command : options.commands()) {
                    runLines(session, List.of(command.strip().endsWith(";") || command.startsWith("\\") ? command
                            : command + ";"));
                }
                if (options.file() != null) {
                    runLines(session, Files.readAllLines(options.file()));
                }
                return session.failures() == 0 ? 0 : 1;
            }
            interactive(session, connection, embedded == null ? host + ":" + port
                    : "an embedded server on " + options.dataDirectory().toAbsolutePath(), embedded == null ? null
                    : "Other clients reach it at 127.0.0.1:" + port + " (psql -h 127.0.0.1 -p " + port
                            + " -U freshet freshet).");
            return 0;
        } catch (SQLException e) {
            System.err.println("freshet shell: cannot connect to " + host + ":" + port + ": " + e.getMessage());
            System.err.println("Is the server running? Start one with './freshet server', or use --embedded.");
            return 2;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static Connection connect(String url, String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("ApplicationName", "freshet shell");
        return DriverManager.getConnection(url, properties);
    }

    /** Runs the statements and backslash commands of some lines, as the prompt would. */
    static void runLines(ShellSession session, List<String> lines) {
        StatementBuffer buffer = new StatementBuffer();
        for (String line : lines) {
            if (session.quit()) {
                return;
            }
            if (!buffer.isPending() && line.strip().startsWith("\\")) {
                session.meta(line, included -> runLines(session, included));
                continue;
            }
            for (String statement : buffer.add(line)) {
                session.execute(statement);
            }
        }
        if (buffer.isPending() && !buffer.pending().isBlank()) {
            session.execute(buffer.pending());
        }
    }

    /** @param note a line to print after the greeting, or null */
    private static void interactive(ShellSession session, Connection connection, String where, String note)
            throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Path history = Path.of(System.getProperty("user.home"), ".freshet_history");
            // SQL's own quoting applies: no backslash escapes (\d is a command) and no '!' history
            // expansion (!= is an operator).
            DefaultParser parser = new DefaultParser();
            parser.setEscapeChars(null);
            CatalogCompleter completer = new CatalogCompleter(connection);
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(parser)
                    .completer(completer)
                    .variable(LineReader.HISTORY_FILE, history)
                    .option(LineReader.Option.CASE_INSENSITIVE, true)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            terminal.handle(Terminal.Signal.INT, signal -> session.cancelRunning());
            session.liveDisplay(terminal::getHeight);
            PrintWriter out = terminal.writer();
            out.println("Freshet shell, connected to " + where + ". Type \\? for help, \\q to quit.");
            if (note != null) {
                out.println(note);
            }
            StatementBuffer buffer = new StatementBuffer();
            while (!session.quit()) {
                String line;
                try {
                    line = reader.readLine(buffer.isPending() ? "freshet-> " : "freshet=> ");
                } catch (UserInterruptException e) {
                    // Ctrl-C at the prompt drops the statement being typed, as in psql.
                    buffer.clear();
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (!buffer.isPending() && line.strip().startsWith("\\")) {
                    session.meta(line, lines -> runLines(session, lines));
                    continue;
                }
                for (String statement : buffer.add(line)) {
                    session.execute(statement);
                    completer.afterStatement(statement);
                }
            }
            reader.getHistory().save();
        }
    }
}
