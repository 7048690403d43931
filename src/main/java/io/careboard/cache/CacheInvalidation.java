package io.careboard.cache;

import static io.careboard.metrics.MetricFamily.CONSULTATIONS;
import static io.careboard.metrics.MetricFamily.DOCTORS;
import static io.careboard.metrics.MetricFamily.HEALTH_TRENDS;
import static io.careboard.metrics.MetricFamily.OVERVIEW;
import static io.careboard.metrics.MetricFamily.RANGE;
import static io.careboard.metrics.MetricFamily.REVENUE;

import io.careboard.domain.event.ConsultationCancelled;
import io.careboard.domain.event.ConsultationChanged;
import io.careboard.domain.event.ConsultationCompleted;
import io.careboard.domain.event.ConsultationCreated;
import io.careboard.domain.event.DoctorChanged;
import io.careboard.domain.event.DomainEvent;
import io.careboard.domain.event.HealthDataUpdated;
import io.careboard.domain.event.PaymentChanged;
import io.careboard.domain.event.PaymentRecorded;
import io.careboard.domain.event.RatingChanged;
import io.careboard.domain.event.RatingCreated;
import io.careboard.metrics.MetricFamily;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Drops the cached answers a committed change makes wrong (contract §4, see {@link #affected}).
 * The observer only records the families; one background task invalidates them, so a bulk of
 * 10,000 changes costs one invalidation per family, not 10,000.
 */
@Singleton
public class CacheInvalidation {

    private static final Logger LOG = Logger.getLogger(CacheInvalidation.class);

    private final CacheCoherence coherence;
    private final Set<MetricFamily> pending = EnumSet.noneOf(MetricFamily.class);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cache-invalidation");
        thread.setDaemon(true);
        return thread;
    });

    CacheInvalidation(CacheCoherence coherence) {
        this.coherence = coherence;
    }

    /**
     * The caches each kind of change touches: the contract's table (§4), plus health trends for
     * every consultation change (their age, sex and diagnosis figures count consultations) and
     * the changes the contract does not list (a changed rating, payment, consultation or doctor).
     */
    static final Map<Class<? extends DomainEvent>, Set<MetricFamily>> AFFECTED = Map.of(
            ConsultationCreated.class, EnumSet.of(CONSULTATIONS, OVERVIEW, REVENUE, HEALTH_TRENDS, RANGE),
            ConsultationCompleted.class, EnumSet.of(CONSULTATIONS, OVERVIEW, REVENUE, DOCTORS, HEALTH_TRENDS, RANGE),
            ConsultationCancelled.class, EnumSet.of(CONSULTATIONS, OVERVIEW, REVENUE, DOCTORS, HEALTH_TRENDS, RANGE),
            ConsultationChanged.class, EnumSet.of(CONSULTATIONS, OVERVIEW, REVENUE, DOCTORS, HEALTH_TRENDS, RANGE),
            RatingCreated.class, EnumSet.of(DOCTORS, OVERVIEW, RANGE),
            RatingChanged.class, EnumSet.of(DOCTORS, OVERVIEW, RANGE),
            PaymentRecorded.class, EnumSet.of(REVENUE, OVERVIEW, DOCTORS, RANGE),
            PaymentChanged.class, EnumSet.of(REVENUE, OVERVIEW, DOCTORS, RANGE),
            HealthDataUpdated.class, EnumSet.of(HEALTH_TRENDS, OVERVIEW, RANGE),
            DoctorChanged.class, EnumSet.of(CONSULTATIONS, DOCTORS, REVENUE));

    public static Set<MetricFamily> affected(DomainEvent event) {
        return AFFECTED.get(event.getClass());
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) DomainEvent event) {
        synchronized (pending) {
            pending.addAll(affected(event));
        }
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        worker.shutdown();
    }

    private void drain() {
        scheduled.set(false);
        Set<MetricFamily> families;
        synchronized (pending) {
            families = EnumSet.copyOf(pending);
            pending.clear();
        }
        if (families.isEmpty()) {
            return;
        }
        try {
            coherence.invalidate(families);
        } catch (RuntimeException failure) {
            LOG.warnf("invalidating %s failed: %s", families, failure.toString());
        }
    }
}
