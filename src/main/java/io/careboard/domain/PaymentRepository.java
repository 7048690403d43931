package io.careboard.domain;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PaymentRepository implements EntityRepository<Payment> {
}
