package io.careboard.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How metric answers are cached, kept coherent, warmed and refreshed. */
@ConfigMapping(prefix = "careboard.cache")
public interface CacheConfig {

    /** The in-process copy of Redis entries that serves hot answers without a Redis round trip. */
    NearCache nearCache();

    /** How Redis outages are noticed and recovered from. */
    Redis redis();

    /** The cache warm: hourly schedule and its cluster-wide guard. */
    Warm warm();

    /** {@code GET /analytics/realtime}: its per-caller rate limit. */
    Realtime realtime();

    interface NearCache {
        /** Whether the near-cache is used at all. */
        @WithDefault("true")
        boolean enabled();

        /** The most entries kept; past it, new answers are served but not kept. */
        @WithDefault("10000")
        int maxEntries();
    }

    interface Redis {
        /** How often Redis is pinged to tell whether it is up. */
        @WithDefault("1s")
        Duration probeInterval();

        /** How long a ping may take before Redis counts as down. */
        @WithDefault("2s")
        Duration probeTimeout();

        /** The pub/sub channel on which replicas tell each other which caches were invalidated. */
        @WithDefault("careboard:cache:invalidated")
        String invalidationChannel();
    }

    interface Warm {
        /** When the scheduled warm runs (Quartz-style cron; hourly by default). {@code off} disables it. */
        @WithDefault("0 0 * * * ?")
        String cron();

        /**
         * How long a warm may hold the cluster-wide lock; a crashed holder's lock lapses after it,
         * so the next warm can run.
         */
        @WithDefault("10m")
        Duration lease();
    }

    interface Realtime {
        /** The shortest interval between two {@code /realtime} calls of one caller. */
        @WithDefault("5s")
        Duration minInterval();
    }
}
