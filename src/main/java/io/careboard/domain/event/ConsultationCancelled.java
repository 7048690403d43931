package io.careboard.domain.event;

import io.careboard.domain.ConsultationStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A consultation whose status became {@code cancelled} or {@code no_show}. */
@RegisterForReflection
public record ConsultationCancelled(String consultationId, String doctorId, ConsultationStatus status,
        Instant scheduledAt) implements DomainEvent {
}
