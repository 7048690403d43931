package io.careboard.domain.event;

/** A doctor's name, specialty or active flag changed (a new doctor alone changes no figure). */
public record DoctorChanged(String doctorId) implements DomainEvent {
}
