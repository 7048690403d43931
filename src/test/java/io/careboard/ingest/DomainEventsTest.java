package io.careboard.ingest;

import static io.careboard.ingest.IngestRequests.T1;
import static io.careboard.ingest.IngestRequests.ingest;
import static io.careboard.ingest.IngestRequests.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.careboard.support.Fixtures;
import io.careboard.support.ReadModelRows;
import io.careboard.domain.ConsultationState;
import io.careboard.domain.ConsultationStatus;
import io.careboard.domain.ConsultationType;
import io.careboard.domain.DoctorState;
import io.careboard.domain.HealthObservationState;
import io.careboard.domain.PatientState;
import io.careboard.domain.PaymentMethod;
import io.careboard.domain.PaymentState;
import io.careboard.domain.PaymentStatus;
import io.careboard.domain.RatingState;
import io.careboard.domain.Sex;
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
import io.careboard.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The domain events of each transition, fired once, after commit only. */
@QuarkusTest
class DomainEventsTest {

    private static final Instant AT = Instant.parse("2026-11-02T09:00:00Z");

    @Inject
    IngestService service;
    @Inject
    RecordedEvents recorded;
    @Inject
    Fixtures fixtures;
    @Inject
    ReadModelRows rows;

    private Instant clock = Instant.parse(T1);

    @BeforeEach
    void clean() {
        fixtures.reset();
        recorded.drain();
    }

    @AfterEach
    void noEventLeftUnchecked() {
        assertEquals(List.of(), recorded.drain());
    }

    @Test
    void doctors() {
        service.upsertDoctor("d1", doctor("cardiology", true));
        assertEvents();
        service.upsertDoctor("d1", doctor("cardiology", false));
        assertEvents(new DoctorChanged("d1"));
        service.upsertDoctor("d1", doctor("cardiology", false));
        assertEvents();
    }

    @Test
    void patients() {
        service.upsertPatient("p1", patient(Sex.FEMALE));
        assertEvents();
        PatientState male = patient(Sex.MALE);
        service.upsertPatient("p1", male);
        assertEvents(new HealthDataUpdated("p1", null, male.updatedAt()));
        service.upsertPatient("p1", patient(Sex.MALE));
        assertEvents();
    }

    @Test
    void consultationsFromCreationToCancellation() {
        seedDoctorsAndPatient();
        service.upsertConsultation("c1", consultation("d1", ConsultationStatus.SCHEDULED, null));
        assertEvents(new ConsultationCreated("c1", "d1", "p1", AT));
        service.upsertConsultation("c1", consultation("d1", ConsultationStatus.IN_PROGRESS, null));
        assertEvents(new ConsultationChanged("c1", "d1", ConsultationStatus.IN_PROGRESS, AT));
        ConsultationState completed = consultation("d1", ConsultationStatus.COMPLETED, null);
        service.upsertConsultation("c1", completed);
        assertEvents(new ConsultationCompleted("c1", "d1", AT));
        service.upsertConsultation("c1", completed);
        service.upsertConsultation("c1", consultation("d1", ConsultationStatus.COMPLETED, null));
        assertEvents();
        service.upsertConsultation("c1", consultation("d1", ConsultationStatus.COMPLETED, "J45"));
        assertEvents(new ConsultationChanged("c1", "d1", ConsultationStatus.COMPLETED, AT));
        service.upsertConsultation("c1", consultation("d2", ConsultationStatus.COMPLETED, "J45"));
        assertEvents(new ConsultationChanged("c1", "d2", ConsultationStatus.COMPLETED, AT));
        service.upsertConsultation("c1", consultation("d2", ConsultationStatus.CANCELLED, "J45"));
        assertEvents(new ConsultationCancelled("c1", "d2", ConsultationStatus.CANCELLED, AT));
        service.upsertConsultation("c1", consultation("d2", ConsultationStatus.NO_SHOW, "J45"));
        assertEvents(new ConsultationCancelled("c1", "d2", ConsultationStatus.NO_SHOW, AT));
        service.upsertConsultation("c1", withUpdatedAt(completed, Instant.parse(T1)));
        assertEvents();
    }

