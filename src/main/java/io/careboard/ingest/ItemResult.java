package io.careboard.ingest;

import io.careboard.problem.FieldError;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What became of one item of a bulk ingestion: an {@link Outcome}, or, when it referred to an
 * entity Careboard does not know, the offending fields (then {@code outcome} is null and nothing
 * of the item was stored).
 */
@RegisterForReflection
public record ItemResult(int index, EntityKind kind, String id, Outcome outcome, List<FieldError> errors) {

    static ItemResult of(int index, IngestItem item, Outcome outcome) {
        return new ItemResult(index, item.kind(), item.id(), outcome, List.of());
    }

    static ItemResult rejected(int index, IngestItem item, FieldError error) {
        return new ItemResult(index, item.kind(), item.id(), null, List.of(error));
    }

    public boolean rejected() {
        return outcome == null;
    }
}
