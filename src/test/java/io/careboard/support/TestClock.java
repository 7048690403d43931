package io.careboard.support;

import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The application clock in tests: system time, or an instant the test fixes ({@link #freezeAt}). */
@Mock
@Singleton
public class TestClock extends Clock {

    private volatile Instant frozen;

    /** Makes now {@code instant} until {@link #reset()}. */
    public void freezeAt(Instant instant) {
        frozen = instant;
    }

    /** Back to the system clock. */
    public void reset() {
        frozen = null;
    }

    @Override
    public Instant instant() {
        Instant now = frozen;
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application clock is UTC");
    }
}
