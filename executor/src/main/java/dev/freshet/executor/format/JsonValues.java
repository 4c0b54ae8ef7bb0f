package dev.freshet.executor.format;

import static java.lang.String.format;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a column's value from a JSON value. A JSON string is read in the column type's text form
 * (see {@link TextValues}), so {@code "42"} fills a BIGINT as {@code 42} does; a JSON number fills
 * a numeric column, and also a DATE (days since 1970-01-01), TIME (milliseconds of the day),
 * TIMESTAMP or TIMESTAMPTZ (epoch milliseconds) or INTERVAL (milliseconds); any JSON value fills
 * a VARCHAR, as its JSON text unless it is a string.
 */
final class JsonValues {
    private JsonValues() {
    }

    /** The value of {@code node}, or NULL for a JSON null or a missing field ({@code node} null). */
    static Object read(ColumnValues column, JsonNode node) throws BadRecordException {
        if (node == null || node.isNull()) {
            return column.nullValue();
        }
        if (node.isTextual()) {
            return TextValues.parse(column, node.textValue());
        }
        return switch (column.kind()) {
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw wrongType(column, node);
                }
                yield node.booleanValue();
            }
            case SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL ->
                    column.integral(number(column, node).decimalValue());
            case REAL, DOUBLE -> column.floating(number(column, node).decimalValue());
            case DECIMAL -> column.decimal(number(column, node).decimalValue());
            case VARCHAR -> column.varchar(node.toString());
            case BYTEA -> throw wrongType(column, node);
        };
    }

    private static JsonNode number(ColumnValues column, JsonNode node) throws BadRecordException {
        if (!node.isNumber()) {
            throw wrongType(column, node);
        }
        return node;
    }

    private static BadRecordException wrongType(ColumnValues column, JsonNode node) {
        return column.bad(format("%s is a JSON %s, which this column does not take", ColumnValues.shown(node),
                node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
}
