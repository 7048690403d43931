package io.careboard.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;

/** The state of a consultation as the platform sends it; the optional fields may be null. */
@RegisterForReflection
public record ConsultationState(
        String doctorId,
        String patientId,
        ConsultationType type,
        ConsultationStatus status,
        Instant scheduledAt,
        Instant startedAt,
        Instant endedAt,
        Instant cancelledAt,
        BigDecimal fee,
        String diagnosisCode,
        Instant updatedAt) {
}
