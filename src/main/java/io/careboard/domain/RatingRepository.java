package io.careboard.domain;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RatingRepository implements EntityRepository<Rating> {

    @Override
    public Class<Rating> entityType() {
        return Rating.class;
    }
}
