package io.careboard.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** A vital-sign reading as the platform sends it; {@code observedAt} orders its versions. */
public record HealthObservationState(String patientId, String code, BigDecimal value, String unit,
        Instant observedAt) {
}
