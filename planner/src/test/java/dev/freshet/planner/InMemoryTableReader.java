package dev.freshet.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;

/** A hand-written fake of storage: rows per table, kept in insertion order, ranges recorded. */
final class InMemoryTableReader implements TableReader {
    private final Map<String, List<Object[]>> rows = new HashMap<>();
    final List<KeyRange> requestedRanges = new ArrayList<>();

    InMemoryTableReader add(String table, Object... row) {
        rows.computeIfAbsent(table, name -> new ArrayList<>()).add(row);
        return this;
    }

    @Override
    public Enumerable<Object[]> scan(TableDescriptor table, KeyRange range) {
        requestedRanges.add(range);
        return Linq4j.asEnumerable(rows.getOrDefault(table.name(), List.of()));
    }
}
