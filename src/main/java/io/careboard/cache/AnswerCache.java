package io.careboard.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careboard.metrics.ComputedMetric;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.MetricService;
import io.careboard.metrics.MetricServices;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheManager;
import io.quarkus.cache.redis.runtime.RedisCache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Serves metric answers: from the near-cache, else from the family's Redis cache through its
 * {@code @CacheResult} service, else computed. Concurrent requests for one cold key share one
 * computation (per instance); while Redis is down answers are computed directly and marked
 * {@code BYPASS}; a database outage without a cached answer is a 503.
 */
@Singleton
public class AnswerCache {

    private static final Logger LOG = Logger.getLogger(AnswerCache.class);

    private final MetricServices services;
    private final CacheManager caches;
    private final RedisAvailability redis;
    private final RedisKeys keys;
    private final CacheStatistics statistics;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final NearCache near;
    private final boolean nearEnabled;
    private final Map<String, Uni<Answer>> inFlight = new ConcurrentHashMap<>();

    AnswerCache(MetricServices services, CacheManager caches, RedisAvailability redis, RedisKeys keys,
            CacheStatistics statistics, ObjectMapper mapper, Clock clock, CacheConfig config) {
        this.services = services;
        this.caches = caches;
        this.redis = redis;
        this.keys = keys;
        this.statistics = statistics;
        this.mapper = mapper;
        this.clock = clock;
        this.near = new NearCache(config.nearCache().maxEntries());
        this.nearEnabled = config.nearCache().enabled();
    }

    /** The answer to {@code query}; completes on a worker thread unless the near-cache has it. */
    public Uni<Answer> answer(MetricQuery query) {
        String key = keys.entry(query);
        Answer cached = nearEnabled ? near.get(key, clock.instant()) : null;
        if (cached != null) {
            statistics.hit(query.family());
            return Uni.createFrom().item(cached.withOutcome(CacheOutcome.HIT));
        }
        return inFlight.computeIfAbsent(key, k -> Uni.createFrom().item(() -> load(query, k))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onTermination().invoke(() -> inFlight.remove(k))
                .memoize().indefinitely());
    }

    /**
     * The answer computed from the database now ({@code BYPASS}), which then replaces the cached
     * one in Redis and in this instance's near-cache. Blocking: call it on a worker thread.
     */
    Answer refresh(MetricQuery query) {
        Answer answer = compute(query, CacheOutcome.BYPASS);
        if (redis.isUp()) {
            try {
                redisCache(query.family()).put(query.cacheKey(), answer.computed()).await().indefinitely();
                keys.expireAt(query, answer.computed());
            } catch (RuntimeException failure) {
                redis.markDown(failure);
            }
        }
        if (nearEnabled) {
            near.put(keys.entry(query), answer.withOutcome(CacheOutcome.HIT), near.generation(query.family()),
                    clock.instant());
        }
        return answer;
    }

    /** Drops every cached answer of these families, here (near-cache) and in Redis. Blocking. */
    long invalidate(Collection<MetricFamily> families) {
        near.invalidate(families);
        long dropped = 0;
        for (MetricFamily family : families) {
            dropped += keys.drop(family);
        }
        return dropped;
    }

    /** Drops this instance's near-cache entries of these families (another replica invalidated them). */
    void forgetLocally(Collection<MetricFamily> families) {
        near.invalidate(families);
    }

    /** Drops this instance's copy of one entry (another replica replaced it). */
    void forgetLocally(MetricFamily family, String entry) {
        near.remove(family, entry);
    }

    void forgetEverythingLocally() {
        near.clear();
    }

    private Answer load(MetricQuery query, String key) {
        MetricFamily family = query.family();
        long generation = near.generation(family);
        if (!redis.isUp()) {
            return compute(query, CacheOutcome.BYPASS);
        }
        MetricService.Computation computation = new MetricService.Computation();
        ComputedMetric<?> computed;
        try {
            computed = services.of(family).cached(query.cacheKey(), query, computation);
            if (!computed.isValidAt(clock.instant())) {
                // Outlived its day before Redis expired it: a named period's entry ends at midnight.
                redisCache(family).invalidate(query.cacheKey()).await().indefinitely();
                computed = services.of(family).cached(query.cacheKey(), query, computation);
            }
        } catch (RuntimeException failure) {
            if (Failures.isDatabase(failure) || !Failures.isRedis(failure)) {
                throw Failures.translate(failure);
            }
            redis.markDown(failure);
            return compute(query, CacheOutcome.BYPASS);
        }
        boolean computedHere = computation.ran();
        CacheOutcome outcome = computedHere ? CacheOutcome.MISS : CacheOutcome.HIT;
        if (computedHere) {
            statistics.miss(family);
            keys.expireAt(query, computed);
        } else {
            statistics.hit(family);
        }
        Answer answer = answer(query, computed, outcome);
        boolean kept = nearEnabled && near.put(key, answer.withOutcome(CacheOutcome.HIT), generation, clock.instant());
        if (!kept && computedHere && near.generation(family) != generation) {
            // Computed from data that changed meanwhile: Redis must not keep it until its TTL.
            redisCache(family).invalidate(query.cacheKey()).await().indefinitely();
        }
        return answer;
    }

    private Answer compute(MetricQuery query, CacheOutcome outcome) {
        MetricService<?> service = services.of(query.family());
        try {
            return answer(query, service.compute(query), outcome);
        } catch (RuntimeException failure) {
            throw Failures.translate(failure);
        }
    }

    private Answer answer(MetricQuery query, ComputedMetric<?> computed, CacheOutcome outcome) {
        try {
            String data = mapper.writeValueAsString(computed.data());
            return new Answer(query, computed, data, etag(query, data), outcome);
        } catch (JsonProcessingException failure) {
            throw new IllegalStateException("cannot serialise " + query.family() + " data", failure);
        }
    }

    private RedisCache redisCache(MetricFamily family) {
        Cache cache = caches.getCache(family.cacheName()).orElseThrow();
        return cache.as(RedisCache.class);
    }

    static String etag(MetricQuery query, String data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(query.family().wire().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '|');
            digest.update(query.cacheKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '|');
            digest.update(data.getBytes(StandardCharsets.UTF_8));
            byte[] hash = digest.digest();
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 18)) + '"';
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
