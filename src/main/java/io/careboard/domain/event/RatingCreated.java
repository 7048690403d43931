package io.careboard.domain.event;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A rating the read model did not know before. */
@RegisterForReflection
public record RatingCreated(String ratingId, String consultationId, String doctorId, int score, Instant createdAt)
        implements DomainEvent {
}
