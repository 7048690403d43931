package io.careboard.domain.event;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * Health data changed: a vital-sign reading ({@code observationId} set) or a patient's birth date
 * or sex ({@code observationId} null).
 */
@RegisterForReflection
public record HealthDataUpdated(String patientId, String observationId, Instant at) implements DomainEvent {
}
