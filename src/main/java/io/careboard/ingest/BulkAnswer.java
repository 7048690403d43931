package io.careboard.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.careboard.problem.FieldError;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The answer of {@code POST /ingest}: counts, and one result per item in request order. */
@RegisterForReflection
public record BulkAnswer(long applied, long ignoredStale, long errors, List<Item> results) {

    /**
     * One item: {@code result} is {@code applied}, {@code ignored_stale} or {@code error};
     * {@code change} says what an applied item did; {@code status} is what a single PUT of the item
     * would have answered (201, 200 or 422); {@code errors} name the unknown references.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, EntityKind kind, String id, String result, Outcome change, int status,
            List<FieldError> errors) {

        static Item of(ItemResult item) {
            if (item.rejected()) {
                return new Item(item.index(), item.kind(), item.id(), "error", null, 422, item.errors());
            }
            Outcome outcome = item.outcome();
            return outcome.applied()
                    ? new Item(item.index(), item.kind(), item.id(), "applied", outcome,
                            outcome == Outcome.CREATED ? 201 : 200, null)
                    : new Item(item.index(), item.kind(), item.id(), outcome.wire(), null, 200, null);
        }
    }

    static BulkAnswer of(BulkResult result) {
        return new BulkAnswer(result.applied(), result.ignoredStale(), result.rejected(),
                result.items().stream().map(Item::of).toList());
    }
}
