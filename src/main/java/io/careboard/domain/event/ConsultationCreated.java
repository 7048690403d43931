package io.careboard.domain.event;

import java.time.Instant;

/** A consultation the read model did not know before. */
public record ConsultationCreated(String consultationId, String doctorId, String patientId, Instant scheduledAt)
        implements DomainEvent {
}
