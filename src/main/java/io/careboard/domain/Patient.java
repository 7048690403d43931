package io.careboard.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

@Entity
@Table(name = "patients")
public class Patient implements Identified {

    @Id
    private String id;
    private LocalDate birthDate;
    private Sex sex;
    private Instant updatedAt;

    protected Patient() {
    }

    public Patient(String id, PatientState state) {
        this.id = id;
        apply(state);
    }

    /** Takes {@code state} and tells whether anything changed. */
    public boolean apply(PatientState state) {
        boolean changed = !Objects.equals(birthDate, state.birthDate()) || sex != state.sex();
        birthDate = state.birthDate();
        sex = state.sex();
        updatedAt = state.updatedAt();
        return changed;
    }

    /** The stored state, comparable with what the platform sends. */
    public PatientState state() {
        return new PatientState(birthDate, sex, updatedAt);
    }

    @Override
    public String id() {
        return id;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public Sex sex() {
        return sex;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
