package io.careboard.domain.event;

import io.careboard.domain.ConsultationStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * Any other change of a known consultation: it started, was rescheduled or reassigned, got a
 * diagnosis, or its status moved back. Not in the contract's event list; it exists so that no
 * change leaves a cached figure stale until its TTL.
 */
@RegisterForReflection
public record ConsultationChanged(String consultationId, String doctorId, ConsultationStatus status,
        Instant scheduledAt) implements DomainEvent {
}
