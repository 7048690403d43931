package io.careboard.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;

/** A vital-sign reading as the platform sends it; {@code observedAt} orders its versions. */
@RegisterForReflection
public record HealthObservationState(String patientId, String code, BigDecimal value, String unit,
        Instant observedAt) {
}
