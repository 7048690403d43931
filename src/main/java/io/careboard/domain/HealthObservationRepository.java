package io.careboard.domain;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class HealthObservationRepository implements EntityRepository<HealthObservation> {

    @Override
    public Class<HealthObservation> entityType() {
        return HealthObservation.class;
    }
}
