package io.careboard.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "consultations")
public class Consultation implements Identified {

    @Id
    private String id;
    private String doctorId;
    private String patientId;
    private ConsultationType type;
    private ConsultationStatus status;
    private Instant scheduledAt;
    private Instant startedAt;
    private Instant endedAt;
    private Instant cancelledAt;
    private BigDecimal fee;
    private String diagnosisCode;
    private Instant updatedAt;

    protected Consultation() {
    }

    public Consultation(String id, ConsultationState state) {
        this.id = id;
        apply(state);
    }

    /** Takes {@code state} and tells whether anything but {@code updated_at} changed. */
    public boolean apply(ConsultationState state) {
        boolean changed = !state().equals(withUpdatedAt(state, updatedAt));
        doctorId = state.doctorId();
        patientId = state.patientId();
        type = state.type();
        status = state.status();
        scheduledAt = state.scheduledAt();
        startedAt = state.startedAt();
        endedAt = state.endedAt();
        cancelledAt = state.cancelledAt();
        fee = state.fee();
        diagnosisCode = state.diagnosisCode();
        updatedAt = state.updatedAt();
        return changed;
    }

    /** The stored state, comparable with what the platform sends. */
    public ConsultationState state() {
        return new ConsultationState(doctorId, patientId, type, status, scheduledAt, startedAt, endedAt,
                cancelledAt, fee, diagnosisCode, updatedAt);
    }

    private static ConsultationState withUpdatedAt(ConsultationState s, Instant updatedAt) {
        return new ConsultationState(s.doctorId(), s.patientId(), s.type(), s.status(), s.scheduledAt(),
                s.startedAt(), s.endedAt(), s.cancelledAt(), s.fee(), s.diagnosisCode(), updatedAt);
    }

    @Override
    public String id() {
        return id;
    }

    public String doctorId() {
        return doctorId;
    }

    public String patientId() {
        return patientId;
    }

    public ConsultationStatus status() {
        return status;
    }

    public Instant scheduledAt() {
        return scheduledAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
