package dev.freshet.server.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * How often the server planned a statement (parse, validate, optimize, generate and compile
 * code: milliseconds each) and how often a session's plan cache spared it that, since the
 * server started. Shown as {@code freshet_statement_plans_total} and
 * {@code freshet_statement_plan_cache_hits_total} on {@code /metrics} and in
 * {@code freshet_catalog.plan_cache}.
 *
 * <p>One instance per server, shared by its sessions; safe from any thread.
 */
public final class PlanCounters {
    private final LongAdder plans = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();

    /** Counts a query or DML statement the planner planned. */
    public void planned() {
        plans.increment();
    }

    /** Counts a query or DML statement served by a cached plan. */
    public void cacheHit() {
        cacheHits.increment();
    }

    public long plans() {
        return plans.sum();
    }

    public long cacheHits() {
        return cacheHits.sum();
    }
}
