package dev.freshet.storage;

import java.math.BigDecimal;

/**
 * The physical types storage encodes. Storage knows no SQL: the planner maps each SQL type onto
 * one of these (DATE to {@link #INT32} days, TIME to {@link #INT32} milliseconds, TIMESTAMP to
 * {@link #INT64} milliseconds, and so on).
 */
public enum ValueType {
    BOOLEAN(Boolean.class),
    INT16(Short.class),
    INT32(Integer.class),
    INT64(Long.class),
    FLOAT32(Float.class),
    FLOAT64(Double.class),
    DECIMAL(BigDecimal.class),
    STRING(String.class),
    BYTES(byte[].class);

    private final Class<?> javaClass;

    ValueType(Class<?> javaClass) {
        this.javaClass = javaClass;
    }

    /** The class every non-null value of this type must have. */
    public Class<?> javaClass() {
        return javaClass;
    }
}
