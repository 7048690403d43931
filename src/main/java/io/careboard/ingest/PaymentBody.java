package io.careboard.ingest;

import io.careboard.domain.PaymentMethod;
import io.careboard.domain.PaymentState;
import io.careboard.domain.PaymentStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code PUT /payments/{id}}. The rules across fields (refund not above the amount, the times a
 * status needs) are checked by the service.
 */
@RegisterForReflection
public record PaymentBody(
        @NotNull @EntityId String consultationId,
        @NotNull @Money BigDecimal amount,
        @NotNull PaymentMethod method,
        @NotNull PaymentStatus status,
        Instant paidAt,
        Instant refundedAt,
        @Money BigDecimal refundedAmount,
        @NotNull Instant updatedAt) implements IngestBody<PaymentState> {

    @Override
    public PaymentState toState() {
        return new PaymentState(consultationId, amount, method, status, paidAt, refundedAt, refundedAmount, updatedAt);
    }
}
