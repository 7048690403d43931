package io.careboard.ingest;

import io.careboard.domain.HealthObservationState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.validator.constraints.CodePointLength;

/** {@code PUT /health-observations/{id}}: a LOINC-coded reading, stored as {@code numeric(12, 4)}. */
@RegisterForReflection
public record HealthObservationBody(
        @NotNull @EntityId String patientId,
        @NotNull @Pattern(regexp = LOINC, message = "must be a LOINC code like 8480-6") String code,
        @NotNull @Digits(integer = 8, fraction = 4) BigDecimal value,
        @NotBlank @CodePointLength(max = 32) @PlainText String unit,
        @NotNull Instant observedAt) implements IngestBody<HealthObservationState> {

    /** A LOINC code as the health_observations table checks it. */
    public static final String LOINC = "[0-9]{1,7}-[0-9]";

    @Override
    public HealthObservationState toState() {
        return new HealthObservationState(patientId, code, value, unit, observedAt);
    }
}
