package io.careboard.metrics;

import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * Each family's cache TTL, read from the Redis cache configuration itself
 * ({@code quarkus.cache.redis.<name>.expire-after-write}) so there is one place to change it.
 */
@Singleton
public class CacheTtls {

    private final Map<MetricFamily, Duration> ttls = new EnumMap<>(MetricFamily.class);

    CacheTtls(Config config) {
        SmallRyeConfig smallRye = config.unwrap(SmallRyeConfig.class);
        for (MetricFamily family : MetricFamily.values()) {
            String key = "quarkus.cache.redis.\"" + family.cacheName() + "\".expire-after-write";
            ttls.put(family, smallRye.getOptionalValue(key, Duration.class)
                    .or(() -> smallRye.getOptionalValue(key.replace("\"", ""), Duration.class))
                    .orElseThrow(() -> new IllegalStateException(key + " is not configured")));
        }
    }

    public Duration of(MetricFamily family) {
        return ttls.get(family);
    }
}
