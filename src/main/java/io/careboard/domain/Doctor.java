package io.careboard.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

@Entity
@Table(name = "doctors")
public class Doctor implements Identified {

    @Id
    private String id;
    private String fullName;
    private String specialty;
    private boolean active;
    private Instant updatedAt;

    protected Doctor() {
    }

    public Doctor(String id, DoctorState state) {
        this.id = id;
        apply(state);
    }

    /** Takes {@code state} and tells whether anything changed. */
    public boolean apply(DoctorState state) {
        boolean changed = !Objects.equals(fullName, state.fullName())
                || !Objects.equals(specialty, state.specialty())
                || active != state.active();
        fullName = state.fullName();
        specialty = state.specialty();
        active = state.active();
        updatedAt = state.updatedAt();
        return changed;
    }

    /** The stored state, comparable with what the platform sends. */
    public DoctorState state() {
        return new DoctorState(fullName, specialty, active, updatedAt);
    }

    @Override
    public String id() {
        return id;
    }

    public String fullName() {
        return fullName;
    }

    public String specialty() {
        return specialty;
    }

    public boolean active() {
        return active;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
