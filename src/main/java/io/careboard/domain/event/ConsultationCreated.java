package io.careboard.domain.event;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A consultation the read model did not know before. */
@RegisterForReflection
public record ConsultationCreated(String consultationId, String doctorId, String patientId, Instant scheduledAt)
        implements DomainEvent {
}
