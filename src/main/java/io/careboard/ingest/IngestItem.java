package io.careboard.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Objects;

/** One entity of a bulk ingestion: its kind, its id and the state the platform sends. */
@RegisterForReflection
public record IngestItem(EntityKind kind, String id, Record state) {

    public IngestItem {
        Objects.requireNonNull(kind, "kind");
        if (!kind.stateType().isInstance(state)) {
            throw new IllegalArgumentException("a " + kind.wire() + " needs a " + kind.stateType().getSimpleName());
        }
    }
}
