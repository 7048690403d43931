package io.careboard.demo;

import io.careboard.demo.PlatformState.Current;
import io.careboard.domain.ConsultationState;
import io.careboard.domain.ConsultationStatus;
import io.careboard.domain.ConsultationType;
import io.careboard.domain.HealthObservationState;
import io.careboard.domain.PaymentState;
import io.careboard.domain.PaymentStatus;
import io.careboard.domain.RatingState;
import io.careboard.ingest.IngestService;
import io.careboard.ingest.UpsertResult;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Moves the demo platform forward, so a dashboard moves: each tick books consultations, starts the
 * due ones (or cancels them, or records a no-show), completes those that ran their length with a
 * diagnosis, a payment and sometimes vital signs, rates some of them a little later, and refunds a
 * few payments. Every change goes through {@link IngestService}, the path the platform's own
 * pushes take, so it is validated, versioned and raises the same domain events.
 *
 * <p>Off by default; the {@code demo} profile turns it on ({@code careboard.demo.simulator.*}).
 * A tick catches up on what fell due while the service was down, up to a bounded number of
 * changes per step.
 */
@ApplicationScoped
public class LiveSimulator {

    /** The LOINC codes of the vital signs, in the contract's order. */
    static final List<String> VITAL_CODES = List.of("8480-6", "8462-4", "8867-4", "2339-0", "39156-5");

    /** A fee for a doctor without any consultation to take one from. */
    private static final BigDecimal DEFAULT_FEE = new BigDecimal("50.00");

    private static final Logger LOG = Logger.getLogger(LiveSimulator.class);

    private final DemoConfig.Simulator config;
    private final PlatformState platform;
    private final IngestService ingest;
    private final SimulatedBehaviour behaviour;
    private volatile Instant lastTick;

    LiveSimulator(DemoConfig config, PlatformState platform, IngestService ingest) {
        this.config = config.simulator();
        this.platform = platform;
        this.ingest = ingest;
        this.behaviour = new SimulatedBehaviour(config.seed());
    }

    /** What one tick did. */
    public record TickReport(int booked, int started, int cancelled, int noShows, int completed, int payments,
            int refunds, int ratings, int readings) {
    }

