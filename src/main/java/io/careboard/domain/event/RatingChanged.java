package io.careboard.domain.event;

import java.time.Instant;

/** A known rating sent again with another score, comment or time. */
public record RatingChanged(String ratingId, String consultationId, String doctorId, int score, Instant createdAt)
        implements DomainEvent {
}
