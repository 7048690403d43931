package io.careboard.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The results of a bulk ingestion, one per item, in the order of the request. */
@RegisterForReflection
public record BulkResult(List<ItemResult> items) {

    public BulkResult {
        items = List.copyOf(items);
    }

    public long applied() {
        return items.stream().filter(i -> !i.rejected() && i.outcome().applied()).count();
    }

    public long ignoredStale() {
        return items.stream().filter(i -> i.outcome() == Outcome.IGNORED_STALE).count();
    }

    public long rejected() {
        return items.stream().filter(ItemResult::rejected).count();
    }
}