    @Scheduled(identity = "careboard-demo-simulator", every = "${careboard.demo.simulator.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Idle.class)
    void scheduledTick() {
        Instant now = Instant.now();
        Instant previous = lastTick;
        TickReport report = tick(now, previous == null ? config.interval() : Duration.between(previous, now));
        LOG.debugf("Simulator tick: %s", report);
    }

    /** Skips ticks while the simulator is off or the demo data is still being generated. */
    @Singleton
    static class Idle implements Scheduled.SkipPredicate {
        private final DemoConfig config;
        private final DemoDataOnStart start;

        Idle(DemoConfig config, DemoDataOnStart start) {
            this.config = config;
            this.start = start;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.simulator().enabled() || !start.finished();
        }
    }

    /**
     * Moves the platform to {@code now}: settles what fell due, books as many consultations as
     * {@code elapsed} brings, and adds the ratings and refunds that fell due since the previous
     * tick (or within {@code elapsed} of the first), so a (re)started simulator does not rate or
     * refund the past a second time.
     */
    public TickReport tick(Instant now, Duration elapsed) {
        Instant previous = lastTick;
        Instant since = previous != null && !previous.isAfter(now) ? previous : now.minus(elapsed);
        lastTick = now;
        Tally tally = new Tally();
        settleDue(now, tally);
        completeFinished(now, tally);
        book(now, elapsed, tally);
        rate(since, now, tally);
        refund(since, now, tally);
        return tally.report();
    }

    /** Scheduled consultations near their time: cancelled shortly before, started, or a no-show. */
    private void settleDue(Instant now, Tally tally) {
        Instant horizon = now.plus(Duration.ofMinutes(30));
        for (Current<ConsultationState> due : platform.scheduledUntil(horizon, config.maxChangesPerStep())) {
            String id = due.id();
            ConsultationState s = due.state();
            Instant at = s.scheduledAt();
            switch (behaviour.fate(id)) {
                case CANCEL -> {
                    Instant cancelled = latest(at.minus(behaviour.cancelledBefore(id)), s.updatedAt());
                    if (!cancelled.isAfter(now) && write(() -> ingest.upsertConsultation(id, with(s,
                            ConsultationStatus.CANCELLED, null, null, cancelled, null, cancelled)))) {
                        tally.cancelled++;
                    }
                }
                case NO_SHOW -> {
                    Instant recorded = latest(at.plus(behaviour.noShowAfter(id)), s.updatedAt());
                    if (!recorded.isAfter(now) && write(() -> ingest.upsertConsultation(id, with(s,
                            ConsultationStatus.NO_SHOW, null, null, null, null, recorded)))) {
                        tally.noShows++;
                    }
                }
                case COMPLETE -> {
                    Instant started = latest(at.plus(behaviour.wait(id)), s.updatedAt());
                    if (!started.isAfter(now) && write(() -> ingest.upsertConsultation(id, with(s,
                            ConsultationStatus.IN_PROGRESS, started, null, null, null, started)))) {
                        tally.started++;
                    }
                }
            }
        }
    }

    /** Consultations that ran their length end, with a diagnosis, a payment and maybe vital signs. */
    private void completeFinished(Instant now, Tally tally) {
        for (Current<ConsultationState> running : platform.inProgress(config.maxChangesPerStep())) {
            String id = running.id();
            ConsultationState s = running.state();
            Instant ended = latest(s.startedAt().plus(behaviour.length(id, s.type())), s.updatedAt());
            if (ended.isAfter(now)) {
                continue;
            }
            String diagnosis = behaviour.diagnosed(id) ? diagnosisFor(s.doctorId(), id) : null;
            if (!write(() -> ingest.upsertConsultation(id, with(s, ConsultationStatus.COMPLETED, s.startedAt(),
                    ended, null, diagnosis, ended)))) {
                continue;
            }
            tally.completed++;
            pay(id, s, ended, now, tally);
            if (behaviour.measured(id)) {
                takeVitals(id, s, tally);
            }
        }
    }

    private void pay(String consultationId, ConsultationState s, Instant ended, Instant now, Tally tally) {
        if (s.fee().signum() == 0 || !behaviour.pays(consultationId)) {
            return;
        }
        boolean failed = behaviour.paymentFails(consultationId);
        Instant at = min(ended.plus(Duration.ofMinutes(1)), now);
        PaymentState payment = new PaymentState(consultationId, s.fee(), behaviour.method(consultationId),
                failed ? PaymentStatus.FAILED : PaymentStatus.PAID, failed ? null : at, null, null, at);
        if (write(() -> ingest.upsertPayment(derivedId("p-", consultationId), payment))) {
            tally.payments++;
        }
    }

    private void takeVitals(String consultationId, ConsultationState s, Tally tally) {
        Instant at = s.startedAt().plus(Duration.ofMinutes(2));
        for (int k = 0; k < VITAL_CODES.size(); k++) {
            String code = VITAL_CODES.get(k);
            if (!behaviour.reads(consultationId, code)) {
                continue;
            }
            String observationId = derivedId("o-", consultationId) + "-" + (k + 1);
            Optional<HealthObservationState> basis = platform.latestReading(s.patientId(), code)
                    .or(() -> anyOf(platform.recentReadings(code, 100), observationId));
            basis.ifPresent(previous -> {
                HealthObservationState reading = new HealthObservationState(s.patientId(), code,
                        behaviour.near(observationId, previous.value()), previous.unit(), at);
                if (write(() -> ingest.upsertHealthObservation(observationId, reading))) {
                    tally.readings++;
                }
            });
        }
    }

    /** New bookings by a random active doctor for a random patient, mostly within the hour. */
    private void book(Instant now, Duration elapsed, Tally tally) {
        int count = Math.min(config.maxChangesPerStep(),
                behaviour.bookings(now.toEpochMilli(), config.bookingsPerMinute(), elapsed));
        long doctors = platform.activeDoctors();
        long patients = platform.patients();
        if (count == 0 || doctors == 0 || patients == 0) {
            return;
        }
        Instant booked = now.truncatedTo(ChronoUnit.SECONDS);
        for (int n = 0; n < count; n++) {
            String id = "c-sim-" + Long.toString(now.toEpochMilli(), 36) + "-" + n;
            Optional<String> doctor = platform.activeDoctor(behaviour.pick(id + ":doctor", n, (int) doctors));
            Optional<String> patient = platform.patient(behaviour.pick(id + ":patient", n, (int) patients));
            if (doctor.isEmpty() || patient.isEmpty()) {
                continue;
            }
            ConsultationType type = behaviour.type(id);
            BigDecimal fee = platform.latestFee(doctor.get(), type).orElse(DEFAULT_FEE);
            Instant at = booked.plus(behaviour.bookedAhead(id)).truncatedTo(ChronoUnit.MINUTES);
            ConsultationState state = new ConsultationState(doctor.get(), patient.get(), type,
                    ConsultationStatus.SCHEDULED, at, null, null, null, fee, null, booked);
            if (write(() -> ingest.upsertConsultation(id, state))) {
                tally.booked++;
            }
        }
    }

    /** Some completed consultations are rated a little after their end: those whose time came in (since, now]. */
    private void rate(Instant since, Instant now, Tally tally) {
        Instant endedAfter = since.minus(SimulatedBehaviour.LONGEST_RATING_DELAY);
        for (Current<ConsultationState> done : platform.completedUnratedSince(endedAfter, config.maxChangesPerStep())) {
            String id = done.id();
            Duration after = behaviour.ratedAfter(id);
            Instant rated = after == null ? null : done.state().endedAt().plus(after);
            if (rated != null && within(rated, since, now)) {
                RatingState rating = new RatingState(id, behaviour.score(id), null, rated);
                if (write(() -> ingest.upsertRating(derivedId("r-", id), rating))) {
                    tally.ratings++;
                }
            }
        }
    }

    /** A few payments are refunded, in full or in part, after they were paid: those whose time came in (since, now]. */
    private void refund(Instant since, Instant now, Tally tally) {
        Instant paidAfter = since.minus(SimulatedBehaviour.LONGEST_REFUND_DELAY);
        for (Current<PaymentState> paid : platform.paidSince(paidAfter, config.maxChangesPerStep())) {
            PaymentState p = paid.state();
            Duration after = behaviour.refundedAfter(paid.id());
            Instant refunded = after == null ? null : p.paidAt().plus(after);
            if (refunded != null && within(refunded, since, now)) {
                BigDecimal part = behaviour.refundOf(paid.id(), p.amount());
                PaymentState state = new PaymentState(p.consultationId(), p.amount(), p.method(),
                        PaymentStatus.REFUNDED, p.paidAt(), refunded, part, refunded);
                if (write(() -> ingest.upsertPayment(paid.id(), state))) {
                    tally.refunds++;
                }
            }
        }
    }

    private static boolean within(Instant at, Instant since, Instant now) {
        return at.isAfter(since) && !at.isAfter(now);
    }

    private String diagnosisFor(String doctorId, String consultationId) {
        return anyOf(platform.recentDiagnoses(doctorId, 50), consultationId).orElse(null);
    }

    private <T> Optional<T> anyOf(List<T> choices, String id) {
        return choices.isEmpty() ? Optional.empty()
                : Optional.of(choices.get(behaviour.pick(id, choices.size(), choices.size())));
    }

    /** A consultation's state moved on; {@code updated} orders it after the stored one. */
    private static ConsultationState with(ConsultationState s, ConsultationStatus status, Instant started,
            Instant ended, Instant cancelled, String diagnosis, Instant updated) {
        return new ConsultationState(s.doctorId(), s.patientId(), s.type(), status, s.scheduledAt(), started, ended,
                cancelled, s.fee(), diagnosis, updated);
    }

    /** {@code at}, or just after {@code stored} when that is later, so the change is never taken for stale. */
    private static Instant latest(Instant at, Instant stored) {
        return at.isAfter(stored) ? at.truncatedTo(ChronoUnit.SECONDS) : stored.plusSeconds(1);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The id of a consultation's payment, rating or readings: {@code c-123} → {@code p-123}. */
    static String derivedId(String prefix, String consultationId) {
        return prefix + (consultationId.startsWith("c-") ? consultationId.substring(2) : consultationId);
    }

    /** Whether the ingestion service took the change; a refused one is logged and skipped. */
    private static boolean write(Supplier<UpsertResult> upsert) {
        try {
            return upsert.get().outcome().changed();
        } catch (RuntimeException e) {
            LOG.warnf("Simulator change refused: %s", e.getMessage());
            return false;
        }
    }

    private static final class Tally {
        int booked;
        int started;
        int cancelled;
        int noShows;
        int completed;
        int payments;
        int refunds;
        int ratings;
        int readings;

        TickReport report() {
            return new TickReport(booked, started, cancelled, noShows, completed, payments, refunds, ratings,
                    readings);
        }
    }
}
