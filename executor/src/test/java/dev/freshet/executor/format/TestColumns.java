package dev.freshet.executor.format;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;

/** Columns and record bytes for the format tests. */
final class TestColumns {
    /** One nullable column of each type, named for its type. */
    static final List<ColumnDescriptor> ALL_TYPES = List.of(
            nullable("b", DataType.of(DataType.Kind.BOOLEAN)),
            nullable("s", DataType.of(DataType.Kind.SMALLINT)),
            nullable("i", DataType.of(DataType.Kind.INTEGER)),
            nullable("l", DataType.of(DataType.Kind.BIGINT)),
            nullable("r", DataType.of(DataType.Kind.REAL)),
            nullable("d", DataType.of(DataType.Kind.DOUBLE)),
            nullable("n", DataType.decimal(10, 2)),
            nullable("v", DataType.of(DataType.Kind.VARCHAR)),
            nullable("bytes", DataType.of(DataType.Kind.BYTEA)),
            nullable("day", DataType.of(DataType.Kind.DATE)),
            nullable("tod", DataType.of(DataType.Kind.TIME)),
            nullable("ts", DataType.of(DataType.Kind.TIMESTAMP)),
            nullable("tstz", DataType.of(DataType.Kind.TIMESTAMPTZ)),
            nullable("span", DataType.of(DataType.Kind.INTERVAL)));

    private TestColumns() {
    }

    static ColumnDescriptor nullable(String name, DataType type) {
        return new ColumnDescriptor(name, type, true, null);
    }

    static ColumnDescriptor nullable(String name, DataType.Kind kind) {
        return nullable(name, DataType.of(kind));
    }

    static ColumnDescriptor notNull(String name, DataType type) {
        return new ColumnDescriptor(name, type, false, null);
    }

    static ColumnDescriptor notNull(String name, DataType.Kind kind) {
        return notNull(name, DataType.of(kind));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
