package io.careboard.ingest;

import io.careboard.domain.Doctor;
import io.careboard.domain.DoctorRepository;
import io.careboard.domain.DoctorState;
import io.careboard.domain.event.DomainEvent;
import io.careboard.domain.event.DoctorChanged;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** Doctors: versioned by {@code updated_at}; a new doctor changes no figure, so it fires nothing. */
@Singleton
class DoctorHandler extends KindHandler<DoctorState, Doctor> {

    DoctorHandler(DoctorRepository repository) {
        super(EntityKind.DOCTOR, DoctorState.class, repository);
    }

    @Override
    DoctorState normalise(DoctorState s, StateChecks checks) {
        return new DoctorState(s.fullName(), s.specialty(), s.active(), checks.instant(s.updatedAt()));
    }

    @Override
    List<Reference> references(DoctorState state) {
        return List.of();
    }

    @Override
    Instant version(DoctorState state) {
        return state.updatedAt();
    }

    @Override
    Doctor create(String id, DoctorState state, UnitOfWork work) {
        return new Doctor(id, state);
    }

    @Override
    boolean apply(Doctor doctor, DoctorState state, UnitOfWork work) {
        return doctor.apply(state);
    }

    @Override
    DoctorState state(Doctor doctor) {
        return doctor.state();
    }

    @Override
    List<DomainEvent> events(DoctorState before, Doctor after) {
        return before == null ? List.of() : List.of(new DoctorChanged(after.id()));
    }
}
