package io.careboard.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * What the push pipeline did, on {@code /q/metrics}: recomputations per topic and period (at most
 * one per coalescing window), updates published or found unchanged, frames a slow client skipped.
 */
@Singleton
public class RealtimeMetrics implements Outbox.Losses {

    private final MeterRegistry registry;
    private final Counter skipped;

    RealtimeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.skipped = registry.counter("careboard.realtime.frames.skipped");
    }

    /** Held strongly: Micrometer keeps a gauge's object weakly, and a method reference is collected. */
    void connections(Supplier<Number> open) {
        Gauge.builder("careboard.realtime.connections", open, supplier -> supplier.get().doubleValue())
                .strongReference(true).register(registry);
    }

    void recomputed(SubscriptionKey key, boolean published) {
        registry.counter("careboard.realtime.recomputations", "topic", key.topic().wire(), "period",
                key.period().wire(), "outcome", published ? "published" : "unchanged").increment();
    }

    @Override
    public void skipped() {
        skipped.increment();
    }
}
