package io.careboard.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock that decides "now" for periods and cache lifetimes; tests replace it. */
public class TimeSource {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
