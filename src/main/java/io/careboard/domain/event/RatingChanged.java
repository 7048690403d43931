package io.careboard.domain.event;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A known rating sent again with another score, comment or time. */
@RegisterForReflection
public record RatingChanged(String ratingId, String consultationId, String doctorId, int score, Instant createdAt)
        implements DomainEvent {
}
