package dev.freshet.server.catalog;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the rows of one system table, filling columns by name and converting each value to
 * the Java class Calcite expects for the column's type (Long for OIDs, Short for int2, …), so that
 * row code reads like the PostgreSQL documentation and cannot put a value in the wrong place.
 */
final class SystemRows {
    private final SystemTableDefinition definition;
    private final List<Object[]> rows = new ArrayList<>();

    SystemRows(SystemTableDefinition definition) {
        this.definition = requireNonNull(definition, "definition is null");
    }

    /** Starts a new row; columns not set stay NULL. */
    Row add() {
        Object[] values = new Object[definition.columns().size()];
        rows.add(values);
        return new Row(values);
    }

    List<Object[]> rows() {
        return rows;
    }

    /** One row being filled. */
    final class Row {
        private final Object[] values;

        private Row(Object[] values) {
            this.values = values;
        }

        Row set(String column, Object value) {
            int index = definition.columnIndex(column);
            values[index] = value == null ? null : convert(definition.columns().get(index), value);
            return this;
        }

        private Object convert(SystemColumn column, Object value) {
            switch (column.type().calciteType()) {
                case BIGINT:
                    return ((Number) value).longValue();
                case INTEGER:
                    return ((Number) value).intValue();
                case SMALLINT:
                    return ((Number) value).shortValue();
                case REAL:
                    return ((Number) value).floatValue();
                case DOUBLE:
                    return ((Number) value).doubleValue();
                case DECIMAL:
                    return value instanceof BigDecimal ? value : new BigDecimal(value.toString());
                case VARCHAR:
                    return value.toString();
                case BOOLEAN:
                    return (Boolean) value;
                default:
                    return value;
            }
        }
    }
}
