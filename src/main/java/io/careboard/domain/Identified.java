package io.careboard.domain;

/** An entity of the read model, known by the platform's opaque id. */
public interface Identified {
    String id();
}
