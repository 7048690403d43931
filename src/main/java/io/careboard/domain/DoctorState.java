package io.careboard.domain;

import java.time.Instant;

/** The state of a doctor as the platform sends it. */
public record DoctorState(String fullName, String specialty, boolean active, Instant updatedAt) {
}
