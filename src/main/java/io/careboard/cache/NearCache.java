package io.careboard.cache;

import io.careboard.metrics.MetricFamily;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The in-process copy of hot Redis entries, so a cached answer costs no network round trip.
 * It is kept coherent by invalidation messages that every replica receives through Redis
 * pub/sub, and an entry never outlives the Redis entry it copies ({@code validUntil}).
 *
 * <p>Each family has a generation, bumped by every invalidation: a computation that started
 * before an invalidation must not be stored after it, or the pre-change figures would be
 * served until their TTL.
 */
final class NearCache {

    private final int maxEntries;
    private final Map<String, Answer> entries = new ConcurrentHashMap<>();
    private final AtomicLongArray generations = new AtomicLongArray(MetricFamily.values().length);

    NearCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The live entry for a key, or null. */
    Answer get(String key, Instant now) {
        Answer answer = entries.get(key);
        if (answer != null && !answer.computed().isValidAt(now)) {
            entries.remove(key, answer);
            return null;
        }
        return answer;
    }

    long generation(MetricFamily family) {
        return generations.get(family.ordinal());
    }

    /** Keeps {@code answer} unless its family was invalidated since {@code generation} was read. */
    boolean put(String key, Answer answer, long generation, Instant now) {
        MetricFamily family = answer.query().family();
        if (generation(family) != generation) {
            return false;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(entry -> !entry.computed().isValidAt(now));
            if (entries.size() >= maxEntries) {
                return false;
            }
        }
        entries.put(key, answer);
        // An invalidation may have slipped in between the check and the put.
        if (generation(family) != generation) {
            entries.remove(key, answer);
            return false;
        }
        return true;
    }

    void invalidate(Collection<MetricFamily> families) {
        for (MetricFamily family : families) {
            generations.incrementAndGet(family.ordinal());
            entries.values().removeIf(answer -> answer.query().family() == family);
        }
    }

    /** Drops one entry; its family's generation moves on, so a computation under way is not kept. */
    void remove(MetricFamily family, String key) {
        generations.incrementAndGet(family.ordinal());
        entries.remove(key);
    }

    void clear() {
        invalidate(java.util.List.of(MetricFamily.values()));
    }
}
