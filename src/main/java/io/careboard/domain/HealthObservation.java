package io.careboard.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "health_observations")
public class HealthObservation implements Identified {

    @Id
    private String id;
    private String patientId;
    private String code;
    private BigDecimal value;
    private String unit;
    private Instant observedAt;

    protected HealthObservation() {
    }

    public HealthObservation(String id, HealthObservationState state) {
        this.id = id;
        apply(state);
    }

    /** Takes {@code state} and tells whether anything changed. */
    public boolean apply(HealthObservationState state) {
        boolean changed = !state().equals(state);
        patientId = state.patientId();
        code = state.code();
        value = state.value();
        unit = state.unit();
        observedAt = state.observedAt();
        return changed;
    }

    public HealthObservationState state() {
        return new HealthObservationState(patientId, code, value, unit, observedAt);
    }

    @Override
    public String id() {
        return id;
    }

    public String patientId() {
        return patientId;
    }

    public Instant observedAt() {
        return observedAt;
    }
}
