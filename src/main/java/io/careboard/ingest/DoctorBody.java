package io.careboard.ingest;

import io.careboard.domain.DoctorState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.hibernate.validator.constraints.CodePointLength;

/** {@code PUT /doctors/{id}}. Lengths count characters as PostgreSQL does (code points). */
@RegisterForReflection
public record DoctorBody(
        @NotBlank @CodePointLength(max = 200) @PlainText String fullName,
        @NotBlank @CodePointLength(max = 100) @PlainText String specialty,
        @NotNull Boolean active,
        @NotNull Instant updatedAt) implements IngestBody<DoctorState> {

    @Override
    public DoctorState toState() {
        return new DoctorState(fullName, specialty, active, updatedAt);
    }
}
