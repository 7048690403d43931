package io.careboard.metrics.overview;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;

/** {@code data} of {@code GET /analytics/overview} (contract §3): the dashboard's headline figures. */
@RegisterForReflection
public record Overview(
        Consultations consultations,
        Revenue revenue,
        Ratings ratings,
        long activeDoctors,
        long activePatients,
        long inProgressNow) {

    /** {@code change_percent} is the change of {@code total} against the previous window. */
    @RegisterForReflection
    public record Consultations(long total, long completed, BigDecimal completionRate, BigDecimal changePercent) {
    }

    /** Net revenue and its change against the previous window. */
    @RegisterForReflection
    public record Revenue(BigDecimal net, BigDecimal changePercent) {
    }

    /** Ratings created in the window: their mean (2 digits, null without ratings) and count. */
    @RegisterForReflection
    public record Ratings(BigDecimal avg, long count) {
    }
}
