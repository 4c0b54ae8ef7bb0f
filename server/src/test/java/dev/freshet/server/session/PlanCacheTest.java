package dev.freshet.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.freshet.planner.Catalog;
import dev.freshet.planner.DataType;
import dev.freshet.server.metrics.PlanCounters;

class PlanCacheTest {
    private final PlanCounters counters = new PlanCounters();
    private final PlanCache cache = new PlanCache(counters);
    private final Catalog catalog = Catalog.of(List.of());

    private PlanCache.Key key(String sql, Catalog of) {
        return new PlanCache.Key(sql, List.of(DataType.of(DataType.Kind.INTEGER)), of, "UTC");
    }

    @Test
    void shouldServeAPlanStoredForTheSameTextTypesCatalogAndZone() {
        Object plan = new Object();
        assertThat(cache.lookup(key("SELECT $1", catalog))).isNull();
        cache.store(key("SELECT $1", catalog), plan);
        assertThat(cache.lookup(key("SELECT $1", catalog))).isSameAs(plan);
        assertThat(cache.lookup(new PlanCache.Key("SELECT $1", List.of(DataType.of(DataType.Kind.BIGINT)), catalog,
                "UTC"))).isNull();
        assertThat(cache.lookup(new PlanCache.Key("SELECT $1", List.of(DataType.of(DataType.Kind.INTEGER)), catalog,
                "Europe/Paris"))).isNull();
        assertThat(counters.plans()).isEqualTo(1);
        assertThat(counters.cacheHits()).isEqualTo(1);
    }

    @Test
    void shouldDropEveryPlanWhenTheCatalogChanges() {
        cache.store(key("SELECT 1", catalog), new Object());
        Catalog afterDdl = Catalog.of(List.of());
        assertThat(cache.lookup(key("SELECT 1", afterDdl))).isNull();
        assertThat(cache.lookup(key("SELECT 1", catalog))).isNull();
    }

    @Test
    void shouldKeepOnlyTheMostRecentlyUsedPlans() {
        cache.lookup(key("first", catalog));
        cache.store(key("first", catalog), new Object());
        for (int i = 0; i < PlanCache.CAPACITY; i++) {
            cache.store(key("other " + i, catalog), new Object());
        }
        assertThat(cache.lookup(key("first", catalog))).isNull();
        assertThat(cache.lookup(key("other " + (PlanCache.CAPACITY - 1), catalog))).isNotNull();
    }

    @Test
    void shouldTakeParametersWhoseTypeTheClientLeftOpen() {
        PlanCache.Key open = new PlanCache.Key("SELECT $1", java.util.Arrays.asList((DataType) null), catalog, "UTC");
        cache.store(open, "plan");
        assertThat(cache.lookup(new PlanCache.Key("SELECT $1", java.util.Arrays.asList((DataType) null), catalog,
                "UTC"))).isEqualTo("plan");
    }
}
