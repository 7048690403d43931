package io.careboard.metrics.period;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a time series: the instants {@code [start, end)} labelled as the API shows them
 * ({@code 2026-03-29T03:00:00+02:00}, {@code 2026-03-29}, the Monday {@code 2026-03-23},
 * {@code 2026-03}). A bucket lies within its period's window, except that the last bucket of a
 * named period keeps its unit's natural end, after now.
 */
@RegisterForReflection
public record Bucket(String label, Instant start, Instant end) {

    public Bucket {
        Objects.requireNonNull(label, "label");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("empty bucket " + label + ": " + start + " >= " + end);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
