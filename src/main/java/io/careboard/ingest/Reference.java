package io.careboard.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A field of a state that names another entity, which must be known before the state is stored. */
@RegisterForReflection
record Reference(String field, EntityKind kind, String id) {
}
