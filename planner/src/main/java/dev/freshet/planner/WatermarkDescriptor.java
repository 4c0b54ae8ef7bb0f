package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

/**
 * A {@code WATERMARK FOR column AS expression} declaration.
 *
 * @param column the event-time column
 * @param expression the watermark expression as SQL text, e.g. {@code date_time - INTERVAL '4' SECOND}
 */
public record WatermarkDescriptor(String column, String expression) {
    public WatermarkDescriptor {
        requireNonNull(column, "column is null");
        requireNonNull(expression, "expression is null");
    }
}
