package io.careboard.realtime;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest {@code seq} this replica has delivered per key. It makes delivery exactly-once
 * (numbers on the updates channel only rise, so a number not above the highest is a repeat, as
 * when a subscription is renewed while the old one still delivers), keeps numbers rising while
 * Redis is away (updates are then numbered here) and after Redis lost its counters (publishing
 * never goes below what was delivered).
 */
@Singleton
public class Sequences {

    private final Map<String, Long> highest = new ConcurrentHashMap<>();

    /** Records {@code seq} for the key written {@code wire}; false when it is not above the highest (a repeat). */
    boolean deliver(String wire, long seq) {
        boolean[] advanced = new boolean[1];
        highest.compute(wire, (key, last) -> {
            advanced[0] = last == null || seq > last;
            return advanced[0] ? seq : last;
        });
        return advanced[0];
    }

    /** The highest delivered, 0 when none. */
    long highest(String wire) {
        return highest.getOrDefault(wire, 0L);
    }

    /** The next number, assigned here (Redis is down). */
    long next(String wire) {
        return highest.merge(wire, 1L, (last, one) -> last + 1);
    }
}
