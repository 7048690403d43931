package io.careboard.domain.event;

import java.time.Instant;

/** A consultation whose status became {@code completed}. */
public record ConsultationCompleted(String consultationId, String doctorId, Instant scheduledAt)
        implements DomainEvent {
}
