package io.careboard.metrics;

import io.careboard.metrics.period.ResolvedPeriod;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Optional;

/**
 * Everything that decides a metric answer: the family, the resolved period and, for the doctors'
 * table, its ranking. {@link #cacheKey()} names exactly these inputs and nothing else.
 */
@RegisterForReflection
public record MetricQuery(MetricFamily family, ResolvedPeriod period, Optional<DoctorRanking> ranking) {

    /** The query with the family's default options: the doctors' table by completed consultations, top 10. */
    public static MetricQuery of(MetricFamily family, ResolvedPeriod period) {
        return new MetricQuery(family, period,
                family == MetricFamily.DOCTORS ? Optional.of(DoctorRanking.DEFAULT) : Optional.empty());
    }

    /**
     * The cache key within the family's cache: {@code today|Europe/Berlin},
     * {@code week|UTC|rating|10}, {@code 2026-01-01|2026-03-31|week|UTC}. A named period's key
     * holds no date: its entry expires at the zone's next midnight instead.
     */
    public String cacheKey() {
        StringBuilder key = new StringBuilder();
        if (period.isRange()) {
            key.append(period.firstDay()).append('|').append(period.lastDay()).append('|')
                    .append(period.granularity().wire());
        } else {
            key.append(period.name());
        }
        key.append('|').append(period.zone().getId());
        ranking.ifPresent(r -> key.append('|').append(r.sort().wire()).append('|').append(r.limit()));
        return key.toString();
    }
}
