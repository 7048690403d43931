package io.careboard.realtime;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest {@code seq} this replica has seen per key. Redis numbers updates cluster-wide; this
 * copy keeps the numbers rising while Redis is away (updates are then numbered here) and after it
 * lost its counters (publishing never goes below what was seen).
 */
@Singleton
public class Sequences {

    private final Map<String, Long> highest = new ConcurrentHashMap<>();

    /** Notes that {@code seq} was delivered for the key written {@code wire}. */
    void seen(String wire, long seq) {
        highest.merge(wire, seq, Math::max);
    }

    /** The highest seen, 0 when none. */
    long highest(String wire) {
        return highest.getOrDefault(wire, 0L);
    }

    /** The next number, assigned here (Redis is down). */
    long next(String wire) {
        return highest.merge(wire, 1L, (last, one) -> last + 1);
    }
}
