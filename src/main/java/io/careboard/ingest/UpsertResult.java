package io.careboard.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of one upsert: which entity, and what happened to it. */
@RegisterForReflection
public record UpsertResult(EntityKind kind, String id, Outcome outcome) {
}
