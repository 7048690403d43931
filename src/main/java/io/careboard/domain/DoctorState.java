package io.careboard.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** The state of a doctor as the platform sends it. */
@RegisterForReflection
public record DoctorState(String fullName, String specialty, boolean active, Instant updatedAt) {
}
