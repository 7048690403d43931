package io.careboard.metrics.range;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.List;

/** {@code data} of {@code GET /analytics/range} (contract §3): a series over the range and its totals. */
@RegisterForReflection
public record RangeMetrics(List<Point> series, Totals totals) {

    /** One bucket: consultations by scheduled_at, money by paid_at / refunded_at, ratings by created_at. */
    @RegisterForReflection
    public record Point(String bucket, long consultations, long completed, BigDecimal gross, BigDecimal refunds,
            BigDecimal net, long ratings, BigDecimal avgRating) {
    }

    /** The same figures over the whole range. */
    @RegisterForReflection
    public record Totals(long consultations, long completed, BigDecimal gross, BigDecimal refunds, BigDecimal net,
            long ratings, BigDecimal avgRating) {
    }
}
