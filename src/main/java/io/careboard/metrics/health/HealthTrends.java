package io.careboard.metrics.health;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code data} of {@code GET /analytics/health-trends} (contract §3). Every count that small-cell
 * suppression hides is null, and its path relative to {@code data} is listed in {@code suppressed}.
 */
@RegisterForReflection
public record HealthTrends(
        List<Diagnosis> topDiagnoses,
        Map<String, Long> byAgeGroup,
        Map<String, Long> bySex,
        List<Vital> vitals,
        List<String> suppressed) {

    /** Completed consultations with this diagnosis in the window and in the previous one. */
    @RegisterForReflection
    public record Diagnosis(String code, Long count, Long previousCount, BigDecimal changePercent) {
    }

    /** One LOINC code's readings over the period's buckets. */
    @RegisterForReflection
    public record Vital(String code, List<VitalPoint> series) {
    }

    /** The readings in one bucket and their mean (1 digit). */
    @RegisterForReflection
    public record VitalPoint(String bucket, Long readings, BigDecimal avg) {
    }
}
