package dev.freshet.storage;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/** The physical types of a row's columns, in order. Every column may hold null. */
public final class RowSchema {
    private final List<ValueType> types;

    public RowSchema(List<ValueType> types) {
        this.types = List.copyOf(requireNonNull(types, "types is null"));
    }

    public static RowSchema of(ValueType... types) {
        return new RowSchema(Arrays.asList(types));
    }

    public List<ValueType> types() {
        return types;
    }

    public ValueType type(int column) {
        return types.get(column);
    }

    public int size() {
        return types.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowSchema && ((RowSchema) other).types.equals(types);
    }

    @Override
    public int hashCode() {
        return types.hashCode();
    }

    @Override
    public String toString() {
        return "RowSchema" + types;
    }
}
