package dev.freshet.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the lines a person types into whole statements: a statement ends at a {@code ;} that
 * is outside quotes ({@code '...'}, {@code "..."}, {@code $$...$$}) and comments
 * ({@code -- ...}, {@code /* ... * /}). What follows the last {@code ;} waits for more lines.
 */
final class StatementBuffer {
    private final StringBuilder pending = new StringBuilder();

    /** Adds a line; returns the statements it completed, without their {@code ;}. */
    List<String> add(String line) {
        if (!pending.isEmpty()) {
            pending.append('\n');
        }
        pending.append(line);
        List<String> statements = new ArrayList<>();
        int start = 0;
        int end;
        while ((end = statementEnd(pending, start)) >= 0) {
            String statement = pending.substring(start, end).strip();
            if (!statement.isEmpty()) {
                statements.add(statement);
            }
            start = end + 1;
        }
        pending.delete(0, start);
        if (pending.toString().isBlank()) {
            pending.setLength(0);
        }
        return statements;
    }

    /** True while a statement has begun but not ended. */
    boolean isPending() {
        return !pending.isEmpty();
    }

    /** The text of the statement begun so far. */
    String pending() {
        return pending.toString();
    }

    void clear() {
        pending.setLength(0);
    }

    /** The index of the {@code ;} ending the statement starting at {@code from}, or -1. */
    static int statementEnd(CharSequence text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = closing(text, i + 1, c);
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                int close = indexOf(text, "$$", i + 2);
                i = close < 0 ? text.length() : close + 2;
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                int newline = indexOf(text, "\n", i);
                i = newline < 0 ? text.length() : newline + 1;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int close = indexOf(text, "*/", i + 2);
                i = close < 0 ? text.length() : close + 2;
            } else if (c == ';') {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The index after the quote closing one opened before {@code from}; doubled quotes stay inside. */
    private static int closing(CharSequence text, int from, char quote) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static int indexOf(CharSequence text, String needle, int from) {
        return text.toString().indexOf(needle, from);
    }
}
