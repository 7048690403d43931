package io.careboard.cache;

import io.careboard.metrics.CacheTtls;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.calc.Decimals;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /cache/status}: figures read from Redis and counted since start, nothing estimated. */
@Singleton
public class CacheStatusService {

    /** One family's cache. */
    @RegisterForReflection
    public record CacheFigures(String name, long keys, long ttlSeconds, long sizeBytes) {
    }

    /**
     * @param hitRatio      hits / (hits + misses) since this instance started; null before any request
     * @param avgTtlSeconds the mean remaining TTL of the live keys; null when there are none
     */
    @RegisterForReflection
    public record Status(long totalKeys, long estimatedSizeBytes, long hits, long misses, BigDecimal hitRatio,
            BigDecimal avgTtlSeconds, List<CacheFigures> caches) {
    }

    private final RedisDataSource redis;
    private final KeyCommands<String> keyCommands;
    private final RedisKeys keys;
    private final CacheTtls ttls;
    private final CacheStatistics statistics;

    CacheStatusService(RedisDataSource redis, RedisKeys keys, CacheTtls ttls, CacheStatistics statistics) {
        this.redis = redis;
        this.keyCommands = redis.key(String.class);
        this.keys = keys;
        this.ttls = ttls;
        this.statistics = statistics;
    }

    public Status status() {
        List<CacheFigures> caches = new ArrayList<>();
        long totalKeys = 0;
        long totalBytes = 0;
        long remainingMillis = 0;
        long withTtl = 0;
        for (MetricFamily family : MetricFamily.values()) {
            List<String> live = keys.list(family);
            long bytes = 0;
            for (String key : live) {
                Response usage = redis.execute("MEMORY", "USAGE", key);
                bytes += usage == null ? 0 : usage.toLong();
                long ttl = keyCommands.pttl(key);
                if (ttl >= 0) {
                    remainingMillis += ttl;
                    withTtl++;
                }
            }
            caches.add(new CacheFigures(family.cacheName(), live.size(), ttls.of(family).toSeconds(), bytes));
            totalKeys += live.size();
            totalBytes += bytes;
        }
        long hits = statistics.hits();
        long misses = statistics.misses();
        return new Status(totalKeys, totalBytes, hits, misses, Decimals.ratio(hits, hits + misses),
                Decimals.average(BigDecimal.valueOf(remainingMillis), withTtl * 1000, Decimals.MINUTES_DIGITS),
                caches);
    }
}
