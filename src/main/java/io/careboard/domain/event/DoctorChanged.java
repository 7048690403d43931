package io.careboard.domain.event;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A doctor's name, specialty or active flag changed (a new doctor alone changes no figure). */
@RegisterForReflection
public record DoctorChanged(String doctorId) implements DomainEvent {
}
