package dev.freshet.tests.differential;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a differential run sent, as a script: every statement and check in order, in a file kept
 * after the run (each line is flushed at once, so the file is whole even when the test dies), and
 * the last few transactions, which failure messages show.
 */
final class Transcript implements AutoCloseable {
    private final BufferedWriter writer;
    private final int recentTransactionsKept;
    private final Deque<String> recentTransactions = new ArrayDeque<>();

    private Transcript(BufferedWriter writer, int recentTransactionsKept) {
        this.writer = writer;
        this.recentTransactionsKept = recentTransactionsKept;
    }

    /** A new transcript in {@code file}, replacing an earlier one, keeping the last {@code recentTransactionsKept}. */
    static Transcript open(Path file, int recentTransactionsKept) throws IOException {
        requireNonNull(file, "file is null");
        if (recentTransactionsKept < 1) {
            throw new IllegalArgumentException("recentTransactionsKept must be positive: " + recentTransactionsKept);
        }
        return new Transcript(Files.newBufferedWriter(file, UTF_8), recentTransactionsKept);
    }

    /** Appends {@code text} and a line break: a statement with its semicolon, or a {@code --} comment. */
    void record(String text) throws IOException {
        writer.write(text);
        writer.write('\n');
        writer.flush();
    }

    /** Appends a transaction's script and remembers it among the recent ones. */
    void recordTransaction(String script) throws IOException {
        record(script);
        recentTransactions.addLast(script);
        while (recentTransactions.size() > recentTransactionsKept) {
            recentTransactions.removeFirst();
        }
    }

    /** The scripts of the last transactions recorded, oldest first; empty before the first. */
    String recentTransactions() {
        return String.join("", recentTransactions);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
