package io.careboard.ingest;

import io.careboard.domain.Rating;
import io.careboard.domain.RatingRepository;
import io.careboard.domain.RatingState;
import io.careboard.domain.event.DomainEvent;
import io.careboard.domain.event.RatingChanged;
import io.careboard.domain.event.RatingCreated;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** Ratings: versioned by {@code created_at}; they carry the doctor of their consultation. */
@Singleton
class RatingHandler extends KindHandler<RatingState, Rating> {

    RatingHandler(RatingRepository repository) {
        super(EntityKind.RATING, RatingState.class, repository);
    }

    @Override
    RatingState normalise(RatingState s, StateChecks checks) {
        return new RatingState(s.consultationId(), s.score(), s.comment(), checks.instant(s.createdAt()));
    }

    @Override
    List<Reference> references(RatingState state) {
        return List.of(new Reference("consultation_id", EntityKind.CONSULTATION, state.consultationId()));
    }

    @Override
    Instant version(RatingState state) {
        return state.createdAt();
    }

    @Override
    Rating create(String id, RatingState state, UnitOfWork work) {
        return new Rating(id, state, ConsultationHandler.doctorOf(state.consultationId(), work));
    }

    @Override
    boolean apply(Rating rating, RatingState state, UnitOfWork work) {
        return rating.apply(state, ConsultationHandler.doctorOf(state.consultationId(), work));
    }

    @Override
    RatingState state(Rating rating) {
        return rating.state();
    }

    @Override
    List<DomainEvent> events(RatingState before, Rating after) {
        RatingState now = after.state();
        return List.of(before == null
                ? new RatingCreated(after.id(), now.consultationId(), after.doctorId(), now.score(), now.createdAt())
                : new RatingChanged(after.id(), now.consultationId(), after.doctorId(), now.score(), now.createdAt()));
    }
}
