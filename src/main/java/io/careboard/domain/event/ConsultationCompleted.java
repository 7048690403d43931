package io.careboard.domain.event;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A consultation whose status became {@code completed}. */
@RegisterForReflection
public record ConsultationCompleted(String consultationId, String doctorId, Instant scheduledAt)
        implements DomainEvent {
}