    @Test
    void consultationsCreatedInATerminalStatus() {
        seedDoctorsAndPatient();
        service.upsertConsultation("c1", consultation("d1", ConsultationStatus.COMPLETED, null));
        assertEvents(new ConsultationCreated("c1", "d1", "p1", AT), new ConsultationCompleted("c1", "d1", AT));
        service.upsertConsultation("c2", consultation("d1", ConsultationStatus.NO_SHOW, null));
        assertEvents(new ConsultationCreated("c2", "d1", "p1", AT),
                new ConsultationCancelled("c2", "d1", ConsultationStatus.NO_SHOW, AT));
    }

    @Test
    void ratings() {
        seedConsultation();
        RatingState four = new RatingState("c1", 4, "fine", AT);
        service.upsertRating("r1", four);
        assertEvents(new RatingCreated("r1", "c1", "d1", 4, AT));
        service.upsertRating("r1", four);
        assertEvents();
        service.upsertRating("r1", new RatingState("c1", 2, "on second thought", AT));
        assertEvents(new RatingChanged("r1", "c1", "d1", 2, AT));
    }

    @Test
    void payments() {
        seedConsultation();
        Instant paid = AT.plusSeconds(60);
        Instant refunded = AT.plusSeconds(3600);
        service.upsertPayment("pay1", payment(PaymentStatus.FAILED, null, null, null));
        assertEvents(new PaymentChanged("pay1", "c1", "d1", PaymentStatus.FAILED, clock));
        service.upsertPayment("pay1", payment(PaymentStatus.PAID, paid, null, null));
        assertEvents(new PaymentRecorded("pay1", "c1", "d1", PaymentStatus.PAID, paid));
        service.upsertPayment("pay2", payment(PaymentStatus.PAID, paid, null, null));
        assertEvents(new PaymentRecorded("pay2", "c1", "d1", PaymentStatus.PAID, paid));
        service.upsertPayment("pay2", payment(PaymentStatus.REFUNDED, paid, refunded, new BigDecimal("10")));
        assertEvents(new PaymentRecorded("pay2", "c1", "d1", PaymentStatus.REFUNDED, refunded));
        service.upsertPayment("pay2", payment(PaymentStatus.REFUNDED, paid, refunded, new BigDecimal("10.00")));
        assertEvents();
        service.upsertPayment("pay2", payment(PaymentStatus.REFUNDED, paid, refunded, new BigDecimal("12")));
        assertEvents(new PaymentChanged("pay2", "c1", "d1", PaymentStatus.REFUNDED, refunded));
    }

    @Test
    void healthObservations() {
        service.upsertPatient("p1", patient(Sex.OTHER));
        HealthObservationState reading = new HealthObservationState("p1", "8867-4", new BigDecimal("72"), "/min", AT);
        service.upsertHealthObservation("o1", reading);
        assertEvents(new HealthDataUpdated("p1", "o1", AT));
        service.upsertHealthObservation("o1", reading);
        assertEvents();
        service.upsertHealthObservation("o1", new HealthObservationState("p1", "8867-4", new BigDecimal("74.5"),
                "/min", AT));
        assertEvents(new HealthDataUpdated("p1", "o1", AT));
    }

    @Test
    void aRolledBackTransactionFiresNothingAndStoresNothing() {
        QuarkusTransaction.begin();
        try {
            service.upsertDoctor("d1", doctor("cardiology", true));
            service.upsertPatient("p1", patient(Sex.FEMALE));
            service.upsertConsultation("c1", consultation("d1", ConsultationStatus.COMPLETED, null));
        } finally {
            QuarkusTransaction.rollback();
        }
        assertEvents();
        assertEquals(0L, rows.count("consultations"));
    }

    @Test
    void aFailedCallFiresNothing() {
        seedConsultation();
        ProblemException.UnknownReference unknown = assertThrows(ProblemException.UnknownReference.class,
                () -> service.upsertRating("r1", new RatingState("ghost", 5, null, AT)));
        assertEquals("consultation_id", unknown.errors().get(0).field());
        assertThrows(ProblemException.InvalidInput.class,
                () -> service.upsertPayment("pay1", payment(PaymentStatus.PAID, null, null, null)));
        ingest().body(List.of(item("doctor", "d9", IngestRequests.doctor()),
                item("rating", "r9", IngestRequests.with(IngestRequests.rating("c1"), "score", 9))))
                .when().post("/api/v1/ingest").then().statusCode(400);
        assertEvents();
    }

