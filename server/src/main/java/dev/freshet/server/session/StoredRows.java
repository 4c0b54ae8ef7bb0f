package dev.freshet.server.session;

import java.math.BigDecimal;
import java.math.RoundingMode;







import java.util.StringJoiner;

import org.apache.calcite.avatica.util.ByteString;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.executor.RowText;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;
import dev.freshet.planner.TableDescriptor;

/**
 * The checks a row passes on its way into a table, and its conversion between the stored form
 * and the form plans use (the layout itself is {@link dev.freshet.executor.TableStorage}'s).
 */
final class StoredRows {
    private StoredRows() {
    }

    /** A stored row as plans see it: BYTEA values become ByteStrings. */
    static Object[] toPlan(TableDescriptor table, Object[] stored) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (stored[i] instanceof byte[] bytes) {
                stored[i] = new ByteString(bytes);
            }
        }
        return stored;
    }

    /**
     * A row computed by a plan, checked against the table's constraints and converted for storage.
     *
     * @param values the table's columns in Calcite's representation
     * @param rowId the hidden row id for a table without primary key; ignored otherwise
     * @throws FreshetException {@code NOT_NULL_VIOLATION}, {@code STRING_DATA_RIGHT_TRUNCATION},
     *     {@code NUMERIC_VALUE_OUT_OF_RANGE}
     */
    static Object[] toStored(TableDescriptor table, Object[] values, long rowId) {
        int width = table.columns().size();
        Object[] stored = new Object[width + (table.hasHiddenRowId() ? 1 : 0)];
        for (int i = 0; i < width; i++) {
            ColumnDescriptor column = table.columns().get(i);
            Object value = values[i];
            if (value == null) {
                if (!column.nullable()) {
                    throw new FreshetException(ErrorCode.NOT_NULL_VIOLATION, "null value in column \"" + column.name()
                            + "\" of relation \"" + table.name() + "\" violates not-null constraint")
                            .withDetail("Failing row contains " + describeRow(table, values) + ".");
                }
                continue;
            }
            stored[i] = storedValue(table, column, value);
        }
        if (table.hasHiddenRowId()) {
            stored[width] = rowId;
        }
        return stored;
    }

    private static Object storedValue(TableDescriptor table, ColumnDescriptor column, Object value) {
        DataType type = column.type();
        switch (type.kind()) {
            case VARCHAR: {
                String text = value.toString();
                if (type.precision() >= 0 && text.codePointCount(0, text.length()) > type.precision()) {
                    throw new FreshetException(ErrorCode.STRING_DATA_RIGHT_TRUNCATION,
                            "value too long for type character varying(" + type.precision() + ")")
                            .withDetail("Column \"" + column.name() + "\" of relation \"" + table.name() + "\".");
                }
                return text;
            }
            case DECIMAL:
                return decimal(column, (BigDecimal) value);
            case BYTEA:
                return value instanceof ByteString bytes ? bytes.getBytes() : value;
            case SMALLINT:
                return ((Number) value).shortValue();
            case INTEGER:
            case DATE:
            case TIME:
                return ((Number) value).intValue();
            case BIGINT:
            case TIMESTAMP:
            case TIMESTAMPTZ:
            case INTERVAL:
                return ((Number) value).longValue();
            case REAL:
                return ((Number) value).floatValue();
            case DOUBLE:
                return ((Number) value).doubleValue();
            case BOOLEAN:
                return value;
        }
        throw new IllegalStateException("unknown type " + type);
    }

    private static BigDecimal decimal(ColumnDescriptor column, BigDecimal value) {
        DataType type = column.type();
        if (type.precision() < 0) {
            // Unconstrained NUMERIC is planned with a fixed scale; keep only the digits that carry value.
            BigDecimal stripped = value.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
        BigDecimal scaled = value.setScale(Math.max(type.scale(), 0), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > type.precision() - Math.max(type.scale(), 0)) {
            throw new FreshetException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                    .withDetail("A field with precision " + type.precision() + ", scale " + Math.max(type.scale(), 0)
                            + " must round to an absolute value less than 10^"
                            + (type.precision() - Math.max(type.scale(), 0)) + ".");
        }
        return scaled;
    }

    /** The key columns of a stored row, for error messages: {@code (id)=(1)}. */
    static String describeKey(TableDescriptor table, Object[] stored) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (int index : table.primaryKey()) {
            names.add(table.columns().get(index).name());
            values.add(display(table.columns().get(index).type(), stored[index]));
        }
        return names + "=" + values;
    }

    /** A row's values as text, for late-row records and messages: {@code (1, abc, 2024-01-01 00:00:01)}. */
    static String describeRow(TableDescriptor table, Object[] values) {
        return RowText.row(table.columns(), values);
    }

    /** A TIMESTAMP value (milliseconds since the epoch) as text: {@code 2024-01-01 00:00:01}. */
    static String describeTimestamp(long millis) {
        return RowText.timestamp(millis);
    }

    private static String display(DataType type, Object value) {
        return RowText.value(type, value);
    }
}
