package io.careboard.metrics.doctors;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code data} of {@code GET /analytics/doctors} (contract §3).
 *
 * @param activeDoctors doctors with at least one completed consultation in the window
 * @param doctors       the table, ordered by the requested sort and cut to the requested limit
 */
@RegisterForReflection
public record DoctorMetrics(long activeDoctors, List<DoctorPerformance> doctors) {

    /**
     * One doctor's figures in the window.
     *
     * @param consultations      consultations scheduled in the window, any status
     * @param completionRate     completed / (completed + cancelled + no_show); null when that is 0
     * @param avgRating          the plain mean of the doctor's ratings; null without ratings
     * @param bayesianRating     the mean pulled towards the platform's; null only when the window has no rating
     * @param revenue            net: gross of payments paid in the window minus refunds made in it
     * @param avgDurationMinutes over completed consultations with both times; null when none
     */
    @RegisterForReflection
    public record DoctorPerformance(String doctorId, String fullName, String specialty, long consultations,
            long completed, BigDecimal completionRate, BigDecimal avgRating, long ratingCount,
            BigDecimal bayesianRating, BigDecimal revenue, BigDecimal avgDurationMinutes) {
    }
}
