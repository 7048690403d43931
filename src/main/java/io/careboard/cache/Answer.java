package io.careboard.cache;

import io.careboard.metrics.ComputedMetric;
import io.careboard.metrics.MetricQuery;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A metric answer ready to send: its {@code data} already serialised as JSON (a hot answer is
 * written many times and serialised once) and its entity tag.
 *
 * @param etag a strong tag over the query and the data: equal data, equal tag, so a recomputation
 *             that changed nothing still revalidates as 304
 */
@RegisterForReflection
public record Answer(MetricQuery query, ComputedMetric<?> computed, String dataJson, String etag,
        CacheOutcome outcome) {

    public Answer withOutcome(CacheOutcome other) {
        return other == outcome ? this : new Answer(query, computed, dataJson, etag, other);
    }
}
