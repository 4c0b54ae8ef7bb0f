package dev.freshet.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell's command line, psql's where they overlap: {@code -h host -p port -U user -d database
 * [-c sql] [-f file]}, or {@code --embedded [--data-dir dir]} to run a server inside the shell.
 *
 * @param host the server's host
 * @param port the server's port
 * @param user the user name
 * @param database the database
 * @param commands the {@code -c} statements, run in order instead of the prompt
 * @param file the {@code -f} script, or null
 * @param embedded whether to start a server in the shell's own process
 * @param dataDirectory the embedded server's data directory
 * @param help whether {@code --help} was asked for
 */
record ShellOptions(String host, int port, String user, String database, List<String> commands, Path file,
        boolean embedded, Path dataDirectory, boolean help) {
    static final String USAGE = """
            Usage: freshet shell [options]

              -h, --host HOST       server host (default 127.0.0.1)
              -p, --port PORT       server port (default 5433)
              -U, --username USER   user name (default freshet)
              -d, --dbname NAME     database (default freshet)
              -c, --command SQL     run SQL (or a backslash command) and exit; may be repeated
              -f, --file FILE       run the statements of FILE and exit
              --embedded            start a Freshet server inside the shell instead of connecting
              --data-dir DIR        the embedded server's data directory (default ./freshet-data)
              --help                show this help

            At the prompt, end a statement with ';'. Type \\? for the backslash commands.
            """;

    ShellOptions {
        commands = List.copyOf(commands);
    }

    /**
     * Reads the arguments.
     *
     * @throws IllegalArgumentException naming the argument at fault
     */
    static ShellOptions parse(String[] args) {
        String host = "127.0.0.1";
        int port = 5433;
        String user = "freshet";
        String database = "freshet";
        List<String> commands = new ArrayList<>();
        Path file = null;
        boolean embedded = false;
        Path dataDirectory = Path.of("freshet-data");
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--host" -> host = value(args, ++i, arg);
                case "-p", "--port" -> port = port(value(args, ++i, arg));
                case "-U", "--username" -> user = value(args, ++i, arg);
                case "-d", "--dbname" -> database = value(args, ++i, arg);
                case "-c", "--command" -> commands.add(value(args, ++i, arg));
                case "-f", "--file" -> file = Path.of(value(args, ++i, arg));
                case "--embedded" -> embedded = true;
                case "--data-dir" -> dataDirectory = Path.of(value(args, ++i, arg));
                case "--help", "-?" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "' (see --help)");
            }
        }
        return new ShellOptions(host, port, user, database, commands, file, embedded, dataDirectory, help);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number from 1 to 65535, not '" + text + "'");
        }
    }

    /** The JDBC URL of the server. */
    String jdbcUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
