package io.careboard.cache;

import io.careboard.domain.WireEnum;

/** Where an answer came from, as {@code meta.cache} says: {@code HIT}, {@code MISS} or {@code BYPASS}. */
public enum CacheOutcome implements WireEnum {
    /** Served from the near-cache or Redis. */
    HIT,
    /** Computed now and stored. */
    MISS,
    /** Computed now and not read from the cache: Redis is down, or the caller asked for fresh figures. */
    BYPASS;

    @Override
    public String wire() {
        return name();
    }
}
