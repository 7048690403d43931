package io.careboard.cache;

import io.careboard.metrics.CacheTtls;
import io.careboard.metrics.ComputedMetric;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis side of the metric caches, by key: quarkus-redis-cache stores an entry of cache
 * {@code name} under {@code cache:<name>:<key>}.
 */
@Singleton
public class RedisKeys {

    private static final int SCAN_BATCH = 500;

    private final KeyCommands<String> keys;
    private final CacheTtls ttls;

    RedisKeys(RedisDataSource redis, CacheTtls ttls) {
        this.keys = redis.key(String.class);
        this.ttls = ttls;
    }

    public static String prefix(MetricFamily family) {
        return "cache:" + family.cacheName() + ":";
    }

    /** The Redis key of a query's entry; also the near-cache's key. */
    public String entry(MetricQuery query) {
        return prefix(query.family()) + query.cacheKey();
    }

    /**
     * Makes the entry expire when the answer stops being valid, when that is before the TTL the
     * cache set: a named period's answer ends at the zone's next midnight.
     */
    void expireAt(MetricQuery query, ComputedMetric<?> computed) {
        if (computed.validUntil().isBefore(computed.computedAt().plus(ttls.of(query.family())))) {
            keys.pexpireat(entry(query), Math.max(computed.validUntil().toEpochMilli(), 1));
        }
    }

    /** Every live key of a family's cache. */
    public List<String> list(MetricFamily family) {
        List<String> found = new ArrayList<>();
        var cursor = keys.scan(new KeyScanArgs().match(prefix(family) + "*").count(SCAN_BATCH));
        while (cursor.hasNext()) {
            found.addAll(cursor.next());
        }
        return found;
    }

    /** Deletes every entry of a family's cache and tells how many there were. */
    long drop(MetricFamily family) {
        List<String> found = list(family);
        long dropped = 0;
        for (int i = 0; i < found.size(); i += SCAN_BATCH) {
            dropped += keys.del(found.subList(i, Math.min(found.size(), i + SCAN_BATCH)).toArray(String[]::new));
        }
        return dropped;
    }
}
