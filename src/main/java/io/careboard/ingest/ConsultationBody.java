package io.careboard.ingest;

import io.careboard.domain.ConsultationState;
import io.careboard.domain.ConsultationStatus;
import io.careboard.domain.ConsultationType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Instant;

/** {@code PUT /consultations/{id}}; {@code ended_at ≥ started_at} is checked by the service. */
@RegisterForReflection
public record ConsultationBody(
        @NotNull @EntityId String doctorId,
        @NotNull @EntityId String patientId,
        @NotNull ConsultationType type,
        @NotNull ConsultationStatus status,
        @NotNull Instant scheduledAt,
        Instant startedAt,
        Instant endedAt,
        Instant cancelledAt,
        @NotNull @Money BigDecimal fee,
        @Pattern(regexp = ICD10, message = "must be an ICD-10 code like J45 or J45.909") String diagnosisCode,
        @NotNull Instant updatedAt) implements IngestBody<ConsultationState> {

    /** An ICD-10 code as the consultations table checks it. */
    public static final String ICD10 = "[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?";

    @Override
    public ConsultationState toState() {
        return new ConsultationState(doctorId, patientId, type, status, scheduledAt, startedAt, endedAt, cancelledAt,
                fee, diagnosisCode, updatedAt);
    }
}
