package io.careboard.ingest;

/** The answer of one upsert: which entity, and what happened to it. */
public record UpsertResult(EntityKind kind, String id, Outcome outcome) {
}
