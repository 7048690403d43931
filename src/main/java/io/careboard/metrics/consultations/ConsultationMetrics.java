package io.careboard.metrics.consultations;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code data} of {@code GET /analytics/consultations} (contract §3). */
@RegisterForReflection
public record ConsultationMetrics(
        long total,
        Map<String, Long> byStatus,
        Map<String, Long> byType,
        BigDecimal completionRate,
        BigDecimal avgDurationMinutes,
        BigDecimal medianDurationMinutes,
        BigDecimal avgWaitMinutes,
        List<SpecialtyCount> bySpecialty,
        List<SeriesPoint> series,
        Previous previous,
        ChangePercent changePercent) {

    @RegisterForReflection
    public record SpecialtyCount(String specialty, long total, long completed) {
    }

    @RegisterForReflection
    public record SeriesPoint(String bucket, long total, long completed) {
    }

    @RegisterForReflection
    public record Previous(long total, long completed, BigDecimal completionRate) {
    }

    @RegisterForReflection
    public record ChangePercent(BigDecimal total, BigDecimal completed) {
    }
}
