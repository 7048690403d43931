package io.careboard.realtime;

import io.careboard.cache.CacheInvalidation;
import io.careboard.domain.event.DomainEvent;
import io.careboard.metrics.MetricFamily;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where the push pipeline starts: every committed change, reduced to the topics it touches (the
 * invalidation table of contract §4, {@link CacheInvalidation#affected}), goes to the
 * {@link Coalescer}. The observer only flips a few flags and maybe hands a flush to the
 * recomputation pool; it never waits.
 */
@Singleton
public class ChangeFeed {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "realtime-coalescer");
        thread.setDaemon(true);
        return thread;
    });
    private final Coalescer coalescer;

    ChangeFeed(Recomputer recomputer, RealtimeConfig config) {
        this.coalescer = new Coalescer(config.coalescingWindow(),
                (delay, task) -> timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS), recomputer);
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) DomainEvent event) {
        Set<MetricFamily> touched = EnumSet.noneOf(MetricFamily.class);
        for (MetricFamily family : CacheInvalidation.affected(event)) {
            if (family.isTopic()) {
                touched.add(family);
            }
        }
        coalescer.changed(touched);
    }

    /** Whether every committed change has been pushed (no window open, no flush running). */
    public boolean isQuiet() {
        return coalescer.isQuiet();
    }

    void onStop(@Observes ShutdownEvent stop) {
        timers.shutdownNow();
    }
}
