package io.careboard.ingest;

import io.careboard.domain.PatientState;
import io.careboard.domain.Sex;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;

/** {@code PUT /patients/{id}}; a null or absent {@code birth_date} means unknown. */
@RegisterForReflection
public record PatientBody(
        LocalDate birthDate,
        @NotNull Sex sex,
        @NotNull Instant updatedAt) implements IngestBody<PatientState> {

    @Override
    public PatientState toState() {
        return new PatientState(birthDate, sex, updatedAt);
    }
}
