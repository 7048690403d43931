package io.careboard.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

@Entity
@Table(name = "ratings")
public class Rating implements Identified {

    @Id
    private String id;
    private String consultationId;
    /** The doctor of the consultation, kept here so per-doctor figures need no join. */
    private String doctorId;
    private short score;
    private String comment;
    private Instant createdAt;

    protected Rating() {
    }

    public Rating(String id, RatingState state, String doctorId) {
        this.id = id;
        apply(state, doctorId);
    }

    /** Takes {@code state} and tells whether anything changed. */
    public boolean apply(RatingState state, String doctorId) {
        boolean changed = !state().equals(state) || !Objects.equals(this.doctorId, doctorId);
        consultationId = state.consultationId();
        this.doctorId = doctorId;
        score = (short) state.score();
        comment = state.comment();
        createdAt = state.createdAt();
        return changed;
    }

    public RatingState state() {
        return new RatingState(consultationId, score, comment, createdAt);
    }

    @Override
    public String id() {
        return id;
    }

    public String doctorId() {
        return doctorId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
