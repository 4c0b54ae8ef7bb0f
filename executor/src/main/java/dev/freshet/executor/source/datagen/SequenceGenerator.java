package dev.freshet.executor.source.datagen;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import dev.freshet.planner.DataType;

/**
 * A sequence column: row {@code n} has {@code start + n}, so values are unique however the rows
 * are split among workers, and the sequence has {@code end - start + 1} rows in all.
 *
 * @param type the column's type: SMALLINT, INTEGER, BIGINT or DECIMAL
 * @param start the value of row 0
 * @param end the last value, inclusive, at least {@code start}
 */
record SequenceGenerator(DataType type, long start, long end) implements FieldGenerator {
    SequenceGenerator {
        requireNonNull(type, "type is null");
        if (end < start) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
    }

    /** How many rows the sequence has; {@link Long#MAX_VALUE} when more than that. */
    long length() {
        long span = end - start;
        // end - start overflows only past Long.MAX_VALUE, where the sign flips.
        if (span < 0 || span == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return span + 1;
    }

    @Override
    public Object generate(long row, SplittableRandom random, long nowMillis) {
        long value = start + row;
        return switch (type.kind()) {
            case SMALLINT -> (short) value;
            case INTEGER -> (int) value;
            case BIGINT -> value;
            case DECIMAL -> BigDecimal.valueOf(value).setScale(Math.max(type.scale(), 0));
            default -> throw new IllegalStateException("no sequence of type " + type.kind());
        };
    }
}
