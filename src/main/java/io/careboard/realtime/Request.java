package io.careboard.realtime;

import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.period.PeriodName;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/** A validated client message. */
public sealed interface Request {

    /** The client's correlation id, or null. */
    String id();

    /** Subscribe to {@code topics} for one period and zone (default: today, the default zone). */
    record Subscribe(String id, Set<MetricFamily> topics, PeriodName period, ZoneId zone) implements Request {
    }

    /**
     * Drop the subscriptions to {@code topics} (all topics when the message names none) for one
     * period and zone; without a period, for every period; without a zone, for every zone.
     */
    record Unsubscribe(String id, Set<MetricFamily> topics, Optional<PeriodName> period, Optional<ZoneId> zone)
            implements Request {
    }

    /** The current values of {@code metrics}, answered as one {@code METRICS} message each. */
    record RequestMetrics(String id, Set<MetricFamily> metrics, PeriodName period, ZoneId zone) implements Request {
    }

    record Ping(String id) implements Request {
    }
}
