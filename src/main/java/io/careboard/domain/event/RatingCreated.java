package io.careboard.domain.event;

import java.time.Instant;

/** A rating the read model did not know before. */
public record RatingCreated(String ratingId, String consultationId, String doctorId, int score, Instant createdAt)
        implements DomainEvent {
}
