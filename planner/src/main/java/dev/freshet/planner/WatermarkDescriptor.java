package dev.freshet.planner;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A {@code WATERMARK FOR column AS expression [WITH (idle_timeout = ...)]} declaration.
 *
 * @param column the event-time column
 * @param expression the watermark expression as SQL text, e.g. {@code date_time - INTERVAL '4' SECOND}
 * @param idleTimeoutMillis how long the table may receive no row before its watermark advances with
 *     wall-clock time; 0 when it never does
 */
public record WatermarkDescriptor(String column, String expression, long idleTimeoutMillis) {
    /** The idle timeout of a declaration that names none: one minute. */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;

    public WatermarkDescriptor {
        requireNonNull(column, "column is null");
        requireNonNull(expression, "expression is null");
        if (idleTimeoutMillis < 0) {
            throw new IllegalArgumentException("idleTimeoutMillis is negative: " + idleTimeoutMillis);
        }
    }

    /** A declaration with the default idle timeout. */
    public WatermarkDescriptor(String column, String expression) {
        this(column, expression, DEFAULT_IDLE_TIMEOUT_MILLIS);
    }

    /**
     * Reads a stored declaration. Catalogs written before idle timeouts existed have no
     * {@code idleTimeoutMillis}; their tables get the default, as a table created without the
     * option does now.
     */
    @JsonCreator
    static WatermarkDescriptor decode(@JsonProperty("column") String column,
            @JsonProperty("expression") String expression, @JsonProperty("idleTimeoutMillis") Long idleTimeoutMillis) {
        return new WatermarkDescriptor(column, expression,
                idleTimeoutMillis == null ? DEFAULT_IDLE_TIMEOUT_MILLIS : idleTimeoutMillis);
    }

    /** A copy with another idle timeout. */
    public WatermarkDescriptor withIdleTimeoutMillis(long idleTimeoutMillis) {
        return new WatermarkDescriptor(column, expression, idleTimeoutMillis);
    }

    /** True when the watermark advances with wall-clock time while the table receives no row. */
    @JsonIgnore
    public boolean advancesWhenIdle() {
        return idleTimeoutMillis > 0;
    }
}
