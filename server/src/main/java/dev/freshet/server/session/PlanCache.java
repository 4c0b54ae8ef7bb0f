package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.freshet.planner.BatchModify;
import dev.freshet.planner.BatchQuery;
import dev.freshet.planner.Catalog;
import dev.freshet.planner.DataType;
import dev.freshet.server.metrics.PlanCounters;

/**
 * A session's plans of queries and DML by statement text, so that a statement the session sends
 * again is not parsed, validated, optimized and compiled again: the unnamed statements pgjdbc
 * sends before its prepareThreshold (and always with {@code prepareThreshold=0}), BI tools'
 * repeated simple queries, and named statements prepared again on new connections of a pool
 * all reuse the plan. Named statements keep their own plan anyway, for as long as they live.
 *
 * <p>A plan is valid for exactly what it was planned against, which the key holds: the text, the
 * parameter types the client declared, the catalog (each DDL statement publishes a new
 * {@link Catalog} object, so a plan never outlives the objects it names), and the session's time zone (casts between text and timestamptz are planned with
 * it). Everything else a plan reads (settings, the snapshot, parameters) it reads when it runs.
 * When the catalog changes, the plans made against the old one are dropped at once.
 *
 * <p>Per session rather than per server: a plan holds the session's system catalogs, whose
 * functions read that session's settings. Bounded: the least recently used plan is dropped past
 * {@value #CAPACITY}. A session runs one statement at a time, so no locking.
 */
final class PlanCache {
    static final int CAPACITY = 256;

    /**
     * What a plan was made for; the catalog compares by identity.
     *
     * @param parameterTypes the types the client declared, null where it left one to the server
     */
    record Key(String sql, List<DataType> parameterTypes, Catalog catalog, String timeZone) {
        Key {
            requireNonNull(sql, "sql is null");
            parameterTypes = Collections.unmodifiableList(new ArrayList<>(parameterTypes));
            requireNonNull(catalog, "catalog is null");
            requireNonNull(timeZone, "timeZone is null");
        }
    }

    private final PlanCounters counters;
    private Catalog catalog;
    private final Map<Key, Object> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
            return size() > CAPACITY;
        }
    };

    PlanCache(PlanCounters counters) {
        this.counters = requireNonNull(counters, "counters is null");
    }

    /** The cached plan, a {@link BatchQuery} or a {@link BatchModify}, counted as a hit; null when there is none. */
    Object lookup(Key key) {
        forgetOtherCatalogs(key);
        Object plan = plans.get(key);
        if (plan != null) {
            counters.cacheHit();
        }
        return plan;
    }

    /** Keeps a plan just made, counted as planned. */
    void store(Key key, Object plan) {
        requireNonNull(plan, "plan is null");
        counters.planned();
        forgetOtherCatalogs(key);
        plans.put(key, plan);
    }

    /** Plans made against another catalog than the key's are of a catalog that is gone. */
    private void forgetOtherCatalogs(Key key) {
        if (key.catalog() != catalog) {
            plans.clear();
            catalog = key.catalog();
        }
    }
}
