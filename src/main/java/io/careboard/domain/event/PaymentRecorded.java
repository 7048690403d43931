package io.careboard.domain.event;

import io.careboard.domain.PaymentStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A payment that became {@code paid} or {@code refunded}. */
@RegisterForReflection
public record PaymentRecorded(String paymentId, String consultationId, String doctorId, PaymentStatus status,
        Instant at) implements DomainEvent {
}
