package dev.freshet.parser;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a script: its text (without the terminating semicolon and without leading or trailing
 * blanks and comments) and the 0-based offset of its first character in the whole script.
 */
public record StatementText(String text, int offset) {
    public StatementText {
        requireNonNull(text, "text is null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
    }
}
