package io.careboard.ingest;

import io.careboard.domain.ConsultationState;
import io.careboard.domain.DoctorState;
import io.careboard.domain.HealthObservationState;
import io.careboard.domain.PatientState;
import io.careboard.domain.PaymentState;
import io.careboard.domain.RatingState;
import io.careboard.domain.WireEnum;

/**
 * The kinds of entity the platform pushes, spelled {@code doctor} … {@code health_observation} on
 * the wire. Declared in dependency order: a kind refers only to kinds declared before it, which
 * is the order in which new rows are inserted.
 */
public enum EntityKind implements WireEnum {
    DOCTOR(DoctorState.class),
    PATIENT(PatientState.class),
    CONSULTATION(ConsultationState.class),
    RATING(RatingState.class),
    PAYMENT(PaymentState.class),
    HEALTH_OBSERVATION(HealthObservationState.class);

    private final Class<? extends Record> stateType;

    EntityKind(Class<? extends Record> stateType) {
        this.stateType = stateType;
    }

    /** The domain state record that describes an entity of this kind. */
    public Class<? extends Record> stateType() {
        return stateType;
    }
}
