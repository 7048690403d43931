package io.careboard.ingest;

import io.careboard.domain.RatingState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.hibernate.validator.constraints.CodePointLength;

/** {@code PUT /ratings/{id}}: a whole score from 1 to 5 (4.5 is a type error), an optional comment. */
@RegisterForReflection
public record RatingBody(
        @NotNull @EntityId String consultationId,
        @NotNull @Min(1) @Max(5) Integer score,
        @CodePointLength(max = 2000) @PlainText String comment,
        @NotNull Instant createdAt) implements IngestBody<RatingState> {

    @Override
    public RatingState toState() {
        return new RatingState(consultationId, score, comment, createdAt);
    }
}
