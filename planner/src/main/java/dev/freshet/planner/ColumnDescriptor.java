package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

/**
 * One column of a table or view.
 *
 * @param name the column name, as folded by the parser (lower case unless it was quoted)
 * @param type the column's type
 * @param nullable false when the column was declared NOT NULL or is part of the primary key
 * @param defaultExpression the DEFAULT expression as SQL text, or null when the column has none
 */
public record ColumnDescriptor(String name, DataType type, boolean nullable, String defaultExpression) {
    public ColumnDescriptor {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
