package dev.freshet.parser;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.sql.SqlNode;

/** One parsed statement of a script, with its text and 0-based offset in the whole script. */
public record ParsedStatement(SqlNode node, String text, int offset) {
    public ParsedStatement {
        requireNonNull(node, "node is null");
        requireNonNull(text, "text is null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
    }
}
