package io.careboard.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;

/** The state of a patient as the platform sends it; {@code birthDate} may be unknown (null). */
@RegisterForReflection
public record PatientState(LocalDate birthDate, Sex sex, Instant updatedAt) {
}
