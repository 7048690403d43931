package io.careboard.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

@Entity
@Table(name = "payments")
public class Payment implements Identified {

    @Id
    private String id;
    private String consultationId;
    /** The doctor of the consultation, kept here so per-doctor figures need no join. */
    private String doctorId;
    private BigDecimal amount;
    private PaymentMethod method;
    private PaymentStatus status;
    private Instant paidAt;
    private Instant refundedAt;
    private BigDecimal refundedAmount;
    private Instant updatedAt;

    protected Payment() {
    }

    public Payment(String id, PaymentState state, String doctorId) {
        this.id = id;
        apply(state, doctorId);
    }

    /** Takes {@code state} and tells whether anything but {@code updated_at} changed. */
    public boolean apply(PaymentState state, String doctorId) {
        PaymentState before = state();
        boolean changed = !Objects.equals(this.doctorId, doctorId)
                || !new PaymentState(before.consultationId(), before.amount(), before.method(), before.status(),
                        before.paidAt(), before.refundedAt(), before.refundedAmount(), state.updatedAt()).equals(state);
        consultationId = state.consultationId();
        this.doctorId = doctorId;
        amount = state.amount();
        method = state.method();
        status = state.status();
        paidAt = state.paidAt();
        refundedAt = state.refundedAt();
        refundedAmount = state.refundedAmount();
        updatedAt = state.updatedAt();
        return changed;
    }

    public PaymentState state() {
        return new PaymentState(consultationId, amount, method, status, paidAt, refundedAt, refundedAmount,
                updatedAt);
    }

    @Override
    public String id() {
        return id;
    }

    public String doctorId() {
        return doctorId;
    }

    public PaymentStatus status() {
        return status;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
