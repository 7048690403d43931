package io.careboard.ingest;

import io.careboard.domain.Patient;
import io.careboard.domain.PatientRepository;
import io.careboard.domain.PatientState;
import io.careboard.domain.event.DomainEvent;
import io.careboard.domain.event.HealthDataUpdated;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Patients: versioned by {@code updated_at}. A new patient has no consultation yet and changes no
 * figure; a changed birth date or sex moves the population figures.
 */
@Singleton
class PatientHandler extends KindHandler<PatientState, Patient> {

    PatientHandler(PatientRepository repository) {
        super(EntityKind.PATIENT, PatientState.class, repository);
    }

    @Override
    PatientState normalise(PatientState s, StateChecks checks) {
        return new PatientState(s.birthDate(), s.sex(), checks.instant(s.updatedAt()));
    }

    @Override
    List<Reference> references(PatientState state) {
        return List.of();
    }

    @Override
    Instant version(PatientState state) {
        return state.updatedAt();
    }

    @Override
    Patient create(String id, PatientState state, UnitOfWork work) {
        return new Patient(id, state);
    }

    @Override
    boolean apply(Patient patient, PatientState state, UnitOfWork work) {
        return patient.apply(state);
    }

    @Override
    PatientState state(Patient patient) {
        return patient.state();
    }

    @Override
    List<DomainEvent> events(PatientState before, Patient after) {
        return before == null ? List.of() : List.of(new HealthDataUpdated(after.id(), null, after.updatedAt()));
    }
}
