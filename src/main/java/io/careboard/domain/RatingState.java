package io.careboard.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A rating as the platform sends it; {@code createdAt} orders versions of the same rating. */
@RegisterForReflection
public record RatingState(String consultationId, int score, String comment, Instant createdAt) {
}
