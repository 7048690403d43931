package io.careboard.metrics.period;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The instants a metric counts: from {@code from} (always inclusive) to {@code to}, inclusive for
 * a named period ({@code [from, now]}) and exclusive for a {@code /range} ({@code [midnight of from,
 * midnight after to)}).
 */
@RegisterForReflection
public record Window(Instant from, Instant to, boolean toInclusive) {

    public Window {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window ends before it starts: " + from + " > " + to);
        }
    }

    /** {@code [from, to]}: a named period, which ends now and must count what happened at now. */
    public static Window closed(Instant from, Instant to) {
        return new Window(from, to, true);
    }

    /** {@code [from, to)}: a {@code /range}, which ends at a local midnight that belongs to the next day. */
    public static Window halfOpen(Instant from, Instant to) {
        return new Window(from, to, false);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && (toInclusive ? !instant.isAfter(to) : instant.isBefore(to));
    }

    /**
     * The exclusive upper bound equivalent to this window in PostgreSQL, so SQL can always say
     * {@code ts >= from and ts < endExclusive}: {@code timestamptz} has microsecond resolution,
     * hence {@code ts <= to} and {@code ts < to + 1 µs} select the same rows when {@code to} is a
     * whole microsecond, which named periods guarantee by truncating now.
     */
    public Instant endExclusive() {
        return toInclusive ? to.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS) : to;
    }
}
