package io.careboard.domain.event;

import io.careboard.domain.PaymentStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** Any other change of a payment: a failure, a corrected amount or time. */
@RegisterForReflection
public record PaymentChanged(String paymentId, String consultationId, String doctorId, PaymentStatus status,
        Instant at) implements DomainEvent {
}
