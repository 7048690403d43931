package io.careboard.ingest;

/** A field of a state that names another entity, which must be known before the state is stored. */
record Reference(String field, EntityKind kind, String id) {
}
