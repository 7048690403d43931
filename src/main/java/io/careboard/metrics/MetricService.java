package io.careboard.metrics;

import io.careboard.metrics.period.ResolvedPeriod;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * One metric family's computation. Each family subclasses it, implementing {@link #cached} with
 * {@code @CacheResult} on the family's Redis cache and {@link #calculate} with its SQL; REST, the
 * cache warm and the WebSocket all come through here, so they can never disagree.
 *
 * @param <T> the family's {@code data}
 */
public abstract class MetricService<T> {

    @Inject
    Clock clock;

    @Inject
    CacheTtls ttls;

    public abstract MetricFamily family();

    /**
     * The answer from the family's Redis cache, computed and stored on a miss. Implementations
     * carry {@code @CacheResult} with {@code key} ({@link MetricQuery#cacheKey()}) as the only
     * {@code @CacheKey}, and return {@link #miss}: {@code computation} then tells the caller
     * whether the cache missed.
     */
    public abstract ComputedMetric<T> cached(String key, MetricQuery query, Computation computation);

    /** What a {@link #cached} implementation returns: the computed answer, noting the miss. */
    protected ComputedMetric<T> miss(MetricQuery query, Computation computation) {
        ComputedMetric<T> computed = compute(query);
        computation.ran = true;
        return computed;
    }

    /** The answer computed from the database now, bypassing every cache. */
    @Transactional
    public ComputedMetric<T> compute(MetricQuery query) {
        Instant computedAt = clock.instant();
        Versioned<T> result = calculate(query);
        ResolvedPeriod period = query.period();
        Instant validUntil = computedAt.plus(ttls.of(family()));
        if (period.expiresBy().isPresent() && period.expiresBy().get().isBefore(validUntil)) {
            validUntil = period.expiresBy().get();
        }
        return new ComputedMetric<>(result.data(), period.current().from(), period.current().to(), computedAt,
                result.version(), validUntil);
    }

    /** The family's figures for {@code query}, with the data version the first statement read. */
    protected abstract Versioned<T> calculate(MetricQuery query);

    /** Tells whether a {@link #cached} call computed (a miss) or found the answer (a hit). */
    public static final class Computation {
        private volatile boolean ran;

        public boolean ran() {
            return ran;
        }
    }

    /** Figures and the data version they were read at. */
    @RegisterForReflection
    public record Versioned<T>(T data, long version) {
    }
}
