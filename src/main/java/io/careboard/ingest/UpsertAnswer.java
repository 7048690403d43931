package io.careboard.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of a PUT: {@code applied} is false only when the state was stale and dropped. */
@RegisterForReflection
public record UpsertAnswer(EntityKind kind, String id, Outcome result, boolean applied) {

    static UpsertAnswer of(UpsertResult result) {
        return new UpsertAnswer(result.kind(), result.id(), result.outcome(), result.outcome().applied());
    }
}
