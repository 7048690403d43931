package io.careboard.domain.event;

import io.careboard.domain.PaymentStatus;
import java.time.Instant;

/** A payment that became {@code paid} or {@code refunded}. */
public record PaymentRecorded(String paymentId, String consultationId, String doctorId, PaymentStatus status,
        Instant at) implements DomainEvent {
}
