package io.careboard.ingest;

import io.careboard.domain.HealthObservation;
import io.careboard.domain.HealthObservationRepository;
import io.careboard.domain.HealthObservationState;
import io.careboard.domain.event.DomainEvent;
import io.careboard.domain.event.HealthDataUpdated;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** Vital-sign readings: versioned by {@code observed_at}, referring to a patient. */
@Singleton
class HealthObservationHandler extends KindHandler<HealthObservationState, HealthObservation> {

    HealthObservationHandler(HealthObservationRepository repository) {
        super(EntityKind.HEALTH_OBSERVATION, HealthObservationState.class, repository);
    }

    /** The value at the column's {@code numeric(12, 4)}, so a re-send compares equal. */
    @Override
    HealthObservationState normalise(HealthObservationState s, StateChecks checks) {
        return new HealthObservationState(s.patientId(), s.code(), checks.decimal("value", s.value(), 8, 4), s.unit(),
                checks.instant(s.observedAt()));
    }

    @Override
    List<Reference> references(HealthObservationState state) {
        return List.of(new Reference("patient_id", EntityKind.PATIENT, state.patientId()));
    }

    @Override
    Instant version(HealthObservationState state) {
        return state.observedAt();
    }

    @Override
    HealthObservation create(String id, HealthObservationState state, UnitOfWork work) {
        return new HealthObservation(id, state);
    }

    @Override
    boolean apply(HealthObservation observation, HealthObservationState state, UnitOfWork work) {
        return observation.apply(state);
    }

    @Override
    HealthObservationState state(HealthObservation observation) {
        return observation.state();
    }

    @Override
    List<DomainEvent> events(HealthObservationState before, HealthObservation after) {
        return List.of(new HealthDataUpdated(after.patientId(), after.id(), after.observedAt()));
    }
}
