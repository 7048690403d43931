package io.careboard.cache;

import io.careboard.metrics.MetricFamily;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Cache hits and misses of this instance since it started, per family: measured, not guessed,
 * and exported to Prometheus as {@code careboard_cache_requests_total{cache, result}}.
 */
@Singleton
public class CacheStatistics {

    private final AtomicLongArray hits = new AtomicLongArray(MetricFamily.values().length);
    private final AtomicLongArray misses = new AtomicLongArray(MetricFamily.values().length);

    CacheStatistics(MeterRegistry registry) {
        for (MetricFamily family : MetricFamily.values()) {
            int index = family.ordinal();
            FunctionCounter.builder("careboard.cache.requests", hits, counts -> counts.get(index))
                    .tag("cache", family.cacheName()).tag("result", "hit").register(registry);
            FunctionCounter.builder("careboard.cache.requests", misses, counts -> counts.get(index))
                    .tag("cache", family.cacheName()).tag("result", "miss").register(registry);
        }
    }

    void hit(MetricFamily family) {
        hits.incrementAndGet(family.ordinal());
    }

    void miss(MetricFamily family) {
        misses.incrementAndGet(family.ordinal());
    }

    public long hits() {
        return sum(hits);
    }

    public long misses() {
        return sum(misses);
    }

    private static long sum(AtomicLongArray counts) {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }
}
