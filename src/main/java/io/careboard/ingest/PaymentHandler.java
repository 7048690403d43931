package io.careboard.ingest;

import io.careboard.domain.Payment;
import io.careboard.domain.PaymentRepository;
import io.careboard.domain.PaymentState;
import io.careboard.domain.PaymentStatus;
import io.careboard.domain.event.DomainEvent;
import io.careboard.domain.event.PaymentChanged;
import io.careboard.domain.event.PaymentRecorded;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Payments: versioned by {@code updated_at}; they carry the doctor of their consultation. */
@Singleton
class PaymentHandler extends KindHandler<PaymentState, Payment> {

    PaymentHandler(PaymentRepository repository) {
        super(EntityKind.PAYMENT, PaymentState.class, repository);
    }

    /** Enforces in Java what the payments table checks, so bad input is a 400 and never a 500. */
    @Override
    PaymentState normalise(PaymentState s, StateChecks checks) {
        BigDecimal amount = checks.money("amount", s.amount());
        BigDecimal refunded = checks.money("refunded_amount", s.refundedAmount());
        checks.require(amount == null || refunded == null || refunded.compareTo(amount) <= 0, "refunded_amount",
                "must not be greater than amount");
        checks.require(s.status() == PaymentStatus.FAILED || s.paidAt() != null, "paid_at",
                "is required when status is paid or refunded");
        checks.require(s.status() != PaymentStatus.REFUNDED || s.refundedAt() != null, "refunded_at",
                "is required when status is refunded");
        return new PaymentState(s.consultationId(), amount, s.method(), s.status(), checks.instant(s.paidAt()),
                checks.instant(s.refundedAt()), refunded, checks.instant(s.updatedAt()));
    }

    @Override
    List<Reference> references(PaymentState state) {
        return List.of(new Reference("consultation_id", EntityKind.CONSULTATION, state.consultationId()));
    }

    @Override
    Instant version(PaymentState state) {
        return state.updatedAt();
    }

    @Override
    Payment create(String id, PaymentState state, UnitOfWork work) {
        return new Payment(id, state, ConsultationHandler.doctorOf(state.consultationId(), work));
    }

    @Override
    boolean apply(Payment payment, PaymentState state, UnitOfWork work) {
        return payment.apply(state, ConsultationHandler.doctorOf(state.consultationId(), work));
    }

    @Override
    PaymentState state(Payment payment) {
        return payment.state();
    }

    /** Recorded when it became paid or refunded (new ones included), else changed. */
    @Override
    List<DomainEvent> events(PaymentState before, Payment after) {
        PaymentState now = after.state();
        boolean becameRecorded = now.recorded() && (before == null || before.status() != now.status());
        return List.of(becameRecorded
                ? new PaymentRecorded(after.id(), now.consultationId(), after.doctorId(), now.status(), at(now))
                : new PaymentChanged(after.id(), now.consultationId(), after.doctorId(), now.status(), at(now)));
    }

    /** The instant that places the payment in the revenue windows: its refund, its payment, or its update. */
    private static Instant at(PaymentState state) {
        return switch (state.status()) {
            case REFUNDED -> state.refundedAt();
            case PAID -> state.paidAt();
            case FAILED -> state.updatedAt();
        };
    }
}
