package io.careboard.ingest;

import io.careboard.domain.Consultation;
import io.careboard.domain.ConsultationRepository;
import io.careboard.domain.ConsultationState;
import io.careboard.domain.ConsultationStatus;
import io.careboard.domain.event.ConsultationCancelled;
import io.careboard.domain.event.ConsultationChanged;
import io.careboard.domain.event.ConsultationCompleted;
import io.careboard.domain.event.ConsultationCreated;
import io.careboard.domain.event.DomainEvent;
import jakarta.inject.Singleton;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Consultations: versioned by {@code updated_at}, referring to a doctor and a patient. Ratings and
 * payments copy a consultation's doctor, so a new doctor is carried over to them.
 */
@Singleton
class ConsultationHandler extends KindHandler<ConsultationState, Consultation> {

    private final ConsultationRepository consultations;

    ConsultationHandler(ConsultationRepository consultations) {
        super(EntityKind.CONSULTATION, ConsultationState.class, consultations);
        this.consultations = consultations;
    }

    /**
     * Share-locked while a rating or payment copies its doctor, so a concurrent reassignment waits
     * for that copy to commit and then carries it over, instead of missing it.
     */
    @Override
    LockModeType referenceLock() {
        return LockModeType.PESSIMISTIC_READ;
    }

    @Override
    ConsultationState normalise(ConsultationState s, StateChecks checks) {
        Instant startedAt = checks.instant(s.startedAt());
        Instant endedAt = checks.instant(s.endedAt());
        checks.require(startedAt == null || endedAt == null || !endedAt.isBefore(startedAt), "ended_at",
                "must not be before started_at");
        return new ConsultationState(s.doctorId(), s.patientId(), s.type(), s.status(),
                checks.instant(s.scheduledAt()), startedAt, endedAt, checks.instant(s.cancelledAt()),
                checks.money("fee", s.fee()), s.diagnosisCode(), checks.instant(s.updatedAt()));
    }

    @Override
    List<Reference> references(ConsultationState state) {
        return List.of(new Reference("doctor_id", EntityKind.DOCTOR, state.doctorId()),
                new Reference("patient_id", EntityKind.PATIENT, state.patientId()));
    }

    @Override
    Instant version(ConsultationState state) {
        return state.updatedAt();
    }

    @Override
    Consultation create(String id, ConsultationState state, UnitOfWork work) {
        return new Consultation(id, state);
    }

    @Override
    boolean apply(Consultation consultation, ConsultationState state, UnitOfWork work) {
        String doctorBefore = consultation.doctorId();
        boolean changed = consultation.apply(state);
        if (!doctorBefore.equals(state.doctorId())) {
            work.afterInsert(() -> consultations.reassignDoctor(consultation.id(), state.doctorId()));
        }
        return changed;
    }

    /** The doctor of a consultation that {@code work} knows: what its ratings and payments carry. */
    static String doctorOf(String consultationId, UnitOfWork work) {
        return work.<Consultation>get(EntityKind.CONSULTATION, consultationId).doctorId();
    }

    @Override
    ConsultationState state(Consultation consultation) {
        return consultation.state();
    }

    /**
     * Created, then completed or cancelled if it arrives so; for a known consultation, completed or
     * cancelled when its status became so, else changed.
     */
    @Override
    List<DomainEvent> events(ConsultationState before, Consultation after) {
        ConsultationState now = after.state();
        ConsultationStatus status = now.status();
        boolean statusMoved = before == null || before.status() != status;
        List<DomainEvent> events = new ArrayList<>(2);
        if (before == null) {
            events.add(new ConsultationCreated(after.id(), now.doctorId(), now.patientId(), now.scheduledAt()));
        }
        if (statusMoved && status == ConsultationStatus.COMPLETED) {
            events.add(new ConsultationCompleted(after.id(), now.doctorId(), now.scheduledAt()));
        } else if (statusMoved && (status == ConsultationStatus.CANCELLED || status == ConsultationStatus.NO_SHOW)) {
            events.add(new ConsultationCancelled(after.id(), now.doctorId(), status, now.scheduledAt()));
        } else if (before != null) {
            events.add(new ConsultationChanged(after.id(), now.doctorId(), status, now.scheduledAt()));
        }
        return events;
    }
}
