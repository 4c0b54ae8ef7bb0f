package dev.freshet.executor;

import static java.util.Objects.requireNonNull;

import dev.freshet.storage.KvIterator;
import dev.freshet.storage.KvReader;

/**
 * One state table of a maintained materialized view: the view that keeps it, what it holds and
 * the keyspace its rows live in. The instances of an operator share one keyspace, so there is
 * one of these per planned state table, whatever the number of workers.
 *
 * @param viewId the view's catalog id
 * @param viewName the view's name
 * @param operator the state table's name in the view's plan, as EXPLAIN prints it after
 *     {@code state} ({@code groups}, {@code <call>_values}, {@code rows}, {@code pending},
 *     {@code left}, {@code right}); {@link #MATERIALIZE} for the view's own rows
 * @param keyspace the keyspace of its rows
 */
public record StateTableInfo(long viewId, String viewName, String operator, long keyspace) {
    /** The operator name of the table holding the view's own rows, in the keyspace of the view's id. */
    public static final String MATERIALIZE = "materialize";

    public StateTableInfo {
        requireNonNull(viewName, "viewName is null");
        requireNonNull(operator, "operator is null");
    }

    /**
     * The number of rows the table holds as the reader sees it (a snapshot: the committed rows of
     * its epoch). Every row is one key, so this counts the keyspace's keys, reading all of them:
     * its cost grows with the table.
     */
    public long countRows(KvReader reader) {
        long rows = 0;
        try (KvIterator keys = reader.scanPrefix(keyspace, new byte[0])) {
            while (keys.next()) {
                rows++;
            }
        }
        return rows;
    }
}
