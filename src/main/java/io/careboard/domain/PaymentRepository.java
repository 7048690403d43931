package io.careboard.domain;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PaymentRepository implements EntityRepository<Payment> {

    @Override
    public Class<Payment> entityType() {
        return Payment.class;
    }
}
