package io.careboard.domain;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RatingRepository implements EntityRepository<Rating> {
}
