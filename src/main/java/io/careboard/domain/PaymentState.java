package io.careboard.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;

/** A payment as the platform sends it; the optional fields may be null. */
@RegisterForReflection
public record PaymentState(
        String consultationId,
        BigDecimal amount,
        PaymentMethod method,
        PaymentStatus status,
        Instant paidAt,
        Instant refundedAt,
        BigDecimal refundedAmount,
        Instant updatedAt) {

    /** Whether the payment counts as revenue: paid, or paid and later refunded. */
    public boolean recorded() {
        return status == PaymentStatus.PAID || status == PaymentStatus.REFUNDED;
    }
}
