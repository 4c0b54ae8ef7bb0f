package dev.freshet.executor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.freshet.executor.internal.ChangeBatch;

/**
 * The row changes one write transaction made to tables, for the materialized views reading them:
 * per table, rows (the table's visible columns in Calcite's internal representation, without a
 * hidden row id) with a weight, +1 for an inserted row and -1 for a deleted one; an update is the
 * old row at -1 and the new one at +1. Not thread-safe; handed over once complete.
 */
public final class TableChanges {
    private final Map<Long, ChangeBatch> byTable = new LinkedHashMap<>();
    private final Map<Long, Long> watermarks = new LinkedHashMap<>();

    public void add(long tableId, Object[] row, long weight) {
        byTable.computeIfAbsent(tableId, id -> new ChangeBatch()).add(row, weight);
    }

    /** True when the transaction changed no row and raised no watermark. */
    public boolean isEmpty() {
        return watermarks.isEmpty() && byTable.values().stream().allMatch(ChangeBatch::isEmpty);
    }

    /** The changes per table id. */
    public Map<Long, ChangeBatch> byTable() {
        return Collections.unmodifiableMap(byTable);
    }

    /**
     * Records the table's watermark after this transaction (see {@link TableWatermarks}), for a
     * table whose watermark it raised. The dataflow advances the table's watermark when it applies
     * the transaction, never earlier, so windows close only after every row before them arrived.
     */
    public void watermark(long tableId, long watermark) {
        watermarks.merge(tableId, watermark, Math::max);
    }

    /** The watermarks this transaction raised, per table id. */
    public Map<Long, Long> watermarks() {
        return Collections.unmodifiableMap(watermarks);
    }

    /** The number of row changes in all tables. */
    public int size() {
        int size = 0;
        for (ChangeBatch batch : byTable.values()) {
            size += batch.size();
        }
        return size;
    }
}