    @Test
    void aBulkFiresTheEventsOfItsAppliedItemsOnly() {
        seedConsultation();
        service.ingest(List.of(
                new IngestItem(EntityKind.RATING, "r1", new RatingState("c1", 5, null, AT)),
                new IngestItem(EntityKind.RATING, "r2", new RatingState("ghost", 5, null, AT)),
                new IngestItem(EntityKind.CONSULTATION, "c1", consultation("d1", ConsultationStatus.COMPLETED, null))));
        assertEvents(new RatingCreated("r1", "c1", "d1", 5, AT), new ConsultationCompleted("c1", "d1", AT));
    }

    /** Row locks make two concurrent upserts of one transition fire it once, and a lost insert race is retried. */
    @Test
    void concurrentUpsertsFireATransitionOnce() throws Exception {
        seedDoctorsAndPatient();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String id = "c" + round;
                ConsultationState scheduled = consultation("d1", ConsultationStatus.SCHEDULED, null);
                List<Outcome> created = race(pool, () -> service.upsertConsultation(id, scheduled).outcome());
                assertEquals(List.of(Outcome.CREATED, Outcome.UNCHANGED), sorted(created));
                ConsultationState completed = consultation("d1", ConsultationStatus.COMPLETED, null);
                List<Outcome> updated = race(pool, () -> service.upsertConsultation(id, completed).outcome());
                assertEquals(List.of(Outcome.UPDATED, Outcome.UNCHANGED), sorted(updated));
                assertEvents(new ConsultationCreated(id, "d1", "p1", AT), new ConsultationCompleted(id, "d1", AT));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> List<T> race(ExecutorService pool, Callable<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<T> afterBarrier = () -> {
            start.await(10, TimeUnit.SECONDS);
            return task.call();
        };
        List<Future<T>> futures = List.of(pool.submit(afterBarrier), pool.submit(afterBarrier));
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private static List<Outcome> sorted(List<Outcome> outcomes) {
        return outcomes.stream().sorted().toList();
    }

    /** The events since the last check; their order after commit is the transaction manager's, so not compared. */
    private void assertEvents(DomainEvent... expected) {
        List<DomainEvent> actual = recorded.drain();
        assertEquals(expected.length, actual.size(), () -> "events " + actual);
        assertEquals(Set.of(expected), Set.copyOf(actual));
    }

    private void seedDoctorsAndPatient() {
        service.upsertDoctor("d1", doctor("cardiology", true));
        service.upsertDoctor("d2", doctor("neurology", true));
        service.upsertPatient("p1", patient(Sex.FEMALE));
    }

    private void seedConsultation() {
        seedDoctorsAndPatient();
        service.upsertConsultation("c1", consultation("d1", ConsultationStatus.SCHEDULED, null));
        recorded.drain();
    }

    /** A state one second newer than the previous one. */
    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }

    private DoctorState doctor(String specialty, boolean active) {
        return new DoctorState("Dr. Example", specialty, active, tick());
    }

    private PatientState patient(Sex sex) {
        return new PatientState(LocalDate.of(1970, 5, 17), sex, tick());
    }

    private ConsultationState consultation(String doctorId, ConsultationStatus status, String diagnosis) {
        return new ConsultationState(doctorId, "p1", ConsultationType.VIDEO, status, AT, null, null, null,
                new BigDecimal("40.00"), diagnosis, tick());
    }

    private static ConsultationState withUpdatedAt(ConsultationState s, Instant updatedAt) {
        return new ConsultationState(s.doctorId(), s.patientId(), s.type(), s.status(), s.scheduledAt(),
                s.startedAt(), s.endedAt(), s.cancelledAt(), s.fee(), s.diagnosisCode(), updatedAt);
    }

    private PaymentState payment(PaymentStatus status, Instant paidAt, Instant refundedAt, BigDecimal refunded) {
        return new PaymentState("c1", new BigDecimal("40"), PaymentMethod.CARD, status, paidAt, refundedAt, refunded,
                tick());
    }
}
