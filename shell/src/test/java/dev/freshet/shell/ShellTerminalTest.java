package dev.freshet.shell;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell at a real terminal: tmux runs it in a pseudo-terminal, and the test types into it as
 * a person would (send-keys) and reads the screen (capture-pane). Skipped where tmux is missing.
 */
class ShellTerminalTest {
    private static final String SESSION = "freshet-shell-test-" + ProcessHandle.current().pid();

    @TempDir
    Path home;

    @AfterEach
    void stopTmux() throws Exception {
        run("tmux", "kill-session", "-t", SESSION);
    }

    @Test
    void shouldTakeMultiLineStatementsCompleteKeywordsSurviveErrorsAndKeepHistory() throws Exception {
        assumeTrue(run("tmux", "-V") == 0, "tmux is not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String shell = String.join(" ", java, "-Duser.home=" + home, "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), FreshetShell.class.getName(), "--embedded", "--data-dir",
                home.resolve("data").toString());
        assertThat(run("tmux", "new-session", "-d", "-s", SESSION, "-x", "150", "-y", "50", shell)).isZero();
        awaitScreen("freshet=>");

        type("CREATE TABLE t (id INT PRIMARY KEY,", "Enter");
        awaitScreen("freshet->");
        type("name VARCHAR);", "Enter");
        awaitScreen("CREATE TABLE");
        type("INSERT INTO t VALUES (1, 'one'), (2, 'two');", "Enter");
        awaitScreen("INSERT 0 2");

        // Tab completes the name of an object created after the shell started.
        type("CREATE TABLE zebra_facts (stripes INT);", "Enter");
        awaitScreen("freshet=> CREATE TABLE zebra_facts");
        awaitPrompt();
        type("\\d zeb", "Tab");
        awaitScreen("\\d zebra_facts");
        type("Enter");
        awaitScreen(" stripes | integer");

        // Tab completes a keyword.
        type("SHO", "Tab");
        awaitScreen("freshet=> SHOW");
        type(" TABLES;", "Enter");
        awaitScreen("(1 row)");

        type("SELECT nope FROM t;", "Enter");
        awaitScreen("ERROR:  column \"nope\" does not exist (SQLSTATE 42703)");
        assertThat(screen()).contains("LINE 1: SELECT nope FROM t", "               ^");

        // Ctrl-C at the prompt drops the statement begun, not the shell.
        type("SELECT", "Enter");
        awaitScreen("freshet->");
        type("C-c");
        awaitPrompt();
        type("SELECT name FROM t ORDER BY id;", "Enter");
        awaitScreen(" two");

        // Ctrl-C while a statement runs cancels it on the server (a CancelRequest); the shell stays.
        type("CREATE SOURCE endless WITH (connector = 'nexmark', \"nexmark.table\" = 'bid', "
                + "\"nexmark.events\" = 5000000000, \"nexmark.rate\" = 0);", "Enter");
        awaitScreen("CREATE SOURCE");
        type("CREATE MATERIALIZED VIEW slow AS SELECT COUNT(*) AS n FROM endless;", "Enter");
        awaitScreen("CREATE MATERIALIZED VIEW");
        type("FLUSH;", "Enter");
        Thread.sleep(1_000);
        type("C-c");
        awaitScreen("canceling statement due to user request (SQLSTATE 57014)");
        awaitPrompt();

        type("\\q", "Enter");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run("tmux", "has-session", "-t", SESSION) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(run("tmux", "has-session", "-t", SESSION)).as("the shell ended at \\q; the screen:%n%s",
                run("tmux", "has-session", "-t", SESSION) == 0 ? screen() : "").isNotZero();
        assertThat(Files.readString(home.resolve(".freshet_history"), UTF_8)).contains("INSERT INTO t VALUES");
    }

    @Test
    void shouldShowSubscribeAsALiveTableUntilCtrlC() throws Exception {
        assumeTrue(run("tmux", "-V") == 0, "tmux is not installed");
        try (PageClicksServer server = PageClicksServer.start(home.resolve("server"))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String shell = String.join(" ", java, "-Duser.home=" + home, "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), FreshetShell.class.getName(), "-p",
                    Integer.toString(server.port()));
            assertThat(run("tmux", "new-session", "-d", "-s", SESSION, "-x", "120", "-y", "30", shell)).isZero();
            awaitScreen("freshet=>");

            type("SUBSCRIBE TO page_counts;", "Enter");
            awaitScreen("SUBSCRIBE TO page_counts (epoch");
            awaitScreen(" home | 1");
            server.click("home", "about");
            awaitScreen(" about | 1");
            awaitScreen(" home  | 2");
            assertThat(screen()).contains("2 rows, updated");

            type("C-c");
            awaitScreen("SUBSCRIBE stopped: 4 changes in 2 epochs.");
            awaitPrompt();
            type("SELECT COUNT(*) AS clicks FROM clicks;", "Enter");
            awaitScreen("(1 row)");
        }
    }

    private void type(String... keys) throws Exception {
        // Literal text and key names in separate calls: tmux reads "Enter" in -l text as letters.
        for (String key : keys) {
            boolean named = key.equals("Enter") || key.equals("Tab") || key.startsWith("C-");
            // tmux takes a ';' that ends an argument as the end of its command, unless escaped.
            String text = key.endsWith(";") ? key.substring(0, key.length() - 1) + "\\;" : key;
            assertThat(named ? run("tmux", "send-keys", "-t", SESSION, key)
                    : run("tmux", "send-keys", "-t", SESSION, "-l", text)).isZero();
        }
    }

    private void awaitScreen(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = screen();
            if (screen.contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed \"" + text + "\":\n" + screen);
    }

    /** Waits until the screen's last line is a fresh prompt. */
    private void awaitPrompt() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = screen().stripTrailing();
            if (screen.endsWith("freshet=>")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no fresh prompt:\n" + screen);
    }

    private String screen() throws IOException, InterruptedException {
        Process capture = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", SESSION, "-S", "-200")
                .redirectErrorStream(true).start();
        String text = new String(capture.getInputStream().readAllBytes(), UTF_8);
        capture.waitFor();
        return text;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
