package io.careboard.metrics;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A metric answer as computed and cached: the {@code data} of the envelope with the facts its
 * {@code period} and {@code meta} need. Stored in Redis as JSON.
 *
 * @param data        what the REST endpoint answers as {@code data}
 * @param from        the window's start
 * @param to          the window's end (now at computation for a named period)
 * @param computedAt  when the database was read
 * @param version     the data version the computation saw
 * @param validUntil  when the answer stops being valid: computed + TTL, and for a named period
 *                    at the latest the zone's next midnight
 */
@RegisterForReflection
public record ComputedMetric<T>(T data, Instant from, Instant to, Instant computedAt, long version,
        Instant validUntil) {

    public boolean isValidAt(Instant instant) {
        return instant.isBefore(validUntil);
    }
}
